import Foundation
import Testing

/// The parsers' fuzz harnesses, built plainly: each runs its seed corpus, and every input that
/// once crashed a parser (Tests/FuzzRegressions/NAME/) is replayed through its harness.
struct FuzzRegressionTests {
  static let regressions = ReportTools.repository.appendingPathComponent("Tests/FuzzRegressions")

  @Test func seedsRunThroughEveryHarness() throws {
    let list = try CLI.run("blastradius-fuzz", ["list"])
    let harnesses = list.stdout.split(separator: "\n").map(String.init)
    #expect(
      harnesses == [
        "mail", "ooxml", "opendocument", "markup", "records", "text", "json", "stix", "loki", "rules", "yara",
        "store", "compound", "outlook", "image",
      ])
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seeds-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let seeds = try CLI.run("blastradius-fuzz", ["seeds", dir.path])
    #expect(seeds.status == 0, "\(seeds.stderr)")
    for harness in harnesses {
      let files = try FileManager.default.contentsOfDirectory(
        atPath: dir.appendingPathComponent(harness).path)
      #expect(!files.isEmpty, "no seeds for \(harness)")
      let paths = files.map { dir.appendingPathComponent(harness).appendingPathComponent($0).path }
      let replay = try CLI.run("blastradius-fuzz", ["replay", harness] + paths)
      #expect(replay.status == 0, "\(harness): \(replay.stderr)")
    }
  }

  @Test func savedCrashesStayFixed() throws {
    let fm = FileManager.default
    for harness in try fm.contentsOfDirectory(atPath: Self.regressions.path) {
      let dir = Self.regressions.appendingPathComponent(harness)
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else { continue }
      let files = try fm.contentsOfDirectory(atPath: dir.path).map { dir.appendingPathComponent($0).path }
      guard !files.isEmpty else { continue }
      let replay = try CLI.run("blastradius-fuzz", ["replay", harness] + files)
      #expect(replay.status == 0, "\(harness): \(replay.stderr)")
    }
  }
}
