/// The detectors of one scan, compiled: one Vectorscan database for every label phrase and
/// pattern, and the dispatch tables from matches to detectors. Built once, shared read-only by
/// every worker.
package final class DetectorSet: Sendable {
  package let specs: [DetectorSpec]
  let database: VectorscanDatabase
  /// Vectorscan ids below this are label phrases: `keywords[id]`.
  let keywords: [(length: Int, label: LabelClass)]
  /// Pattern ids from `keywords.count`: which detector and rule.
  let patternOwners: [(detector: Int, rule: DetectorSpec.PatternRule)]
  /// Detectors with numeric shapes, and those shapes.
  let shapeOwners: [(detector: Int, shape: DigitShape)]
  /// Detectors whose candidates a label or column of this class names.
  let labelOwners: [LabelClass: [Int]]

  package init(_ specs: [DetectorSpec]) throws(VectorscanError) {
    self.specs = specs
    var patterns: [VectorscanPattern] = []
    var keywords: [(Int, LabelClass)] = []
    for (phrase, label) in LabelLexicon.entries {
      patterns.append(VectorscanPattern(Self.literal(phrase), id: UInt32(patterns.count), caseless: true))
      keywords.append((phrase.utf8.count, label))
    }
    var owners: [(Int, DetectorSpec.PatternRule)] = []
    var shapes: [(Int, DigitShape)] = []
    var labels: [LabelClass: [Int]] = [:]
    for (index, spec) in specs.enumerated() {
      for rule in spec.patterns {
        patterns.append(VectorscanPattern(rule.expression, id: UInt32(patterns.count)))
        owners.append((index, rule))
      }
      for shape in spec.shapes { shapes.append((index, shape)) }
      for label in spec.labels { labels[label, default: []].append(index) }
    }
    self.keywords = keywords
    self.patternOwners = owners
    self.shapeOwners = shapes
    self.labelOwners = labels
    self.database = try VectorscanDatabase(patterns: patterns)
  }

  /// The built-in detectors, optionally narrowed to some ids or categories.
  package static func builtin(only: Set<String> = []) throws(VectorscanError) -> DetectorSet {
    let specs = only.isEmpty
      ? BuiltinDetectors.all
      : BuiltinDetectors.all.filter { only.contains($0.id) || only.contains($0.category) }
    return try DetectorSet(specs)
  }

  /// A phrase as a Vectorscan literal: every byte that is not a letter or digit is hex-escaped.
  static func literal(_ phrase: String) -> String {
    var out = ""
    for b in phrase.utf8 {
      if ASCII.isAlnum(b) {
        out.append(Character(Unicode.Scalar(b)))
      } else {
        let hex = String(b, radix: 16)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }

  /// Whether any detector needs the values of a column with this class read row by row.
  package func readsColumn(_ label: LabelClass?) -> Bool {
    guard let label else { return false }
    return labelOwners[label] != nil
  }
}
