import BlastRadiusBase
import BlastRadiusIntegrity
import Foundation
import Testing

/// The embedding example of docs/library.md: it compiles against the public API alone, it is
/// the one the document shows, and it finds what is planted.
struct LibraryExampleTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The lines between the markers of `text`.
  static func example(_ text: String) -> String {
    let lines = text.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasSuffix("BEGIN EXAMPLE") }),
      let end = lines.firstIndex(where: { $0.hasSuffix("END EXAMPLE") })
    else { return "" }
    return lines[(start + 1)..<end].joined(separator: "\n")
  }

  @Test func theDocumentShowsThisExample() throws {
    let source = try String(
      contentsOf: Self.repository.appendingPathComponent("Tests/LibraryExampleTests/LibraryExample.swift"),
      encoding: .utf8)
    let doc = try String(
      contentsOf: Self.repository.appendingPathComponent("docs/library.md"), encoding: .utf8)
    let code = Self.example(source)
    #expect(!code.isEmpty)
    #expect(doc.contains("```swift\n" + code + "\n```"))
  }

  @Test func scansAndReports() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString)")
    let share = dir.appendingPathComponent("share")
    let report = dir.appendingPathComponent("report")
    try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "name,ssn\nAda Lovelace,234-56-7890\nAlan Turing,345-67-8901\n"
      .write(to: share.appendingPathComponent("staff.csv"), atomically: true, encoding: .utf8)
    try "nothing here\n".write(
      to: share.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

    let result = try scanAndReport(
      folder: share.path, key: Array(repeating: 7, count: 32), reportFolder: report.path)
    #expect(result.summary.complete)
    #expect(result.summary.files == 2)
    let ssns = result.findings.filter { $0.detector == "us_ssn" }.map(\.masked).sorted()
    #expect(ssns == ["***-**-7890", "***-**-8901"])
    #expect(result.uniqueSSNs == 2)
    #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("results.sarif").path))
  }

  @Test func baselineAndDiff() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString)")
    let share = dir.appendingPathComponent("share")
    try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let kept = share.appendingPathComponent("kept.txt")
    let gone = share.appendingPathComponent("gone.txt")
    try "stays\n".write(to: kept, atomically: true, encoding: .utf8)
    try "goes\n".write(to: gone, atomically: true, encoding: .utf8)
    let changes = try baselineThenDiff(folder: share.path, store: dir.appendingPathComponent("store.db").path)
    {
      try? FileManager.default.removeItem(at: gone)
    }
    #expect(changes.map { "\($0.changeClass.rawValue) \($0.path)" } == ["removed \(gone.path)"])
  }
}
