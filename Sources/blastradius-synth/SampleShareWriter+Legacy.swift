import Foundation
import SynthFormats

/// The formats of a 2014 share that a text sweep cannot read: an Outlook store with nested
/// folders, an Outlook message saved to disk, Word and Excel 97 files, and a typed form scanned
/// to a PNG and to an image-only PDF (found only with `--ocr`).
extension SampleShareWriter {
  mutating func writeLegacyFormats() throws {
    try writeMailbox()
    try writeSavedMessage()
    try writeWordDocument()
    try writeExcelWorkbook()
    try writeScannedForm()
  }

  /// A sender or recipient: a generated name and address, the address planted once per message
  /// header it appears in.
  private mutating func correspondent() -> PSTWriter.Person {
    let person = factory.person()
    return PSTWriter.Person(name: person.fullName, address: person.email)
  }

  private mutating func plantHeaders(_ message: PSTWriter.Message, in path: String) {
    for person in [message.sender].compactMap({ $0 }) + message.recipients {
      plant(.emailAddress, person.address, in: path)
    }
  }

  /// Inbox ▸ HR ▸ Benefits: a plain body, an HTML body, an RTF body and a zipped `.xls`
  /// attachment, each with SSNs.
  private mutating func writeMailbox() throws {
    let path = "mail/outlook/hr-archive.pst"
    let hr = correspondent()
    let delivered = PSTWriter.filetime(year: 2014, month: 11, day: 20, hour: 9)
    var messages: [PSTWriter.Message] = []
    var ssns: [String] = []

    let plain = ValueFormat.dashedSSN(factory.ssn())
    messages.append(
      PSTWriter.Message(
        subject: "Enrolment", sender: hr, recipients: [correspondent()],
        body: "Please enrol the employee with SSN \(plain) in the dental plan.", delivered: delivered))
    ssns.append(plain)

    let html = ValueFormat.dashedSSN(factory.ssn())
    messages.append(
      PSTWriter.Message(
        subject: "Correction", sender: hr, recipients: [correspondent()],
        html: "<html><body><p>Corrected SSN: <b>\(html)</b></p></body></html>", delivered: delivered))
    ssns.append(html)

    let rtf = ValueFormat.dashedSSN(factory.ssn())
    let benefits = PSTWriter.Folder(name: "Benefits", messages: messages)
    let rtfMessage = PSTWriter.Message(
      subject: "Termination", sender: hr, recipients: [correspondent()],
      compressedRTF: PSTWriter.withCRC(
        CompressedRTFWriter.make(#"{\rtf1\ansi\pard Final pay, SSN \#(rtf)\par}"#)),
      delivered: delivered)
    ssns.append(rtf)

    let census = (0..<2).map { _ in ValueFormat.dashedSSN(factory.ssn()) }
    let sheet = ExcelWorkbookWriter.workbook([
      (
        "Census",
        [[.text("name"), .text("ssn")]]
          + census.enumerated().map { [.text("Employee \($0 + 1)"), .text($1)] }
      )
    ])
    var zip = ZipWriter()
    zip.add("census.xls", sheet, modified: Self.memberTime)
    let attached = PSTWriter.Message(
      subject: "Census", sender: hr, recipients: [correspondent()], body: "Census attached.",
      delivered: delivered, attachments: [PSTWriter.Attachment(name: "census.zip", data: try zip.archive())])
    ssns += census

    let inbox = PSTWriter.Folder(
      name: "Inbox",
      folders: [PSTWriter.Folder(name: "HR", folders: [benefits], messages: [rtfMessage, attached])])
    try write(path, Data(PSTWriter.make([inbox])))
    for message in messages + [rtfMessage, attached] { plantHeaders(message, in: path) }
    for ssn in ssns { plant(.usSSN, ssn, in: path) }
  }

  /// A message dragged out of Outlook to the share: body and attachment.
  private mutating func writeSavedMessage() throws {
    let path = "mail/offer-2014.msg"
    let (body, attached) = (ValueFormat.dashedSSN(factory.ssn()), ValueFormat.dashedSSN(factory.ssn()))
    let message = PSTWriter.Message(
      subject: "Offer paperwork", sender: correspondent(), recipients: [correspondent()],
      body: "The candidate's SSN is \(body); the signed form is attached.",
      attachments: [PSTWriter.Attachment(name: "form.txt", data: Array("Applicant SSN: \(attached)\n".utf8))])
    try write(path, Data(MessageFileWriter.file(message)))
    plantHeaders(message, in: path)
    plant(.usSSN, body, in: path)
    plant(.usSSN, attached, in: path)
  }

  private mutating func writeWordDocument() throws {
    let path = "hr/legacy/separation-2009.doc"
    let ssn = ValueFormat.dashedSSN(factory.ssn())
    try write(
      path,
      Data(
        WordDocumentWriter.document(paragraphs: [
          "Separation agreement", "The employee (SSN \(ssn)) accepts the terms below.",
          "Severance is paid in two instalments.",
        ])))
    plant(.usSSN, ssn, in: path)
  }

  /// A payroll sheet from Excel 2003: SSNs as text and as numbers under an "ssn" header.
  private mutating func writeExcelWorkbook() throws {
    let path = "finance/legacy/payroll-2009.xls"
    let ssns = (0..<4).map { _ in factory.ssn() }
    let rows: [[ExcelWorkbookWriter.Cell]] = ssns.enumerated().map { i, ssn in
      [
        .text("Employee \(i + 1)"),
        i % 2 == 0 ? .text(ValueFormat.dashedSSN(ssn)) : .number(Double(Int(ssn)!)),
      ]
    }
    try write(
      path, Data(ExcelWorkbookWriter.workbook([("Payroll", [[.text("name"), .text("ssn")]] + rows)])))
    for ssn in ssns { plant(.usSSN, ssn, in: path) }
  }

  /// A withholding form on paper, scanned twice: a PNG and an image-only PDF of the same page.
  private mutating func writeScannedForm() throws {
    let ssns = (0..<3).map { _ in ValueFormat.dashedSSN(factory.ssn()) }
    let form = try ScannedFormRenderer(
      lines: [
        "EMPLOYEE WITHHOLDING CERTIFICATE", "", "Employee SSN: \(ssns[0])", "Spouse SSN: \(ssns[1])",
        "Dependent SSN: \(ssns[2])",
      ], heightPoints: 144)
    for (path, bytes) in [
      ("hr/scans/w4-2014.png", try form.png()), ("hr/scans/w4-2014.pdf", try form.imagePDF()),
    ] {
      try write(path, Data(bytes))
      for ssn in ssns { plant(.usSSN, ssn, in: path) }
    }
  }
}
