import Foundation

/// A fixture for hunting: rules and indicator files beside the scanned tree (so they are not
/// scanned themselves), and a cache folder of its own for compiled rules.
final class HuntFixture {
  let base: Fixture

  init() throws { base = try Fixture() }

  var tree: URL { base.tree }
  var rules: URL { base.root.appendingPathComponent("rules") }
  var iocs: URL { base.root.appendingPathComponent("iocs") }
  var cache: URL { base.root.appendingPathComponent("cache") }

  /// The EICAR antivirus test file, assembled here so that no file in the repository holds it.
  static let eicar = Array(
    ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-FILE!$H+H*"].joined().utf8)

  @discardableResult
  func write(_ relative: String, _ bytes: [UInt8]) throws -> String { try base.write(relative, bytes) }

  @discardableResult
  func write(_ relative: String, _ text: String) throws -> String { try base.write(relative, text) }

  /// Writes a file beside the tree (a rule or indicator file); returns its path.
  @discardableResult
  func side(_ folder: URL, _ name: String, _ text: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @discardableResult
  func rule(_ name: String, _ text: String) throws -> String { try side(rules, name, text) }

  @discardableResult
  func indicators(_ name: String, _ text: String) throws -> String { try side(iocs, name, text) }

  /// `blastradius scan TREE --format jsonl … extra`, with this fixture's cache folder.
  func scan(_ extra: [String]) throws -> CLI.Result {
    try CLI.run(
      "blastradius",
      ["scan", tree.path, "--format", "jsonl", "--key-file", base.key.path, "--quiet"] + extra,
      environment: ["XDG_CACHE_HOME": cache.path])
  }

  /// A message with one base64 attachment.
  static func mail(attaching name: String, _ bytes: [UInt8]) -> String {
    [
      "From: IT <it@example.com>", "To: staff@example.com", "Subject: update", "MIME-Version: 1.0",
      "Content-Type: multipart/mixed; boundary=\"B\"", "", "--B", "Content-Type: text/plain", "",
      "Please run the attached update.", "--B",
      "Content-Type: application/octet-stream; name=\"\(name)\"",
      "Content-Disposition: attachment; filename=\"\(name)\"", "Content-Transfer-Encoding: base64", "",
      Data(bytes).base64EncodedString(options: .lineLength76Characters), "--B--", "",
    ].joined(separator: "\r\n")
  }

  func relative(_ path: Any?) -> String {
    (path as! String).replacingOccurrences(of: tree.path + "/", with: "")
  }

  /// Hunt records as `path [within] match name level`, for exact comparison.
  func describe(_ result: CLI.Result) -> [String] {
    hunts(result).map { h in
      let within = (h["within"] as! [String]).joined(separator: " > ")
      let name = (h["rule"] ?? h["ioc"])!
      return "\(relative(h["path"])) [\(within)] \(h["match"]!) \(name) \(h["level"]!)"
    }.sorted()
  }

  func hunts(_ result: CLI.Result) -> [[String: Any]] {
    result.records.filter { $0["kind"] as? String == "hunt" }
  }

  /// The summary's `hunt` object.
  func huntSummary(_ result: CLI.Result) -> [String: Any] { result.summary["hunt"] as? [String: Any] ?? [:] }
}
