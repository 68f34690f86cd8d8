/// One piece of compromise evidence in one place: a YARA rule that matched, or an indicator
/// (file hash, file name, network address) that was found. Written as a `hunt` record.
package struct HuntHit: Sendable, Equatable {
  package enum Match: String, Sendable {
    case yara, hash, filename, network
  }

  package var path: String
  package var within: [String]
  package var match: Match
  /// The rule's name, or the indicator as its source writes it (a hash, a regex, an address).
  package var name: String
  /// YARA: the rule's namespace (its file, relative to `--yara`) and tags.
  package var namespace: String?
  package var tags: [String] = []
  /// The rule's `description` meta, or the indicator's description.
  package var description: String?
  package var author: String?
  /// YARA: the rule's `score` meta, when it has one (`score` is then this value).
  package var ruleScore: Int?
  /// YARA: the strings that matched.
  package var strings: [YaraStringMatch] = []
  /// Indicators: `md5`, `sha1`, `sha256`, `regex`, `name`, `ipv4`, `ipv6`, `domain`, `url`.
  package var iocType: String?
  /// Indicators from a STIX bundle: the indicator's id.
  package var stixID: String?
  /// The rule or indicator file, and the line where the rule or indicator is written.
  package var sourceFile: String
  package var sourceLine: Int?
  /// Network indicators: where in the item's text (as for findings).
  package var line: Int?
  package var column: Int?
  package var offset: Int?
  package var sheet: String?
  package var page: Int?
  /// This evidence's own score (0–100).
  package var score: Int
  /// The item's total over all its evidence, and its level (see `HuntScore`).
  package var total = 0
  package var level = HuntLevel.notice

  package init(path: String, within: [String], match: Match, name: String, sourceFile: String, score: Int) {
    self.path = path
    self.within = within
    self.match = match
    self.name = name
    self.sourceFile = sourceFile
    self.score = score
  }
}

/// One string identifier of a matched YARA rule and where it matched.
package struct YaraStringMatch: Sendable, Equatable {
  package var identifier: String
  /// The first offsets (at most `YaraScanner.offsetsKept`), in the item's bytes.
  package var offsets: [Int]
  /// All matches of the string, also those past the offsets kept.
  package var count: Int
  /// The matched bytes at those offsets (at most 512 bytes each), only under `--reveal`.
  package var data: [[UInt8]]?

  package init(identifier: String, offsets: [Int], count: Int, data: [[UInt8]]?) {
    self.identifier = identifier
    self.offsets = offsets
    self.count = count
    self.data = data
  }
}

/// How strongly an item's evidence points to compromise, from its total score.
package enum HuntLevel: String, Sendable, CaseIterable, Comparable {
  case alert, warning, notice

  package static func < (a: HuntLevel, b: HuntLevel) -> Bool {
    // Alerts sort first.
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
