/// One piece of compromise evidence in one place: a YARA rule that matched, or an indicator
/// (file hash, file name, network address) that was found. Written as a `hunt` record.
public struct HuntHit: Sendable, Equatable {
  /// What kind of evidence matched.
  public enum Match: String, Sendable {
    case yara, hash, filename, network
  }

  public var path: String
  public var within: [String]
  public var match: Match
  /// The rule's name, or the indicator as its source writes it (a hash, a regex, an address).
  public var name: String
  /// YARA: the rule's namespace (its file, relative to `--yara`) and tags.
  public var namespace: String?
  public var tags: [String] = []
  /// The rule's `description` meta, or the indicator's description.
  public var description: String?
  public var author: String?
  /// YARA: the rule's `score` meta, when it has one (`score` is then this value).
  public var ruleScore: Int?
  /// YARA: the strings that matched.
  public var strings: [YaraStringMatch] = []
  /// Indicators: `md5`, `sha1`, `sha256`, `regex`, `name`, `ipv4`, `ipv6`, `domain`, `url`.
  public var iocType: String?
  /// Indicators from a STIX bundle: the indicator's id.
  public var stixID: String?
  /// The rule or indicator file, and the line where the rule or indicator is written.
  public var sourceFile: String
  public var sourceLine: Int?
  /// Network indicators: where in the item's text (as for findings).
  public var line: Int?
  public var column: Int?
  public var offset: Int?
  public var sheet: String?
  public var page: Int?
  /// This evidence's own score (0–100).
  public var score: Int
  /// The item's total over all its evidence, and its level (see `HuntScore`).
  public var total = 0
  public var level = HuntLevel.notice

  public init(path: String, within: [String], match: Match, name: String, sourceFile: String, score: Int) {
    self.path = path
    self.within = within
    self.match = match
    self.name = name
    self.sourceFile = sourceFile
    self.score = score
  }
}

/// One string identifier of a matched YARA rule and where it matched.
public struct YaraStringMatch: Sendable, Equatable {
  public var identifier: String
  /// The first offsets (at most `YaraScanner.offsetsKept`), in the item's bytes.
  public var offsets: [Int]
  /// All matches of the string, also those past the offsets kept.
  public var count: Int
  /// The matched bytes at those offsets (at most 512 bytes each), only under `--reveal`.
  public var data: [[UInt8]]?

  public init(identifier: String, offsets: [Int], count: Int, data: [[UInt8]]?) {
    self.identifier = identifier
    self.offsets = offsets
    self.count = count
    self.data = data
  }
}

/// How strongly an item's evidence points to compromise, from its total score.
public enum HuntLevel: String, Sendable, CaseIterable, Comparable {
  case alert, warning, notice

  public static func < (a: HuntLevel, b: HuntLevel) -> Bool {
    // Alerts sort first.
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
