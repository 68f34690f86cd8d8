/// One detector from a user's rules file, as written there (YAML). `CustomRules` turns it into
/// a `DetectorSpec`, the same type the built-in detectors are.
package struct CustomRule: Decodable, Sendable {
  package var id: String
  package var category: String
  package var description: String?
  package var example: String?
  /// Vectorscan expressions; the whole match is the value.
  package var patterns: [String]
  /// At least one must occur in the value itself (case-insensitive), when given.
  package var keywords: [String]?
  /// At least one must occur on the value's line (case-insensitive), when given.
  package var context: [String]?
  /// `luhn`, `mod97` or `none`.
  package var validator: String?
  /// Values below this Shannon entropy (bits per byte) are kept at low confidence.
  package var minEntropy: Double?
  /// Values never reported (exact, case-sensitive).
  package var allowlist: [String]?
  /// `high`, `medium` (default) or `low`.
  package var confidence: String?
  package var caseless: Bool?

  enum CodingKeys: String, CodingKey {
    case id, category, description, example, patterns, keywords, context, validator, allowlist, confidence,
      caseless
    case minEntropy = "min_entropy"
  }
}

/// The top level of a rules file: `rules:` and a list.
struct CustomRulesFile: Decodable {
  var rules: [CustomRule]
}
