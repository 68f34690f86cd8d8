import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusExtract
import SynthFormats

/// Outlook stores written by the tests' own PST writer: what a scan finds in each folder,
/// message body and attachment, with the folder, message and attachment in `within`, and the
/// error records of stores that cannot be read.
struct OutlookStoreTests {
  typealias P = PSTWriter
  typealias W = CompoundFileWriter
  typealias C = CompoundDocumentTests
  typealias E = ExcelWorkbookWriter

  /// A BIFF8 workbook (`.xls`) of one sheet, "Staff", with a header row and one person.
  static func workbook() -> [UInt8] {
    E.workbook([("Staff", [[.text("name"), .text("ssn")], [.text("Ann"), .text("456-78-9012")]])])
  }

  /// A zip of stored (uncompressed) members.
  static func zip(_ members: [(name: String, data: [UInt8])]) -> [UInt8] {
    var out: [UInt8] = []
    var directory: [UInt8] = []
    for m in members {
      let name = Array(m.name.utf8)
      let crc = ~P.crc(m.data, start: 0xFFFF_FFFF)
      let fields =
        W.le(0, 2) + W.le(0, 2) + W.le(0, 4) + W.le(Int(crc), 4) + W.le(m.data.count, 4)
        + W.le(m.data.count, 4) + W.le(name.count, 2) + W.le(0, 2)
      directory +=
        W.le(0x0201_4B50, 4) + W.le(20, 2) + W.le(20, 2) + fields + W.le(0, 2) + W.le(0, 2)
        + W.le(0, 2) + W.le(0, 4) + W.le(out.count, 4) + name
      out += W.le(0x0403_4B50, 4) + W.le(20, 2) + fields + name + m.data
    }
    return out + directory + W.le(0x0605_4B50, 4) + W.le(0, 4) + W.le(members.count, 2)
      + W.le(members.count, 2) + W.le(directory.count, 4) + W.le(out.count, 4) + W.le(0, 2)
  }

  /// A mailbox of nested folders: a plain body and a zipped workbook attached in the Inbox, an
  /// HTML body one folder down, and RTF bodies (compressed, and in the uncompressed form) two
  /// folders down.
  static func mailbox() -> [UInt8] {
    let mela = Array(#"{\rtf1\ansi\pard Old SSN 678-90-1234\par}"#.utf8)
    return P.make([
      .init(
        name: "Inbox",
        folders: [
          .init(
            name: "Finance",
            folders: [
              .init(
                name: "Reviews",
                messages: [
                  .init(
                    subject: "Review notes",
                    compressedRTF: P.withCRC(
                      CompressedRTFWriter.make(#"{\rtf1\ansi\pard SSN 567-89-0123\par}"#)),
                    delivered: P.filetime(year: 2014, month: 9, day: 30)),
                  .init(
                    subject: "Old memo",
                    compressedRTF: W.le(mela.count + 12, 4) + W.le(mela.count, 4) + Array("MELA".utf8)
                      + W.le(0, 4) + mela),
                ])
            ],
            messages: [
              .init(
                subject: "Bonus letter", html: "<html><body><p>Employee SSN: 345-67-8901</p></body></html>",
                delivered: P.filetime(year: 2014, month: 10, day: 1, hour: 23, minute: 59))
            ])
        ],
        messages: [
          .init(
            subject: "Quarterly numbers", sender: .init(name: "Amy Pascal", address: "amy@example.com"),
            recipients: [.init(name: "Payroll", address: "payroll@example.com")],
            body: "Please see the census.\r\nHer SSN is 234-56-7890.",
            delivered: P.filetime(year: 2014, month: 11, day: 3, hour: 9, minute: 30),
            attachments: [.init(name: "census.zip", data: zip([("census.xls", workbook())]))])
        ])
    ])
  }

  static let mailboxFindings: Set<String> = [
    "mailbox.pst [Inbox/Quarterly numbers (2014-11-03) > headers] email_address a***@example.com",
    "mailbox.pst [Inbox/Quarterly numbers (2014-11-03) > headers] email_address p***@example.com",
    "mailbox.pst [Inbox/Quarterly numbers (2014-11-03) > body] us_ssn ***-**-7890",
    "mailbox.pst [Inbox/Quarterly numbers (2014-11-03) > attachment: census.zip > census.xls] us_ssn ***-**-9012",
    "mailbox.pst [Inbox/Quarterly numbers (2014-11-03) > attachment: census.zip > census.xls] person_name A.",
    "mailbox.pst [Inbox/Finance/Bonus letter (2014-10-01) > body] us_ssn ***-**-8901",
    "mailbox.pst [Inbox/Finance/Reviews/Review notes (2014-09-30) > body] us_ssn ***-**-0123",
    "mailbox.pst [Inbox/Finance/Reviews/Old memo > body] us_ssn ***-**-1234",
  ]

  @Test func everyFolderMessageBodyAndAttachmentIsScanned() throws {
    let result = try C.scan(["mailbox.pst": Self.mailbox()])
    #expect(result.findings == Self.mailboxFindings)
    #expect(result.issues.isEmpty)
  }

  @Test func storeInsideAZipIsReadFromMemory() throws {
    let result = try C.scan(["mail.zip": Self.zip([("mailbox.pst", Self.mailbox())])])
    #expect(
      result.findings
        == Set(Self.mailboxFindings.map { "mail.zip [mailbox.pst > " + $0.dropFirst("mailbox.pst [".count) }))
    #expect(result.issues.isEmpty)
  }

  @Test func truncatedAndDamagedStoresAreOneCorruptRecordEach() throws {
    let store = Self.mailbox()
    var badHeader = store
    badHeader[200] ^= 0xFF  // inside the root structure, covered by the header's CRC
    let result = try C.scan([
      "cut.pst": Array(store.prefix(store.count / 2)), "bad.pst": badHeader,
      "notes.txt": Array("SSN 234-56-7890\n".utf8),
    ])
    #expect(result.findings == ["notes.txt [] us_ssn ***-**-7890"])
    #expect(result.issues.sorted() == ["bad.pst [] corrupt", "cut.pst [] corrupt"])
  }

  @Test func storeEncryptedBeyondLibpffIsAnEncryptedRecord() throws {
    let protected = P.make([.init(name: "Inbox")], encoding: .protected)
    let result = try C.scan(["protected.pst": protected])
    #expect(result.findings.isEmpty)
    #expect(result.issues == ["protected.pst [] encrypted"])
  }

  @Test func storeWalkNamesFoldersAndMessages() throws {
    let opening = OutlookStore.open(bytes: Self.mailbox(), limits: ExtractionLimits())
    #expect(opening.kind == .pst)
    let store = try opening.store.get()
    var names: [String] = []
    var parts: [String] = []
    _ = store.walk { visit in
      if case .message(let m) = visit {
        names.append(m.name)
        parts += m.texts.map { "\($0.part): " + String(decoding: $0.text, as: UTF8.self) }
        parts += m.attachments.map { "attachment: \($0.name)" }
      }
      return true
    }
    #expect(
      names == [
        "Inbox/Quarterly numbers (2014-11-03)", "Inbox/Finance/Bonus letter (2014-10-01)",
        "Inbox/Finance/Reviews/Review notes (2014-09-30)", "Inbox/Finance/Reviews/Old memo",
      ])
    #expect(
      parts == [
        "headers: Subject: Quarterly numbers\nFrom: Amy Pascal <amy@example.com>\nTo: Payroll\n"
          + "Recipient: Payroll <payroll@example.com>\n",
        "body: Please see the census.\r\nHer SSN is 234-56-7890.", "attachment: census.zip",
        "headers: Subject: Bonus letter\n", "body: Employee SSN: 345-67-8901\n",
        "headers: Subject: Review notes\n", "body: SSN 567-89-0123\n",
        "headers: Subject: Old memo\n", "body: Old SSN 678-90-1234\n",
      ])
  }
}
