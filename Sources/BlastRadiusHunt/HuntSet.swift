public import BlastRadiusBase

/// Everything a scan hunts for, loaded and compiled once before it starts and shared read-only
/// by the workers: YARA rules, hash indicators, file name indicators, network indicators.
public final class HuntSet: Sendable {
  package let rules: YaraRuleSet?
  let hashes: HashIndex?
  let filenames: FilenameMatcher?
  let network: NetworkMatcher?
  /// What could not be used (unsupported STIX patterns, expressions Vectorscan refuses…), one
  /// message each; the scan goes on without them.
  public let warnings: [String]
  /// Indicators in use, by type (`hash`, `filename`, `network`).
  package let indicatorCounts: [String: Int]
  /// Algorithms every item is hashed with: those of the hash indicators, and MD5 when a rule's
  /// condition reads the `md5` external.
  let hashKinds: Set<HashKind>

  /// Whether items need their bytes kept (YARA) or hashed: only then is anything held or hashed.
  var needsBytes: Bool { rules != nil || !hashKinds.isEmpty }

  /// Loads rules and indicators; compiled rules are cached under `cacheDirectory` (by default
  /// `$XDG_CACHE_HOME/blastradius`, else `~/.cache/blastradius`).
  public init(
    yara: [String], iocs: [String], cacheDirectory: String? = UserFolders.cache()
  ) throws(BlastRadiusError) {
    rules = yara.isEmpty ? nil : try YaraRuleSet(paths: yara, cacheDirectory: cacheDirectory)
    var set = IndicatorSet()
    for path in iocs { try Self.loadIndicators(path, into: &set) }
    var warnings = (rules?.warnings ?? []) + set.warnings
    filenames = set.filenames.isEmpty ? nil : FilenameMatcher.build(set.filenames, warnings: &warnings)
    network = set.network.isEmpty ? nil : NetworkMatcher(set.network, warnings: &warnings)
    hashes = HashIndex(set.hashes)
    var kinds = hashes?.kinds ?? []
    if rules?.usesMD5 == true { kinds.insert(.md5) }
    hashKinds = kinds
    self.warnings = warnings
    indicatorCounts = [
      "hash": hashes?.indicators.count ?? 0, "filename": filenames?.names.patterns.count ?? 0,
      "network": network?.indicators.count ?? 0,
    ]
  }

  /// Reads one `--iocs` argument: a file, or a folder whose files are taken by name (Loki's
  /// `hash`/`filename`/`c2` names, and `.json` STIX bundles).
  static func loadIndicators(_ path: String, into set: inout IndicatorSet) throws(BlastRadiusError) {
    let entries: [HuntFiles.Entry]
    var isFolder = false
    entries = try HuntFiles.list(path, code: .indicators) { name in
      isFolder = true
      return name.lowercased().hasSuffix(".json") || LokiIndicatorFile.kind(ofFileNamed: name) != nil
    }
    if isFolder && entries.isEmpty {
      throw BlastRadiusError(
        .indicators, "no indicator files (names with hash, filename, c2 or network, or .json)", path: path)
    }
    for entry in entries {
      let bytes = try HuntFiles.contents(entry.path, code: .indicators)
      let first = bytes.first {
        $0 != ASCII.space && $0 != ASCII.newline && $0 != ASCII.tab && $0 != ASCII.carriageReturn
          && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
      }
      if first == 0x7B || first == 0x5B {
        try STIXBundle.parse(bytes, file: entry.path, into: &set)
      } else if let kind = LokiIndicatorFile.kind(
        ofFileNamed: entry.relative.split(separator: "/").last.map(String.init) ?? "")
      {
        LokiIndicatorFile.parse(bytes, kind: kind, file: entry.path, into: &set)
      } else {
        throw BlastRadiusError(
          .indicators,
          "cannot tell what the file holds: name it like Loki's files (hash-iocs.txt, filename-iocs.txt, c2-iocs.txt) or give a STIX 2.1 JSON bundle",
          path: entry.path)
      }
    }
  }
}
