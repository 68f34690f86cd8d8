public import BlastRadiusBase
public import BlastRadiusMatch

/// The detectors of one scan, compiled: a Vectorscan database of label phrases, one of the
/// detectors' patterns, and the dispatch tables from matches to detectors. Built once, shared
/// read-only by every worker.
///
/// Two databases because they run over different bytes: patterns over everything, label phrases
/// only near numbers (caseless words cost Vectorscan more on prose than all else together). A
/// third holds both, for buffers where numbers are everywhere (logs): one pass over them costs
/// about half of the two.
public final class DetectorSet: Sendable {
  package let specs: [DetectorSpec]
  /// Every label phrase: matched in the few bytes before a value found by its shape, to weigh
  /// what names it.
  let labels: VectorscanDatabase?
  /// The phrases whose value some detector reads (`SSN`, `DOB`, `routing`…): matched near every
  /// number, since they are how bare values are found.
  let valueLabels: VectorscanDatabase?
  let anchors: VectorscanDatabase?
  /// `anchors` and `valueLabels` in one database: pattern and term ids as in `anchors`, label
  /// phrase ids from `labelBase` (`keywords[id - labelBase]`).
  let combined: VectorscanDatabase?
  let labelBase: UInt32
  /// Label database ids: `keywords[id]`.
  let keywords: [(length: Int, label: LabelClass)]
  /// For a phrase in `valueLabels`, the longer phrases that contain it (`birth` in `date of
  /// birth`, `birthdate`): lowercase bytes, where the short one sits in them, and their class,
  /// longest first. Vectorscan matches only the short phrases, which it does a third faster.
  let extensions: [[(phrase: [UInt8], offset: Int, label: LabelClass)]]
  /// By pattern database id: each pattern's detector and `locate`, read per match without
  /// copying its rule (reference counts a match).
  let patternDetectors: [Int]
  let patternLocators: [@Sendable (_ buffer: UnsafeRawBufferPointer, _ matchEnd: Int) -> Range<Int>?]
  /// For token rules, their start functions (`PatternRule.tokenStart`), by pattern id.
  let patternTokenStarts: [DetectorSpec.PatternRule.TokenStart?]
  /// Rules found by a byte (`PatternRule.trigger`), outside Vectorscan: the byte, the
  /// detector and where the token starts.
  let triggerRules: [(byte: UInt8, detector: Int, tokenStart: DetectorSpec.PatternRule.TokenStart)]
  /// Rules matched with their starts (user rules), in a database of their own.
  let spans: VectorscanDatabase?
  let spanOwners: [(detector: Int, rule: DetectorSpec.PatternRule)]
  /// The numeric shapes of detectors, flattened for the per-run check, and bounds that reject
  /// most runs at once.
  let compiledShapes: [CompiledShape]
  /// `plainShapes[groups * 32 + digits]`: some shape without a lead takes a run of that many
  /// groups and digits; `parenthesizedShapes` the same for shapes after `(212) `. Most runs in
  /// logs (dates, ids) fail both at once.
  let plainShapes: [Bool]
  let parenthesizedShapes: [Bool]
  /// Some shape may begin with letters before its digits (an IBAN's `DE89 `).
  let hasAlphanumericLead: Bool
  static func shapeKey(groups: Int, digits: Int) -> Int? {
    groups <= 8 && digits < 32 ? groups * 32 + digits : nil
  }
  /// Detectors whose candidates a label or column of this class names, by `LabelClass.index`:
  /// looked up per label hit and per cell, where hashing the class cost more than the lookup.
  let ownersByLabel: [[Int]?]
  /// Per detector, its supporting and its contradicting labels as bits (`LabelClass.bit`).
  let labelBits: [(supports: UInt64, contradicts: UInt64)]
  /// Whether any detector is a catch-all that gives way to specific ones, and which are.
  let hasFallbacks: Bool
  let fallbacks: [Bool]
  /// Detectors whose values belong to a person, marked with their record for linking.
  package let linkable: [Bool]
  /// Linkable detectors whose values make a record worth naming: not contact data alone.
  package let notifiable: [Bool]
  /// Ids and categories by index, for the findings workers send (`CompactFinding.detector`).
  package let names: DetectorNames
  /// The detector names in such records are reported under, when it is enabled.
  package let nameDetector: Int?
  /// The detector credential files are reported under, when it is enabled.
  package let credentialFileDetector: Int?
  /// Document class terms share the pattern database (one pass over the bytes, not two): ids
  /// from `termBase` are terms, `termOwners[id - termBase]`.
  let termBase: UInt32
  let termOwners: [(detector: Int, length: Int)]
  /// Each class detector and the range of its terms among the term ids.
  let classRanges: [(detector: Int, range: Range<Int>)]

  /// Compiles the patterns of `specs` into the databases a scan shares.
  public convenience init(_ specs: [DetectorSpec]) throws(BlastRadiusError) {
    do { try self.init(compiling: specs) } catch {
      throw BlastRadiusError(.matcher, "the detectors' patterns do not compile", cause: error)
    }
  }

  init(compiling specs: [DetectorSpec]) throws(VectorscanError) {
    self.specs = specs
    var phrases: [VectorscanPattern] = []
    var keywords: [(Int, LabelClass)] = []
    for (phrase, label) in LabelLexicon.entries {
      phrases.append(
        VectorscanPattern(VectorscanPattern.literal(phrase), id: UInt32(phrases.count), caseless: true))
      keywords.append((phrase.utf8.count, label))
    }
    var patterns: [VectorscanPattern] = []
    var owners: [(Int, DetectorSpec.PatternRule)] = []
    var spanPatterns: [VectorscanPattern] = []
    var spanOwners: [(Int, DetectorSpec.PatternRule)] = []
    var triggerRules: [(UInt8, Int, DetectorSpec.PatternRule.TokenStart)] = []
    var shapes: [(Int, DigitShape)] = []
    var labels: [LabelClass: [Int]] = [:]
    for (index, spec) in specs.enumerated() {
      for rule in spec.patterns {
        if let trigger = rule.trigger, let tokenStart = rule.tokenStart {
          triggerRules.append((trigger, index, tokenStart))
          continue
        }
        if rule.span != nil {
          spanPatterns.append(
            VectorscanPattern(
              rule.expression, id: UInt32(spanPatterns.count), caseless: rule.caseless, leftmost: true))
          spanOwners.append((index, rule))
          continue
        }
        patterns.append(
          VectorscanPattern(rule.expression, id: UInt32(patterns.count), caseless: rule.caseless))
        owners.append((index, rule))
      }
      for shape in spec.shapes { shapes.append((index, shape)) }
      for label in spec.labels { labels[label, default: []].append(index) }
    }
    self.keywords = keywords
    self.triggerRules = triggerRules
    self.patternDetectors = owners.map { $0.0 }
    self.patternLocators = owners.map { $0.1.locate }
    self.patternTokenStarts = owners.map { $0.1.tokenStart }
    self.compiledShapes = shapes.map { CompiledShape($0.1, detector: $0.0) }
    self.hasAlphanumericLead = shapes.contains { $0.1.alphanumericLead > 0 }
    var plain = [Bool](repeating: false, count: 9 * 32)
    var parenthesized = plain
    for (_, shape) in shapes {
      guard let groups = shape.groups, shape.alphanumericLead == 0 else { continue }
      let lo = groups.reduce(0) { $0 + $1.lowerBound }
      let hi = groups.reduce(0) { $0 + $1.upperBound }
      for digits in lo...hi {
        guard let key = Self.shapeKey(groups: groups.count, digits: digits) else { continue }
        if shape.parenthesizedLead == nil { plain[key] = true } else { parenthesized[key] = true }
      }
    }
    self.plainShapes = plain
    self.parenthesizedShapes = parenthesized
    self.ownersByLabel = LabelClass.allCases.map { labels[$0] }
    self.labelBits = specs.map { spec in
      (spec.labels.reduce(0) { $0 | $1.bit }, spec.negativeLabels.reduce(0) { $0 | $1.bit })
    }
    self.hasFallbacks = specs.contains(where: \.fallback)
    self.fallbacks = specs.map(\.fallback)
    self.credentialFileDetector = specs.firstIndex { $0.id == CredentialFiles.spec.id }
    self.nameDetector = specs.firstIndex { $0.id == PersonRecord.nameSpec.id }
    self.linkable = specs.map(PersonRecord.isLinkable)
    self.notifiable = specs.map { PersonRecord.isLinkable($0) && $0.category != "contact" }
    self.names = DetectorNames(ids: specs.map(\.id), categories: specs.map(\.category))
    var termPatterns: [VectorscanPattern] = []
    var termOwners: [(Int, Int)] = []
    var classRanges: [(Int, Range<Int>)] = []
    for (index, spec) in specs.enumerated() {
      guard let rule = spec.documentClass else { continue }
      let first = termPatterns.count
      for term in rule.terms {
        termPatterns.append(
          VectorscanPattern(
            VectorscanPattern.literal(term), id: UInt32(patterns.count + termPatterns.count), caseless: true))
        termOwners.append((index, term.utf8.count))
      }
      classRanges.append((index, first..<termPatterns.count))
    }
    self.termOwners = termOwners
    self.classRanges = classRanges
    self.termBase = UInt32(patterns.count)
    self.spanOwners = spanOwners
    self.spans = spanPatterns.isEmpty ? nil : try VectorscanDatabase(patterns: spanPatterns)
    // Only phrases some detector weighs: a class no detector reads or refuses (a name, a user
    // column) must not stand between a value and the label that does name it
    // (`SSN for user: 123-45-6789`). Column headers are still classified with every phrase.
    var weighed: Set<LabelClass> = []
    for spec in specs {
      weighed.formUnion(spec.labels)
      weighed.formUnion(spec.negativeLabels)
    }
    let weighedPhrases = phrases.filter { weighed.contains(LabelLexicon.entries[Int($0.id)].label) }
    self.labels =
      weighedPhrases.isEmpty ? nil : try VectorscanDatabase(patterns: weighedPhrases, padsTail: true)
    // Phrases that name a value some detector reads; a phrase containing a shorter one of them
    // is matched through the shorter one and extended in Swift.
    let entries = LabelLexicon.entries
    let read = entries.indices.filter { labels[entries[$0].label] != nil }
    var extensions = [[(phrase: [UInt8], offset: Int, label: LabelClass)]](
      repeating: [], count: entries.count)
    var anchors: [Int] = []
    for i in read.sorted(by: { entries[$0].phrase.utf8.count < entries[$1].phrase.utf8.count }) {
      let phrase = Array(entries[i].phrase.utf8)
      if let anchor = anchors.first(where: {
        ByteSearch.find(Array(entries[$0].phrase.utf8), in: phrase) != nil
      }) {
        let offset = ByteSearch.find(Array(entries[anchor].phrase.utf8), in: phrase)!
        extensions[anchor].append((phrase, offset, entries[i].label))
      } else {
        anchors.append(i)
      }
    }
    self.extensions = extensions.map { $0.sorted { $0.phrase.count > $1.phrase.count } }
    self.valueLabels =
      anchors.isEmpty ? nil : try VectorscanDatabase(patterns: anchors.map { phrases[$0] }, padsTail: true)
    self.anchors =
      patterns.isEmpty && termPatterns.isEmpty
      ? nil : try VectorscanDatabase(patterns: patterns + termPatterns, padsTail: true)
    let labelBase = UInt32(patterns.count + termPatterns.count)
    self.labelBase = labelBase
    if self.anchors == nil || anchors.isEmpty {
      self.combined = nil
    } else {
      let labelPatterns = anchors.map {
        var phrase = phrases[$0]
        phrase.id += labelBase
        return phrase
      }
      self.combined = try VectorscanDatabase(
        patterns: patterns + termPatterns + labelPatterns, padsTail: true)
    }
  }

  /// The built-in detectors and `extra` ones (user rules), narrowed to `only` and without
  /// `except` (ids or categories).
  public static func builtin(
    only: Set<String> = [], except: Set<String> = [], extra: [DetectorSpec] = []
  ) throws(BlastRadiusError) -> DetectorSet {
    let specs = (BuiltinDetectors.all + extra).filter {
      (only.isEmpty || only.contains($0.id) || only.contains($0.category))
        && !except.contains($0.id) && !except.contains($0.category)
    }
    return try DetectorSet(specs)
  }

  /// Every Vectorscan database a scan compiles, by name, with its patterns: so that each can be
  /// measured on its own (`blastradius detectors --vectorscan`, `scripts/bench-vectorscan`).
  public var databases: [(name: String, patterns: [VectorscanPattern])] {
    [
      ("anchors", anchors), ("value_labels", valueLabels), ("combined", combined), ("labels", labels),
      ("user_rule_spans", spans),
    ].compactMap { name, database in database.map { (name, $0.patterns) } }
  }

  /// Whether any detector needs the values of a column with this class read row by row.
  package func readsColumn(_ label: LabelClass?) -> Bool {
    guard let label else { return false }
    return ownersByLabel[label.index] != nil
  }
}

/// A `DigitShape` flattened into plain integers, so checking a run allocates and retains nothing.
struct CompiledShape {
  /// The detector whose shape it is.
  var detector: Int
  /// `DigitShape.alphanumericLead`, and its `parenthesizedLead`'s lower bound or -1.
  var alphanumericLead: Int
  var parenthesizedLead: Int
  /// Group count, or -1 for any.
  var groupCount: Int
  /// Minimum and maximum digits per group, 8 bits each.
  var minimums: UInt64 = 0
  var maximums: UInt64 = 0
  /// Bit `b & 63` set for each allowed separator byte `b` (all are below 0x40).
  var separators: UInt64 = 0
  var hasLead: Bool

  /// Whether a run of `groups` groups and `digits` digits in all can fit: what `matches` needs
  /// of the run's totals alone.
  func couldTake(groups: Int, digits: Int) -> Bool {
    guard groupCount >= 0 else { return true }
    guard groupCount == groups, groups <= 8 else { return false }
    var low = 0
    var high = 0
    for i in 0..<groups {
      low += Int((minimums >> UInt64(i * 8)) & 0xFF)
      high += Int((maximums >> UInt64(i * 8)) & 0xFF)
    }
    return low <= digits && digits <= high
  }

  init(_ shape: DigitShape, detector: Int) {
    self.detector = detector
    alphanumericLead = shape.alphanumericLead
    parenthesizedLead = shape.parenthesizedLead?.lowerBound ?? -1
    groupCount = shape.groups?.count ?? -1
    for (i, r) in (shape.groups ?? []).enumerated() {
      minimums |= UInt64(r.lowerBound) << UInt64(i * 8)
      maximums |= UInt64(r.upperBound) << UInt64(i * 8)
    }
    for b in shape.separators { separators |= 1 << UInt64(b & 63) }
    hasLead = shape.parenthesizedLead != nil || shape.alphanumericLead > 0
  }
}
