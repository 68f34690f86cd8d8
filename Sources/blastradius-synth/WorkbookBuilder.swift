/// An Excel workbook (`.xlsx`): an employee sheet with the header `name,ssn,date_of_birth,email,phone`, strings in
/// the shared-string table, and a small department summary sheet with no personal data.
///
/// Half the SSNs (by a coin per row) are dashed shared strings, the rest numeric cells (`<c r="B7"><v>123456789</v>
/// </c>`), as a sheet holds them after someone typed them as numbers. A number loses leading zeros, so numeric SSNs
/// are drawn with an area of 100 or more: otherwise the cell would hold eight digits, which is no SSN to anyone.
/// Every SSN is in the `ssn` column, so every one is reported.
struct WorkbookBuilder {
  static let header = ["name", "ssn", "date_of_birth", "email", "phone"]

  var factory: FakeDataFactory
  private var strings: [String] = []
  private var stringIndex: [String: Int] = [:]
  private var stringReferences = 0

  init(factory: FakeDataFactory) {
    self.factory = factory
  }

  private mutating func shared(_ text: String) -> Int {
    stringReferences += 1
    if let index = stringIndex[text] { return index }
    strings.append(text)
    stringIndex[text] = strings.count - 1
    return strings.count - 1
  }

  private mutating func stringCell(_ reference: String, _ text: String) -> String {
    "<c r=\"\(reference)\" t=\"s\"><v>\(shared(text))</v></c>"
  }

  mutating func build(rows: Int, sheetName: String, modified: Int) throws -> GeneratedDocument {
    var planted = 0
    var sheet = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
      <dimension ref="A1:E\(rows + 1)"/><sheetViews><sheetView workbookViewId="0">\
      <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
      <sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="22" customWidth="1"/>\
      <col min="2" max="3" width="14" customWidth="1"/><col min="4" max="4" width="32" customWidth="1"/>\
      <col min="5" max="5" width="16" customWidth="1"/></cols><sheetData>
      """
    sheet.reserveCapacity(rows * 260 + 1024)
    sheet += "<row r=\"1\">"
    for (column, name) in Self.header.enumerated() {
      sheet += stringCell(Self.columns[column] + "1", name)
    }
    sheet += "</row>"
    for row in 2...(rows + 1) {
      var person = factory.person()
      let numeric = factory.rng.percent(50)
      if numeric {
        while person.ssn.hasPrefix("0") {
          let (area, group, serial) = FakeDataFactory.randomSSN(using: &factory.rng)
          person.ssn = digits(area, 3) + digits(group, 2) + digits(serial, 4)
        }
      }
      let phone = ValueFormat.phone(person.phone, style: factory.rng.pick(ValueFormat.PhoneStyle.allCases))
      sheet += "<row r=\"\(row)\">"
      sheet += stringCell("A\(row)", person.fullName)
      if numeric {
        sheet += "<c r=\"B\(row)\"><v>\(person.ssn)</v></c>"
      } else {
        sheet += stringCell("B\(row)", ValueFormat.dashedSSN(person.ssn))
      }
      planted += 1
      sheet += stringCell("C\(row)", person.dateOfBirth.usNumeric)
      sheet += stringCell("D\(row)", person.email)
      sheet += stringCell("E\(row)", phone)
      sheet += "</row>"
    }
    sheet +=
      "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"

    var summary = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
      <dimension ref="A1:B\(NameBank.departments.count + 1)"/><sheetData><row r="1">
      """
    summary += stringCell("A1", "department") + stringCell("B1", "headcount") + "</row>"
    for (index, department) in NameBank.departments.enumerated() {
      let row = index + 2
      summary += "<row r=\"\(row)\">" + stringCell("A\(row)", department)
      summary += "<c r=\"B\(row)\"><v>\(factory.rng.int(in: 3...60))</v></c></row>"
    }
    summary += "</sheetData></worksheet>"

    var sharedStrings = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(stringReferences)" \
      uniqueCount="\(strings.count)">
      """
    sharedStrings.reserveCapacity(strings.count * 40 + 256)
    for text in strings { sharedStrings += "<si><t>\(XMLEscaping.escape(text))</t></si>" }
    sharedStrings += "</sst>"

    var zip = ZipWriter()
    zip.add("[Content_Types].xml", Self.contentTypes, modified: modified)
    zip.add("_rels/.rels", Self.packageRelationships, modified: modified)
    zip.add("xl/workbook.xml", Self.workbook(sheetName: sheetName), modified: modified)
    zip.add("xl/_rels/workbook.xml.rels", Self.workbookRelationships, modified: modified)
    zip.add("xl/worksheets/sheet1.xml", sheet, modified: modified)
    zip.add("xl/worksheets/sheet2.xml", summary, modified: modified)
    zip.add("xl/sharedStrings.xml", sharedStrings, modified: modified)
    zip.add("xl/styles.xml", Self.styles, modified: modified)
    return GeneratedDocument(bytes: try zip.archive(), plantedSSN: planted)
  }

  static let columns = ["A", "B", "C", "D", "E"]

  static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/xl/workbook.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
    <Override PartName="/xl/worksheets/sheet1.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
    <Override PartName="/xl/worksheets/sheet2.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
    <Override PartName="/xl/sharedStrings.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
    <Override PartName="/xl/styles.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
    """

  static let packageRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
    Target="xl/workbook.xml"/></Relationships>
    """

  static func workbook(sheetName: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
    <bookViews><workbookView activeTab="0"/></bookViews><sheets>\
    <sheet name="\(XMLEscaping.escape(sheetName))" sheetId="1" r:id="rId1"/>\
    <sheet name="Departments" sheetId="2" r:id="rId2"/></sheets></workbook>
    """
  }

  static let workbookRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
    Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
    Target="worksheets/sheet2.xml"/>\
    <Relationship Id="rId3" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
    Target="sharedStrings.xml"/>\
    <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
    Target="styles.xml"/></Relationships>
    """

  static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
    <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
    </fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>\
    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
    """
}
