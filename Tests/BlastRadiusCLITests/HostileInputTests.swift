import Foundation
import Testing

/// Input made to attack the scanner or the person reading its output.
struct HostileInputTests {
  /// File names that hold terminal escape sequences (screen clear, a fake hyperlink, a carriage
  /// return that overwrites the line) are printed as visible escapes in the table, never
  /// interpreted; the JSONL keeps the exact name.
  @Test func escapeSequencesInNamesStayText() throws {
    let fixture = try Fixture()
    let names = [
      "\u{1B}[2Jcleared.csv", "\u{1B}]8;;https:evil.example\u{07}link\u{1B}]8;;\u{07}.csv", "safe\rEVIL.csv",
    ]
    for name in names { try fixture.write(name, "SSN: 234-56-7890\n") }
    let table = try CLI.run(
      "blastradius",
      ["scan", fixture.tree.path, "--format", "table", "--key-file", fixture.key.path, "--quiet"])
    #expect(table.status == 1, "\(table.stderr)")
    let printed = Array(table.stdout.utf8)
    #expect(!printed.contains(0x1B) && !printed.contains(0x07) && !printed.contains(0x0D))
    #expect(table.stdout.contains("\\e[2Jcleared.csv"))
    #expect(table.stdout.contains("safe\\rEVIL.csv"))

    let jsonl = try fixture.scan()
    let paths = Set(
      jsonl.findings.map {
        ($0["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
      })
    #expect(paths == Set(names))
  }
}
