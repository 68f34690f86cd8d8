import Foundation
import Synchronization
import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusScan
import SynthFormats

/// Legacy Office files and Outlook messages built byte by byte: what each format's reader takes
/// out of them, and what a scan reports for them (findings with their `within`, error records).
struct CompoundDocumentTests {
  typealias W = CompoundFileWriter
  typealias E = ExcelWorkbookWriter

  static func read(_ nodes: [W.Node]) -> CompoundDocument {
    CompoundDocument.read(
      W.make(nodes).bytes, budget: ExtractionBudget(limits: ExtractionLimits(), fileSize: 1 << 20))
  }

  static func render(_ texts: [DocumentText]) -> [String] {
    texts.map { "\($0.part)|\($0.isTable ? "T" : "P")|" + String(decoding: $0.text, as: UTF8.self) }
  }

  @Test func wordPiecesCompressedAndUTF16() {
    let document = Self.read(
      WordDocumentWriter.streams(
        pieces: [
          ("Dear Ann,\rEmployee SSN: ", true), ("123-45-6789 \u{20AC}\r", false),
          ("ssn\u{07}card\u{07}\u{07}234-56-7890\u{07}\u{13} HYPERLINK x \u{14}4111\u{15}\u{07}\u{07}", true),
          ("DOB: 03/05/1980\r", false),
        ], comments: 16))
    #expect(document.kind == .doc)
    #expect(document.problems.isEmpty)
    #expect(
      Self.render(document.texts) == [
        "document|P|Dear Ann,\nEmployee SSN: 123-45-6789 \u{20AC}\nssn\tcard\n234-56-7890\t4111\n",
        "comments|P|DOB: 03/05/1980\n",
      ])
  }

  @Test func encryptedWordAndExcelAreErrorsNotText() {
    let word = Self.read(WordDocumentWriter.streams(pieces: [("SSN 123-45-6789\r", true)], flags: 0x0300))
    #expect(word.problems == [.init(code: .encrypted, message: "encrypted Word document was not read")])
    #expect(word.texts.isEmpty)
    let book =
      E.record(0x0809, W.le(0x0600, 2) + W.le(0x05, 2) + [UInt8](repeating: 0, count: 12))
      + E.record(0x002F, [0, 0] + [UInt8](repeating: 0, count: 52))
      + E.record(0x0204, E.at(0, 0) + W.le(11, 2) + [0] + Array("123-45-6789".utf8))
    let excel = Self.read([.stream("Workbook", book)])
    #expect(excel.problems == [.init(code: .encrypted, message: "encrypted Excel workbook was not read")])
    #expect(excel.texts.isEmpty)
  }

  @Test func excelCellsSharedStringsAcrossContinueAndNotes() {
    // The second shared string starts 8-bit in the SST and goes on in UTF-16 in a CONTINUE.
    let sst =
      E.record(
        0x00FC,
        W.le(3, 4) + W.le(3, 4) + W.le(4, 2) + [0] + Array("name".utf8) + W.le(11, 2) + [0]
          + Array("123-4".utf8))
      + E.record(0x003C, [1] + W.utf16("5-6789") + W.le(3, 2) + [1] + W.utf16("ssn"))
    var globals = E.record(0x0809, W.le(0x0600, 2) + W.le(0x05, 2) + [UInt8](repeating: 0, count: 12))
    let sheetName = W.le(5, 1) + [0] + Array("Staff".utf8)
    let boundSheetSize = 4 + 6 + sheetName.count
    let sheetOffset = globals.count + boundSheetSize + sst.count + 4
    globals += E.record(0x0085, W.le(sheetOffset, 4) + [0, 0] + sheetName) + sst + E.record(0x000A, [])
    let rk = (234_567_890 << 2) | 2  // an integer RK
    let note = "Checked SSN 567-89-0123"
    let sheet =
      E.record(0x0809, W.le(0x0600, 2) + W.le(0x10, 2) + [UInt8](repeating: 0, count: 12))
      + E.record(0x00FD, E.at(0, 0) + W.le(0, 4)) + E.record(0x00FD, E.at(0, 1) + W.le(2, 4))
      + E.record(0x0204, E.at(1, 0) + W.le(3, 2) + [0] + Array("Ann".utf8))
      + E.record(0x00FD, E.at(1, 1) + W.le(1, 4))
      + E.record(
        0x00BD, W.le(2, 2) + W.le(0, 2) + W.le(0, 2) + W.le(rk, 4) + W.le(0, 2) + W.le(rk, 4) + W.le(1, 2))
      + E.record(0x0203, E.at(3, 1) + W.le(Int((345_678_901.0).bitPattern), 8))
      + E.record(
        0x01B6, [UInt8](repeating: 0, count: 10) + W.le(note.utf8.count, 2) + [UInt8](repeating: 0, count: 6))
      + E.record(0x003C, [0] + Array(note.utf8)) + E.record(0x003C, [UInt8](repeating: 0, count: 16))
      + E.record(0x000A, [])
    let document = Self.read([.stream("Workbook", globals + sheet)])
    #expect(document.kind == .xls)
    #expect(document.problems.isEmpty)
    #expect(
      Self.render(document.texts) == [
        "sheet: Staff|T|name\tssn\nAnn\t123-45-6789\n234567890\t234567890\n\t345678901\n",
        "comments|P|Checked SSN 567-89-0123\n",
      ])
  }

  @Test func powerPointTextAtomsInsideContainers() {
    func record(_ version: Int, _ type: Int, _ body: [UInt8]) -> [UInt8] {
      W.le(version, 2) + W.le(type, 2) + W.le(body.count, 4) + body
    }
    let slide =
      record(0, 0x0FA0, W.utf16("Layoffs\rSSN 123-45-6789"))
      + record(0, 0x03F3, [UInt8](repeating: 9, count: 20))
      + record(0, 0x0FA8, Array("DOB: 03/05/1980".utf8))
    let stream = record(0xF, 0x03E8, record(0xF, 0x0FF0, slide))
    let document = Self.read([.stream("PowerPoint Document", stream), .stream("Current User", [0, 0])])
    #expect(document.kind == .ppt)
    #expect(document.problems.isEmpty)
    #expect(Self.render(document.texts) == ["slides|P|Layoffs\nSSN 123-45-6789\nDOB: 03/05/1980\n"])
  }

  /// A message with a plain body, an RTF body, a recipient, a file attachment and an attached
  /// message that carries a spreadsheet of its own.
  static func message() -> [W.Node] {
    func prop(_ tag: String, _ value: String) -> W.Node { .stream("__substg1.0_\(tag)001F", W.utf16(value)) }
    let census = "name\tssn\nAnn\t456-78-9012\n"
    return [
      .stream("__properties_version1.0", [UInt8](repeating: 0, count: 32)),
      prop("0037", "Census"), prop("0C1A", "HR"), prop("0C1F", "hr@example.com"), prop("0E04", "Payroll"),
      prop("1000", "Her SSN is 234-56-7890, please update."),
      .stream("__substg1.0_10090102", CompressedRTFWriter.make(#"{\rtf1\ansi\pard SSN 345-67-8901\par}"#)),
      .storage(
        "__recip_version1.0_#00000000", [prop("3001", "Payroll"), prop("39FE", "payroll@example.com")]),
      .storage(
        "__attach_version1.0_#00000000",
        [prop("3707", "census.tsv"), .stream("__substg1.0_37010102", Array(census.utf8))]),
      .storage(
        "__attach_version1.0_#00000001",
        [
          prop("3001", "Fwd: old"),
          .storage(
            "__substg1.0_3701000D",
            [
              .stream("__properties_version1.0", [UInt8](repeating: 0, count: 24)),
              prop("1000", "Old SSN 567-89-0123"),
            ]),
        ]),
    ]
  }

  @Test func outlookMessagePartsAndAttachments() throws {
    let document = Self.read(Self.message())
    #expect(document.kind == .msg)
    #expect(document.problems.isEmpty)
    #expect(
      Self.render(document.texts) == [
        "headers|P|Subject: Census\nFrom: HR <hr@example.com>\nTo: Payroll\nRecipient: Payroll <payroll@example.com>\n",
        "body|P|Her SSN is 234-56-7890, please update.",
        "body|P|SSN 345-67-8901\n",
      ])
    #expect(document.attachments.map(\.name) == ["census.tsv", "Fwd: old"])
    guard case .message(let nested) = document.attachments[1].content else {
      Issue.record("the attached message was not read as one")
      return
    }
    #expect(Self.render(nested.texts) == ["body|P|Old SSN 567-89-0123"])
  }

  /// Collects what a scan sends.
  final class Collector: ScanSink {
    let findings = Mutex<[Finding]>([])
    let issues = Mutex<[ScanIssue]>([])
    func receive(_ batch: [Finding]) { findings.withLock { $0 += batch } }
    func receive(_ issue: ScanIssue) { issues.withLock { $0.append(issue) } }
  }

  /// Scans `files` (written to a temporary folder) as the CLI would.
  static func scan(_ files: [String: [UInt8]]) throws -> (
    findings: Set<String>, issues: [String], summary: ScanSummary
  ) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("br-ole2-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
    let collector = Collector()
    let scanner = Scanner(
      options: ScanOptions(roots: [folder.path], jobs: 1, key: [UInt8](repeating: 7, count: 32)),
      detectors: try DetectorSet.builtin(), sink: collector)
    let summary = try scanner.run()
    let prefix = folder.path + "/"
    let findings = collector.findings.withLock { list in
      Set(
        list.map {
          "\($0.path.dropFirst(prefix.count)) [\($0.within.joined(separator: " > "))] \($0.detector) \($0.masked)"
        })
    }
    let issues = collector.issues.withLock { list in
      list.map {
        "\($0.path.dropFirst(prefix.count)) [\($0.within.joined(separator: " > "))] \($0.code.rawValue)"
      }
    }
    return (findings, issues, summary)
  }

  @Test func scannedMessageFindingsCarryTheirWithin() throws {
    let result = try Self.scan(["mail.msg": W.make(Self.message()).bytes])
    #expect(
      result.findings == [
        "mail.msg [headers] email_address h***@example.com",
        "mail.msg [headers] email_address p***@example.com",
        "mail.msg [body] us_ssn ***-**-7890",
        "mail.msg [body] us_ssn ***-**-8901",
        "mail.msg [attachment: census.tsv] us_ssn ***-**-9012",
        "mail.msg [attachment: census.tsv] person_name A.",
        "mail.msg [attachment: Fwd: old > body] us_ssn ***-**-0123",
      ])
    #expect(result.issues.isEmpty)
  }

  @Test func scannedEncryptedAndUnknownCompoundFiles() throws {
    let encryptedWord = W.make(
      WordDocumentWriter.streams(pieces: [("SSN 123-45-6789\r", true)], flags: 0x0300)
    ).bytes
    let encryptedPackage = W.make([
      .stream("EncryptionInfo", [4, 0, 4, 0]), .stream("EncryptedPackage", Array("SSN 123-45-6789".utf8)),
    ]).bytes
    let unknown = W.make([.stream("Contents", Array("SSN 123-45-6789".utf8))]).bytes
    let result = try Self.scan([
      "locked.doc": encryptedWord, "locked.docx": encryptedPackage, "thumbs.db": unknown,
      "cut.xls": Array(encryptedWord.prefix(600)),
    ])
    #expect(result.findings.isEmpty)
    #expect(
      Set(result.issues) == [
        "locked.doc [] encrypted", "locked.docx [] encrypted", "thumbs.db [] unsupported",
        "cut.xls [] corrupt",
      ])
    #expect(result.issues.count == 4)
  }
}
