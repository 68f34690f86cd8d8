/// Where an indicator comes from, for its records: the file, the line, and what the file says
/// about it.
struct IndicatorOrigin: Sendable, Equatable {
  var file: String
  var line: Int
  /// The description on the indicator's line, or the comment block above it (Loki's
  /// convention), or a STIX indicator's name.
  var description: String?
  /// A STIX indicator's id.
  var stixID: String?
}

/// Hash algorithms a hash indicator may use, told apart by length.
enum HashKind: String, Sendable, CaseIterable {
  case md5, sha1, sha256

  /// The algorithm of a digest of `bytes` bytes.
  init?(digestLength bytes: Int) {
    switch bytes {
    case 16: self = .md5
    case 20: self = .sha1
    case 32: self = .sha256
    default: return nil
    }
  }
}

/// A file hash, as in Loki's `hash;description` lines or a STIX `file:hashes` comparison.
struct HashIndicator: Sendable, Equatable {
  var kind: HashKind
  var digest: [UInt8]
  var score: Int
  var origin: IndicatorOrigin
}

/// A file name pattern, matched against the full path of files and members. Loki's
/// `regex;score;false-positive-regex` lines, or a STIX `file:name` (an exact name).
struct FilenameIndicator: Sendable, Equatable {
  /// As written in the source.
  var text: String
  /// The expression handed to Vectorscan (caseless).
  var expression: String
  var falsePositive: String?
  var score: Int
  /// `regex` for Loki lines, `name` for STIX file names.
  var type: String
  var origin: IndicatorOrigin
}

/// What a network indicator names.
enum NetworkKind: String, Sendable {
  case ipv4, ipv6, domain, url
}

/// An address, domain or URL searched for in text.
struct NetworkIndicator: Sendable, Equatable {
  /// Normalised: lowercase, no trailing dot, no `*.` prefix.
  var value: String
  var kind: NetworkKind
  var score: Int
  var origin: IndicatorOrigin
}

/// The indicators of one scan, gathered from every `--iocs` file.
struct IndicatorSet: Sendable {
  var hashes: [HashIndicator] = []
  var filenames: [FilenameIndicator] = []
  var network: [NetworkIndicator] = []
  /// Lines and indicators that could not be used, one message each.
  var warnings: [String] = []

  /// Default scores when the source gives none: a known-bad hash is an alert on its own.
  static let hashScore = 100
  static let filenameScore = 60
  static let networkScore = 75
  static let stixFilenameScore = 70
}
