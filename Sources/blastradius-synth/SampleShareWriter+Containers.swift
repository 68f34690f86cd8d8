import Foundation

/// Archives and documents in the sample share: the data a plain-text sweep misses, in a zip backup
/// with a zip inside it, a workbook with SSNs stored as numbers, a mail whose quoted-printable
/// body splits an SSN, and a PDF report.
extension SampleShareWriter {
  /// 1 January 2013, for member times.
  static let memberTime = 1_356_998_400

  mutating func writeContainersAndDocuments() throws {
    try writeBackup()
    try writeWorkbook()
    try writeMail()
    try writeReport()
  }

  private mutating func writeBackup() throws {
    let path = "backup/hr-2013.zip"
    let (a, b, c) = (factory.ssn(), factory.ssn(), factory.ssn())
    var inner = ZipWriter()
    inner.add("notes.txt", "Old HR note\nSSN: \(ValueFormat.dashedSSN(c))\n", modified: Self.memberTime)
    var outer = ZipWriter()
    outer.add(
      "hr/terminated.csv", "name,ssn\nAnn Lee,\(a)\nBo Chan,\(ValueFormat.dashedSSN(b))\n",
      modified: Self.memberTime)
    outer.add("old/2012.zip", try inner.archive(), modified: Self.memberTime)
    try write(path, Data(try outer.archive()))
    for ssn in [a, b, c] { plant(.usSSN, ssn, in: path) }
  }

  private mutating func writeWorkbook() throws {
    let path = "hr/payroll.xlsx"
    let ssns = (0..<3).map { _ in factory.ssn() }
    let rows = ssns.enumerated().map { i, ssn in
      #"<row r="\#(i + 2)"><c r="A\#(i + 2)" t="inlineStr"><is><t>Employee \#(i + 1)</t></is></c><c r="B\#(i + 2)"><v>\#(Int(ssn)!)</v></c></row>"#
    }.joined()
    var zip = ZipWriter()
    zip.add(
      "[Content_Types].xml",
      #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
      modified: Self.memberTime)
    zip.add(
      "xl/workbook.xml",
      #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Payroll" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
      modified: Self.memberTime)
    zip.add(
      "xl/_rels/workbook.xml.rels",
      #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
      modified: Self.memberTime)
    zip.add(
      "xl/worksheets/sheet1.xml",
      #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>ssn</t></is></c></row>"#
        + rows + "</sheetData></worksheet>", modified: Self.memberTime)
    try write(path, Data(try zip.archive()))
    for ssn in ssns { plant(.usSSN, ssn, in: path) }
  }

  private mutating func writeMail() throws {
    let path = "mail/benefits.eml"
    let (split, attached) = (ValueFormat.dashedSSN(factory.ssn()), factory.ssn())
    let csv = Data("name,ssn\nCy Diaz,\(attached)\n".utf8).base64EncodedString()
    let message = [
      "From: Benefits Office", "To: Payroll", "Subject: Enrolment corrections",
      "Date: Mon, 24 Nov 2014 09:00:00 -0800",
      "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b1\"", "", "--b1",
      "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
      // The soft line break cuts the SSN in two: only a decoder that joins the lines finds it.
      "Please correct the enrolment of the employee with SSN \(split.prefix(7))=",
      "\(split.dropFirst(7)) before Friday.",
      "--b1", "Content-Type: text/csv; name=\"corrections.csv\"",
      "Content-Disposition: attachment; filename=\"corrections.csv\"", "Content-Transfer-Encoding: base64",
      "", csv,
      "--b1--", "",
    ].joined(separator: "\r\n")
    try write(path, message)
    plant(.usSSN, split, in: path)
    plant(.usSSN, attached, in: path)
  }

  private mutating func writeReport() throws {
    let path = "reports/audit.pdf"
    let ssn = ValueFormat.dashedSSN(factory.ssn())
    var pdf = PDFWriter(title: "Access audit", created: "D:20141124090000Z")
    pdf.addPage([
      .init(text: "Access audit, November 2014", bold: true),
      .init(text: "Findings follow on the next page."),
    ])
    pdf.addPage([.init(text: "Exposed record"), .init(text: "Employee SSN: \(ssn)")])
    try write(path, Data(pdf.bytes()))
    plant(.usSSN, ssn, in: path)
  }
}
