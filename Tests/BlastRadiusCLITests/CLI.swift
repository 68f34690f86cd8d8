import Foundation
import Testing

/// Runs the built `blastradius` and `blastradius-synth` binaries, as a user would.
enum CLI {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The JSONL records, parsed. A line that is not a JSON object fails the test: output that
    /// breaks the contract must not be dropped quietly.
    var records: [[String: Any]] {
      stdout.split(separator: "\n").compactMap { line in
        guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
          Issue.record("not a JSONL record: \(line.prefix(300))")
          return nil
        }
        return record
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
    _ tool: String = "blastradius", _ arguments: [String], asUser: String? = nil,
    environment: [String: String] = [:]
  ) throws -> Result {
    let binary = products.appendingPathComponent(tool).path
    if let user = asUser {
      return try execute(
        "/usr/bin/setpriv", ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", binary] + arguments,
        environment: environment)
    }
    return try execute(binary, arguments, environment: environment)
  }

  /// Runs any program (a browser, python) the same way; `environment` is added to the test's.
  static func execute(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws
    -> Result
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    // Output goes to files, read once the child is done: pipes read while tests run in
    // parallel can fail with EINTR (FileHandle does not retry), and a full pipe stalls the child.
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("br-cli-\(UUID().uuidString)")
    let outURL = base.appendingPathExtension("out")
    let errURL = base.appendingPathExtension("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let stdout = try Data(contentsOf: outURL)
    let stderr = try Data(contentsOf: errURL)
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
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
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
