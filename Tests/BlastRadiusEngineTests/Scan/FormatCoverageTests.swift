import Foundation
import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusExtract
import SynthFormats

/// Coverage per format: a share whose mailboxes or scans could not be read must say so by
/// format, and its headline must name them, not only count errors.
struct FormatCoverageTests {
  typealias C = CompoundDocumentTests
  typealias O = OutlookStoreTests

  /// A PNG's signature and header: enough to be sniffed as one (without `--ocr` it is never
  /// decoded).
  static func png() -> [UInt8] { OCRReaderTests.png(width: 2, height: 2) }

  @Test func eachFormatIsCountedReadSkippedOrFailed() throws {
    let mailbox = O.mailbox()
    let result = try C.scan([
      "mailbox.pst": mailbox,
      "cut.pst": Array(mailbox.prefix(mailbox.count / 2)),
      "protected.pst": PSTWriter.make([.init(name: "Inbox")], encoding: .protected),
      "photo.png": Self.png(),
      "papers.zip": O.zip([("bad.pdf", Array("%PDF-1.4\nnot a pdf at all\n".utf8))]),
      "notes.txt": Array("SSN 234-56-7890\n".utf8),
    ])
    #expect(
      result.summary.formats == [
        "pst": FormatCount(read: 1, failed: 2), "zip": FormatCount(read: 2), "xls": FormatCount(read: 1),
        "png": FormatCount(skipped: 1), "pdf": FormatCount(failed: 1),
      ])
    #expect(
      result.summary.unreadDescription
        == "pdf 1 of 1 failed; png 1 of 1 skipped (read with --ocr); pst 2 of 3 failed")
    #expect(result.summary.skipped == ["image": 1])
    let table = TableRenderer.render(result.summary, issues: [], minConfidence: .medium)
    #expect(
      table.hasPrefix("BlastRadius scan INCOMPLETE: 3 error(s), see below\nnot read: pdf 1 of 1 failed;"))
  }

  @Test func aScanWithoutErrorsButWithUnreadImagesDoesNotSayComplete() throws {
    let result = try C.scan(["photo.png": Self.png(), "notes.txt": Array("SSN 234-56-7890\n".utf8)])
    #expect(result.issues.isEmpty)
    #expect(result.summary.complete)
    #expect(result.summary.formats == ["png": FormatCount(skipped: 1)])
    let table = TableRenderer.render(result.summary, issues: [], minConfidence: .medium)
    #expect(
      table.hasPrefix(
        "BlastRadius scan NOT EVERYTHING READ: 1 item(s) skipped\nnot read: png 1 of 1 skipped (read with --ocr)\n"
      ))
  }
}
