import Foundation

/// A share with known people for the report tests: CSVs (a name column, first/last name columns,
/// two people per row), a spreadsheet, labelled text blocks, a log, a password list, and a zip
/// holding a copy; people repeat across files and formats. The counts it implies are below.
enum ReportFixture {
  /// Distinct SSNs planted.
  static let uniqueSSNs = 10
  /// Distinct people: 6 employees, Gwen (card list), Hugo, Ivan and Julia (family rows), Karen
  /// (patient notes), Lena (contacts: a phone list names no one, so her row is a nameless person), a
  /// service login, and an SSN in a log with no name.
  static let people = 14
  static let triggers: [String: Int] = [
    "name+ssn": 9, "name+payment_card": 2, "name+medical": 2, "login+password": 2, "id_without_name": 1,
    "name+tax_id": 0, "name+drivers_license": 0, "passport": 0, "name+financial_account": 0,
    "name+health_insurance": 0,
  ]
  /// Each named person's triggers, by raw name (the notification list with consent).
  static let triggersByName: [String: String] = [
    "Alice Archer": "name+ssn;name+payment_card", "Bruno Baker": "name+ssn", "Chloe Carter": "name+ssn",
    "Dmitri Dunn": "name+ssn;name+medical", "Elena Evans": "name+ssn;login+password", "Farid Fox": "name+ssn",
    "Gwen Grant": "name+payment_card", "Hugo Carter": "name+ssn", "Ivan Ives": "name+ssn",
    "Julia Ives": "name+ssn",
    "Karen Kim": "name+medical",
  ]
  static let filesWithFindings = 9

  static let employees = """
    name,ssn,email,date_of_birth
    Alice Archer,201-11-1001,alice.archer@corp-example.com,1980-01-02
    Bruno Baker,202-22-2002,bruno.baker@corp-example.com,1981-02-03
    Chloe Carter,203-33-3003,chloe.carter@corp-example.com,1982-03-04
    Dmitri Dunn,204-44-4004,dmitri.dunn@corp-example.com,1983-04-05
    Elena Evans,205-55-5005,elena.evans@corp-example.com,1984-05-06
    Farid Fox,206-66-6006,farid.fox@corp-example.com,1985-06-07

    """

  static func write(into fixture: Fixture) throws {
    try fixture.write("hr/employees.csv", employees)
    try fixture.write(
      "hr/benefits.csv",
      "first_name,last_name,ssn\nAlice,Archer,201-11-1001\nBruno,Baker,202-22-2002\nChloe,Carter,203-33-3003\n"
    )
    try fixture.write(
      "hr/family.csv",
      "name,ssn,spouse_name,spouse_ssn\nChloe Carter,203-33-3003,Hugo Carter,208-88-8008\nIvan Ives,209-19-9009,Julia Ives,210-10-1010\n"
    )
    try fixture.write(
      "finance/cards.xlsx",
      try xlsx(rows: [
        ["name", "email", "card"],
        ["Alice Archer", "alice.archer@corp-example.com", "4111 1111 1111 1111"],
        ["Gwen Grant", "gwen.grant@corp-example.com", "5500 0000 0000 0004"],
      ]))
    try fixture.write(
      "clinic/patients.txt",
      """
      Intake notes

      Name: Dmitri Dunn
      SSN: 204-44-4004
      MRN: 00123456

      Name: Karen Kim
      MRN: 00654321
      DOB: 1975-03-04

      """)
    try fixture.write(
      "it/accounts.txt",
      """
      user: elena.evans@corp-example.com password: Tr0ub4dor-Qx93

      user: svc-backup@corp-example.com password: Zx9vQ2mLp7Rw4

      """)
    try fixture.write(
      "logs/audit.log",
      "2024-01-02 lookup SSN: 201-11-1001 ok\n2024-01-02 lookup SSN: 211-21-2011 ok\n")
    try fixture.write(
      "sales/contacts.csv",
      "name,email,phone\nLena Lopez,lena.lopez@corp-example.com,(212) 555-0147\nBruno Baker,bruno.baker@corp-example.com,(212) 555-0148\n"
    )
    try fixture.write(
      "backup.zip", try ArchiveFixture.make(.zip, entries: [("old/employees.csv", Array(employees.utf8))]))
  }

  /// A one-sheet workbook with inline strings, the first row its header.
  static func xlsx(rows: [[String]]) throws -> [UInt8] {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let ct =
      #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#
    let workbook =
      #"<?xml version="1.0"?><workbook xmlns="\#(ns)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Cards" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    let rels =
      #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    var sheet = #"<?xml version="1.0"?><worksheet xmlns="\#(ns)"><sheetData>"#
    for (r, row) in rows.enumerated() {
      sheet += "<row r=\"\(r + 1)\">"
      for (c, cell) in row.enumerated() {
        let ref = String(UnicodeScalar(UInt8(65 + c))) + String(r + 1)
        sheet += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(cell)</t></is></c>"
      }
      sheet += "</row>"
    }
    sheet += "</sheetData></worksheet>"
    return try ArchiveFixture.make(
      .zip,
      entries: [
        ("[Content_Types].xml", bytes(ct)), ("xl/workbook.xml", bytes(workbook)),
        ("xl/_rels/workbook.xml.rels", bytes(rels)),
        ("xl/worksheets/sheet1.xml", bytes(sheet)),
      ])
  }
}
