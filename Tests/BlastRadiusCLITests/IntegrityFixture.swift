import Foundation

/// `baseline` and `diff` runs on a fixture's tree, with the database beside the tree, and the
/// bytes the attack scripts write.
extension Fixture {
  var db: String { root.appendingPathComponent("state.db").path }

  func integrity(_ command: String, _ extra: [String] = [], db: String? = nil, asUser: String? = nil) throws
    -> CLI.Result
  {
    try CLI.run(
      "blastradius", [command, "--db", db ?? self.db, "--format", "jsonl", "--quiet"] + extra, asUser: asUser)
  }

  /// Change records as `class relative-path` (`… from relative-path` for moves), for exact
  /// comparison.
  func describeChanges(_ result: CLI.Result) -> Set<String> {
    Set(
      result.records.filter { $0["kind"] as? String == "change" }.map { c in
        let path = relative(c["path"] as! String)
        let from = (c["from"] as? String).map { " from " + relative($0) } ?? ""
        return "\(c["class"]!) \(path)\(from)"
      })
  }

  func relative(_ path: String) -> String {
    let base = tree.resolvingSymlinksInPath().path + "/"
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
  }

  func path(_ relative: String) -> String { tree.appendingPathComponent(relative).path }

  /// Rewrites a file in place (same inode), as a wiper or ransomware does.
  func overwrite(_ relative: String, _ bytes: [UInt8], append: Bool = false) throws {
    let handle = try FileHandle(forWritingTo: tree.appendingPathComponent(relative))
    if append { try handle.seekToEnd() }
    try handle.write(contentsOf: Data(bytes))
    try handle.close()
  }

  func size(_ relative: String) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: path(relative))[.size] as! Int
  }
}

/// Deterministic bytes for generated trees.
struct TreeBytes {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func random(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
  }

  /// Prose-like text of `count` bytes.
  mutating func text(_ count: Int) -> [UInt8] {
    let words = [
      "the", "quarterly", "report", "shows", "revenue", "for", "each", "region", "and", "staff", "notes",
      "on", "payroll", "review", "budget",
    ]
    var out: [UInt8] = []
    while out.count < count {
      out += Array(words[Int(random(1)[0]) % words.count].utf8) + [random(1)[0] % 9 == 0 ? 0x0A : 0x20]
    }
    return Array(out.prefix(count))
  }
}
