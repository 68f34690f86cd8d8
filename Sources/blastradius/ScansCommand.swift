import ArgumentParser
import BlastRadiusBase
import BlastRadiusStore
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `blastradius scans --store FILE`: the scans a store keeps, and what changed between two.
struct ScansCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scans", abstract: "List the scans in a store, or compare two (--diff A B).")

  @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
  var store: String

  @Option(
    name: .customLong("diff"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Compare two scans: new and gone values per detector, new and gone files.", valueName: "A B"))
  var diff: [Int64] = []

  @Option(help: "Output format: jsonl or table (default: table on a terminal, else jsonl).")
  var format: RunOptions.Format?

  func validate() throws {
    if !diff.isEmpty, diff.count != 2 { throw ValidationError("--diff takes two scan ids: --diff A B") }
  }

  func run() throws {
    let database = try StoreLocation(store)
    let format = format ?? (isatty(1) == 1 ? .table : .jsonl)
    if diff.count == 2 {
      let c = try database.compare(scan: diff[0], with: diff[1])
      print(format == .table ? Self.table(c) : Self.jsonl(c), terminator: "")
      return
    }
    let scans = try database.scans()
    print(format == .table ? Self.table(scans) : Self.jsonl(scans), terminator: "")
  }

  static func jsonl(_ scans: [StoredScan]) -> String {
    var json = JSONBuilder()
    for s in scans { RecordFormatter.append(s, to: &json) }
    return String(decoding: json.bytes, as: UTF8.self)
  }

  static func table(_ scans: [StoredScan]) -> String {
    guard !scans.isEmpty else { return "No scans in this store.\n" }
    var out = ""
    for s in scans {
      let when = Date(timeIntervalSince1970: s.startedAt).formatted(.iso8601)
      let found = s.findings.map { "\($0) findings" } ?? "no summary"
      out +=
        TerminalText.escaped(
          "#\(s.id)  \(s.status)  \(when)  \(s.host)  key \(s.keyID)  read \(s.filesRead), reused \(s.filesReused), \(found)  \(s.roots.joined(separator: " "))"
        ) + "\n"
    }
    return out
  }

  static func jsonl(_ c: ScanComparison) -> String {
    var json = JSONBuilder()
    RecordFormatter.append(c, to: &json)
    return String(decoding: json.bytes, as: UTF8.self)
  }

  static func table(_ c: ScanComparison) -> String {
    var out = "Scan #\(c.from) → #\(c.to)\n"
    if c.detectors.isEmpty { out += "No value appeared or went.\n" }
    for d in c.detectors { out += "  \(d.detector): +\(d.new) new, -\(d.gone) gone\n" }
    out += "\(c.newFiles.count) new files, \(c.goneFiles.count) gone files\n"
    for f in c.newFiles { out += TerminalText.escaped("  + " + f) + "\n" }
    for f in c.goneFiles { out += TerminalText.escaped("  - " + f) + "\n" }
    return out
  }
}
