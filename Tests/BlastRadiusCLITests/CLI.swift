import Foundation

/// Runs the built `blastradius` and `blastradius-synth` binaries, as a user would.
enum CLI {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The JSONL records, parsed.
    var records: [[String: Any]] {
      stdout.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
    }
    var findings: [[String: Any]] { records.filter { $0["kind"] as? String == "finding" } }
    var errors: [[String: Any]] { records.filter { $0["kind"] as? String == "error" } }
    var summary: [String: Any] { records.last { $0["kind"] as? String == "summary" } ?? [:] }
  }

  /// The folder holding the built products: the test bundle sits next to them.
  static let products: URL = {
    if let dir = ProcessInfo.processInfo.environment["BLASTRADIUS_PRODUCTS"] {
      return URL(fileURLWithPath: dir)
    }
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("blastradius").path) {
        return url
      }
    }
    return URL(fileURLWithPath: ".build/debug")
  }()

  static func run(
    _ tool: String = "blastradius", _ arguments: [String], asUser: String? = nil, environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    let binary = products.appendingPathComponent(tool).path
    if let user = asUser {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
      process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", binary] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = arguments
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so a large output cannot fill the pipe and stall the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

/// A temporary folder a test fills with fixture files, removed when the test ends.
final class Fixture {
  let root: URL
  let key: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("br-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    // Readable by the unprivileged user the permission tests run as.
    chmod(root.path, 0o755)
    key = root.appendingPathComponent("key.bin")
    try Data(repeating: 7, count: 32).write(to: key)
    chmod(key.path, 0o644)
  }

  deinit {
    _ = try? FileManager.default.removeItem(at: root)
  }

  /// The tree being scanned (the key lives beside it).
  var tree: URL { root.appendingPathComponent("tree") }

  @discardableResult
  func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
    let url = tree.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    chmod(url.deletingLastPathComponent().path, 0o755)
    chmod(url.path, 0o644)
    return url.path
  }

  @discardableResult
  func write(_ relative: String, _ text: String) throws -> String { try write(relative, Array(text.utf8)) }

  func scan(_ extra: [String] = [], paths: [String]? = nil, asUser: String? = nil) throws -> CLI.Result {
    try CLI.run(
      "blastradius",
      ["scan"] + (paths ?? [tree.path]) + ["--format", "jsonl", "--key-file", key.path, "--quiet"] + extra,
      asUser: asUser)
  }

  /// Findings as `relative-path detector line:column masked` strings, for exact comparison.
  func describe(_ findings: [[String: Any]]) -> Set<String> {
    Set(
      findings.map { f in
        let path = (f["path"] as! String).replacingOccurrences(of: tree.path + "/", with: "")
        return "\(path) \(f["detector"]!) \(f["line"]!):\(f["column"]!) \(f["masked"]!)"
      })
  }
}
