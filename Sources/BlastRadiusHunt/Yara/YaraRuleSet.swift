import CYara
import Crypto
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
package import BlastRadiusBase

/// The YARA rules of one scan, compiled once (or loaded from the cache) and shared read-only by
/// every worker; each worker scans with its own `YaraScanner`.
package final class YaraRuleSet: @unchecked Sendable {
  /// The external variables community rule sets (signature-base, Loki, THOR) expect, defined as
  /// empty strings when compiling and set per file before each scan.
  static let externals = ["filename", "filepath", "extension", "filetype", "owner", "md5"]

  let rules: UnsafeMutablePointer<YR_RULES>
  /// Rule files compiled and rules they hold.
  package let fileCount: Int
  package let ruleCount: Int
  /// `hit`: loaded from the cache, nothing compiled; `miss`: compiled and saved; `off`: compiled,
  /// no cache (no cache folder, or rules with `include`, whose targets the key does not cover).
  package let cache: String
  package var compiled: Bool { cache != "hit" }
  package let seconds: Double
  /// Some condition reads the `md5` external: files must be hashed before they are scanned.
  let usesMD5: Bool
  /// Where each rule is written, by namespace and name: for the records.
  let origins: [String: [String: Int]]
  /// Namespace → rule file path.
  let namespaceFiles: [String: String]
  package let warnings: [String]

  /// Reads the rule files under `paths` (files, or folders of `.yar`/`.yara` files), then loads
  /// the compiled rules from `cacheDirectory` when the same sources were compiled before by the
  /// same YARA version, or compiles them and stores the result there.
  package init(paths: [String], cacheDirectory: String?) throws(BlastRadiusError) {
    try YaraLibrary.ready()
    let started = MonotonicClock.now()
    var sources: [(path: String, namespace: String, text: [UInt8], info: YaraSourceScanner)] = []
    for path in paths {
      let entries: [HuntFiles.Entry]
      entries = try HuntFiles.list(path, code: .yaraRules) { $0.hasSuffix(".yar") || $0.hasSuffix(".yara") }
      if entries.isEmpty { throw BlastRadiusError(.yaraRules, "no .yar or .yara files", path: path) }
      for entry in entries {
        let text = try HuntFiles.contents(entry.path, code: .yaraRules)
        sources.append((entry.path, entry.relative, text, YaraSourceScanner(text)))
      }
    }
    // Two arguments may hold files of the same relative name: namespaces must stay apart.
    var seen: Set<String> = []
    for i in sources.indices {
      var ns = sources[i].namespace
      var k = 2
      while seen.contains(ns) {
        ns = "\(sources[i].namespace)#\(k)"
        k += 1
      }
      seen.insert(ns)
      sources[i].namespace = ns
    }

    let hasIncludes = sources.contains { $0.info.hasIncludes }
    var cachePath: String?
    if let dir = cacheDirectory, !hasIncludes, HuntFiles.makeDirectories(dir + "/yara") {
      var key = SHA256()
      key.update(
        data: Array(
          "blastradius yara cache 2\n\(YaraLibrary.version)\n\(Self.externals.joined(separator: ","))\n".utf8)
      )
      for s in sources {
        key.update(data: Array("\(s.namespace)\n\(s.text.count)\n".utf8))
        key.update(data: s.text)
      }
      cachePath = dir + "/yara/" + Hex.lower(Array(key.finalize())) + ".yarc"
    }

    var warnings: [String] = []
    var loaded: UnsafeMutablePointer<YR_RULES>?
    var cache = "off"
    if let cachePath, let cached = YaraRulesCache.load(cachePath) {
      loaded = cached
      cache = "hit"
    } else {
      let compiled = try Self.compile(sources.map { ($0.path, $0.namespace) }, warnings: &warnings)
      loaded = compiled
      if let cachePath {
        if YaraRulesCache.save(compiled, to: cachePath) {
          cache = "miss"
        } else {
          warnings.append("--yara: compiled rules could not be cached in \(cachePath)")
        }
      }
    }
    guard let loaded else { throw BlastRadiusError(.yaraRules, "no rules") }
    var stats = YR_RULES_STATS()
    yr_rules_get_stats(loaded, &stats)
    rules = loaded
    fileCount = sources.count
    ruleCount = Int(stats.num_rules)
    self.cache = cache
    seconds = MonotonicClock.now() - started
    usesMD5 = sources.contains { $0.info.usesMD5 }
    origins = Dictionary(sources.map { ($0.namespace, $0.info.ruleLines) }, uniquingKeysWith: { a, _ in a })
    namespaceFiles = Dictionary(sources.map { ($0.namespace, $0.path) }, uniquingKeysWith: { a, _ in a })
    self.warnings = warnings
  }

  deinit { yr_rules_destroy(rules) }

  /// What the compiler said, gathered through its callback.
  final class Messages {
    var errors: [String] = []
    var warnings: [String] = []
  }

  /// Compiles the files, each in its own namespace. The first file with an error stops it:
  /// libyara's compiler cannot be used after an error.
  static func compile(_ files: [(path: String, namespace: String)], warnings: inout [String])
    throws(BlastRadiusError) -> UnsafeMutablePointer<YR_RULES>
  {
    var compilerPointer: UnsafeMutablePointer<YR_COMPILER>?
    guard yr_compiler_create(&compilerPointer) == ERROR_SUCCESS, let compiler = compilerPointer else {
      throw BlastRadiusError(.yaraUnavailable, "cannot create a YARA compiler")
    }
    defer { yr_compiler_destroy(compiler) }
    for name in externals { yr_compiler_define_string_variable(compiler, name, "") }
    let messages = Messages()
    let box = Unmanaged.passRetained(messages)
    defer { box.release() }
    yr_compiler_set_callback(
      compiler,
      { level, file, line, rule, message, context in
        let messages = Unmanaged<Messages>.fromOpaque(context!).takeUnretainedValue()
        let where_ = (file.map { String(cString: $0) } ?? "?") + ":\(line)"
        var text = message.map { String(cString: $0) } ?? "error"
        if let rule, let name = rule.pointee.identifier { text += " (in rule \(String(cString: name)))" }
        if level == YARA_ERROR_LEVEL_ERROR {
          messages.errors.append("\(where_): \(text)")
        } else {
          messages.warnings.append("--yara: \(where_): \(text)")
        }
      }, box.toOpaque())

    for file in files {
      guard let handle = fopen(file.path, "r") else {
        throw BlastRadiusError(
          .yaraRules, "cannot read", path: file.path, cause: SystemCallError(errno: errno))
      }
      let errors = yr_compiler_add_file(compiler, handle, file.namespace, file.path)
      fclose(handle)
      if errors > 0 {
        throw BlastRadiusError(
          .yaraRules, "YARA rules do not compile:\n" + messages.errors.joined(separator: "\n"))
      }
    }
    var rules: UnsafeMutablePointer<YR_RULES>?
    guard yr_compiler_get_rules(compiler, &rules) == ERROR_SUCCESS, let rules else {
      throw BlastRadiusError(
        .yaraUnavailable, "the YARA compiler could not produce the rules (out of memory?)")
    }
    warnings += messages.warnings
    return rules
  }
}
