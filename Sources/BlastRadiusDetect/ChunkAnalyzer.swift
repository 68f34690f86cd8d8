package import BlastRadiusBase
package import BlastRadiusMatch

/// A detector hit inside one chunk, before it is placed in a file and formatted. Plain data (its
/// canonical text lives in the analyzer), so the chunk's findings are filtered, sorted and
/// copied without reference counts.
package struct RawFinding {
  package var detector: Int
  /// Index of the value's first byte in the chunk buffer.
  package var start: Int
  package var length: Int
  package var confidence: Confidence
  package var reasons: Reasons
  package var canonical: Form

  /// `Canonical` as a chunk holds it: a validator's text as a span of the analyzer's
  /// `canonicalText`, the other forms as they are.
  package enum Form: Equatable {
    case text(start: Int, count: Int)
    case short(SIMD16<UInt8>, count: Int)
    case lowercasedValue
  }
}

/// Finds candidates in one buffer and turns them into validated findings: label phrases and
/// patterns through Vectorscan, numeric shapes through `NumericRunScanner`, delimited columns
/// through the file's header. One per worker; it reuses its match and hit storage.
package final class ChunkAnalyzer {
  struct KeywordHit {
    var start: Int
    var end: Int
    var label: LabelClass
  }

  /// The slice of a buffer this call is responsible for, and what the file around it says.
  package struct Window {
    /// Buffer indexes whose candidates (by start) this call reports; the rest is context.
    package var from: Int
    package var to: Int
    /// The file's header, when it is delimited data.
    package var header: DelimitedHeader?
    /// Buffer index where the header line starts, when it is inside this buffer.
    package var headerLineStart: Int?

    package init(from: Int, to: Int, header: DelimitedHeader? = nil, headerLineStart: Int? = nil) {
      self.from = from
      self.to = to
      self.header = header
      self.headerLineStart = headerLineStart
    }
  }

  let detectors: DetectorSet
  let labelScratch: VectorscanScratch?
  let valueLabelScratch: VectorscanScratch?
  let contextMatches = MatchList(capacity: 64)
  let anchorScratch: VectorscanScratch?
  let combinedScratch: VectorscanScratch?
  let spanScratch: VectorscanScratch?
  let spanMatches = SpanList()
  let matches = MatchList()
  var hits: [KeywordHit] = []
  /// Document class terms seen in the last buffer: (term index, match end).
  package var termHits: [(term: Int, end: Int)] = []
  /// What a buffer's analysis writes at every candidate, behind a pointer: a class's stored
  /// properties are checked for exclusive access at run time at each use, several times a
  /// finding; these computed ones reach the pointer's memory, which is not.
  struct Scratch {
    var findings: [RawFinding] = []
    var canonicalText: [UInt8] = []
    var candidateBytes: [UInt8] = []
  }
  let scratch: UnsafeMutablePointer<Scratch>

  var findings: [RawFinding] {
    get { scratch.pointee.findings }
    _modify { yield &scratch.pointee.findings }
    set { scratch.pointee.findings = newValue }
  }

  /// The canonical texts of this buffer's findings (`RawFinding.Form.text`), one after another.
  package private(set) var canonicalText: [UInt8] {
    get { scratch.pointee.canonicalText }
    _modify { yield &scratch.pointee.canonicalText }
    set { scratch.pointee.canonicalText = newValue }
  }
  var numeric = NumericRunScanner()
  var runs: [NumericRunScanner.Run] = []
  var labelSpans: [Range<Int>] = []
  /// How pattern and label phrases are matched in a buffer; only tests choose.
  package enum LabelPass {
    /// The combined database when label spans cover at least a quarter of the buffer (where
    /// one pass costs less than two), else patterns everywhere and labels in their spans.
    case automatic
    case separate
    case combined
  }
  package var labelPass = LabelPass.automatic
  /// How far before a value a supporting label may stand.
  static let labelReach = 64
  /// How far after a label its value may start.
  static let valueReach = 40

  /// The bytes of the candidate being validated: one array, refilled for each, since a
  /// candidate lives only through its validation (an array per candidate was an allocation
  /// per finding). A validator that kept a candidate's bytes would only make the next one copy.
  var candidateBytes: [UInt8] {
    get { scratch.pointee.candidateBytes }
    _modify { yield &scratch.pointee.candidateBytes }
    set { scratch.pointee.candidateBytes = newValue }
  }

  func filledCandidate(_ range: Range<Int>, _ buffer: UnsafeRawBufferPointer, _ source: Candidate.Source)
    -> Candidate
  {
    candidateBytes.removeAll(keepingCapacity: true)
    candidateBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[range]))
    return Candidate(bytes: candidateBytes, source: source)
  }

  /// `detectors.compiledShapes`, copied where walking it per run costs no reference count.
  let shapes: UnsafeMutableBufferPointer<CompiledShape>
  /// For each run key (`DetectorSet.shapeKey`), the shapes that can take a run of that many
  /// groups and digits, in their order: `shapeOrder[shapeLists[key]..<shapeLists[key + 1]]`
  /// (a run was checked against every shape). The list after the last key holds them all, for
  /// runs with no key.
  let shapeLists: UnsafeMutableBufferPointer<Int32>
  let shapeOrder: UnsafeMutableBufferPointer<Int32>
  static let allShapes = 9 * 32
  /// By run key, `detectors.plainShapes` (bit 0) and `parenthesizedShapes` (bit 1), for
  /// `gate`: read for every run, most of which (a log's dates and ids) fit none, through a
  /// pointer rather than the detector set's arrays (three dependent loads and a bounds check).
  let shapeFlags: UnsafeMutableBufferPointer<UInt8>
  var gate: ShapeGate { ShapeGate(flags: UnsafeBufferPointer(shapeFlags)) }
  /// This analyzer's own copies of the detector set's validators (by detector) and pattern
  /// locators (by pattern id). Calling a closure retains its context; the set's are shared by
  /// every worker, and their reference counts, changed by both cores at every candidate,
  /// bounced between them (about 5 % of a finding-dense scan). A wrapper made here is touched
  /// by one thread only. Token rules (`DetectorSet.patternTokenStarts`) need no locator.
  let validators: [@Sendable (Candidate) -> Validation?]
  let locators: [@Sendable (_ buffer: UnsafeRawBufferPointer, _ matchEnd: Int) -> Range<Int>?]
  /// The detectors each label class names (`DetectorSet.ownersByLabel`), one list after
  /// another in `ownerList`, found by `ownerSpans[label.index]` (a count of -1 for none): read
  /// through a pointer, so that a row's cell costs no reference count.
  let ownerList: UnsafeMutableBufferPointer<Int>
  let ownerSpans: UnsafeMutableBufferPointer<(start: Int, count: Int)>

  package init(detectors: DetectorSet) throws(VectorscanError) {
    self.detectors = detectors
    // First what may fail, so that nothing is allocated yet if it does.
    self.labelScratch = try detectors.labels?.makeScratch()
    self.valueLabelScratch = try detectors.valueLabels?.makeScratch()
    self.anchorScratch = try detectors.anchors?.makeScratch()
    self.combinedScratch = try detectors.combined?.makeScratch()
    self.spanScratch = try detectors.spans?.makeScratch()
    scratch = .allocate(capacity: 1)
    scratch.initialize(to: Scratch())
    shapes = .allocate(capacity: detectors.compiledShapes.count)
    _ = shapes.initialize(from: detectors.compiledShapes)
    var lists: [Int32] = [0]
    var order: [Int32] = []
    for key in 0...Self.allShapes {
      for (i, shape) in detectors.compiledShapes.enumerated()
      where key == Self.allShapes || shape.couldTake(groups: key / 32, digits: key % 32) {
        order.append(Int32(i))
      }
      lists.append(Int32(order.count))
    }
    shapeLists = .allocate(capacity: lists.count)
    _ = shapeLists.initialize(from: lists)
    shapeOrder = .allocate(capacity: order.count)
    _ = shapeOrder.initialize(from: order)
    shapeFlags = .allocate(capacity: Self.allShapes)
    for key in 0..<Self.allShapes {
      shapeFlags[key] = (detectors.plainShapes[key] ? 1 : 0) | (detectors.parenthesizedShapes[key] ? 2 : 0)
    }
    validators = detectors.specs.map { spec in
      let validate = spec.validate
      return { validate($0) }
    }
    locators = detectors.patternLocators.map { locate in { locate($0, $1) } }
    let flat = detectors.ownersByLabel.flatMap { $0 ?? [] }
    ownerList = .allocate(capacity: max(flat.count, 1))
    _ = ownerList.initialize(from: flat)
    ownerSpans = .allocate(capacity: detectors.ownersByLabel.count)
    ownerSpans.initialize(repeating: (0, -1))
    var start = 0
    for (i, list) in detectors.ownersByLabel.enumerated() {
      ownerSpans[i] = (start, list?.count ?? -1)
      start += list?.count ?? 0
    }
  }

  /// The detectors a label class names, or nil when it names none.
  func owners(of label: LabelClass) -> UnsafeBufferPointer<Int>? {
    let span = ownerSpans[label.index]
    guard span.count >= 0 else { return nil }
    return UnsafeBufferPointer(rebasing: ownerList[span.start..<(span.start + span.count)])
  }

  deinit {
    scratch.deinitialize(count: 1)
    scratch.deallocate()
    shapes.deallocate()
    shapeLists.deallocate()
    shapeOrder.deallocate()
    shapeFlags.deallocate()
    ownerList.deallocate()
    ownerSpans.deallocate()
  }

  /// A validator's canonical form as a raw finding holds it.
  func form(_ canonical: Canonical) -> RawFinding.Form {
    switch canonical {
    case .text(let text):
      let start = canonicalText.count
      canonicalText.append(contentsOf: text.utf8)
      return .text(start: start, count: canonicalText.count - start)
    case .short(let bytes, let count): return .short(bytes, count: count)
    case .lowercasedValue: return .lowercasedValue
    }
  }

  /// Analyses `buffer` and returns the findings whose value starts in `window`, by start offset.
  package func analyze(_ buffer: UnsafeRawBufferPointer, _ window: Window) throws(VectorscanError)
    -> [RawFinding]
  {
    findings.removeAll(keepingCapacity: true)
    canonicalText.removeAll(keepingCapacity: true)
    hits.removeAll(keepingCapacity: true)
    matches.removeAll()
    numeric.scan(buffer, runs: &runs, labelSpans: &labelSpans, gate: gate)
    // Patterns run over the whole buffer; label phrases only near numbers, where they matter.
    let patternMatches: Int
    if let combined = detectors.combined, useCombined(buffer.count) {
      patternMatches = try scanCombined(combined, buffer, window)
    } else {
      if let anchors = detectors.anchors {
        try anchors.scan(buffer, scratch: anchorScratch!, into: matches, tail: tailMatters(window, buffer))
      }
      patternMatches = matches.count
      if let valueLabels = detectors.valueLabels {
        // A phrase at a span's end labels nothing: a number after it would have widened the span.
        for span in labelSpans {
          try valueLabels.scan(
            UnsafeRawBufferPointer(rebasing: buffer[span]), scratch: valueLabelScratch!, into: matches,
            offset: span.lowerBound, tail: false)
        }
      }
    }
    termHits.removeAll(keepingCapacity: true)

    for i in patternMatches..<matches.count {
      let (id, end) = matches[i]
      let keyword = detectors.keywords[Int(id)]
      var hit = KeywordHit(start: end - keyword.length, end: end, label: keyword.label)
      // The longest lexicon phrase around the short one Vectorscan matched.
      for ext in detectors.extensions[Int(id)] {
        let start = hit.start - ext.offset
        guard start >= 0, start + ext.phrase.count <= buffer.count,
          (0..<ext.phrase.count).allSatisfy({ ASCII.lower(buffer[start + $0]) == ext.phrase[$0] })
        else { continue }
        hit = KeywordHit(start: start, end: start + ext.phrase.count, label: ext.label)
        break
      }
      if Self.isWordBoundary(buffer, start: hit.start, end: hit.end),
        hits.last.map({ $0.start != hit.start || $0.end != hit.end }) ?? true
      {
        hits.append(hit)
      }
    }

    // Several matches may name one candidate: it is validated once.
    var last = (detector: -1, start: -1)
    for i in 0..<patternMatches {
      let (id, end) = matches[i]
      guard id < detectors.termBase else {
        termHits.append((Int(id - detectors.termBase), end))
        continue
      }
      let detector = detectors.patternDetectors[Int(id)]
      // A token rule's start function is called here, not through a locator closure made
      // around it (whose context every call would retain).
      let located: Range<Int>?
      if let tokenStart = detectors.patternTokenStarts[Int(id)] {
        let start = tokenStart(buffer.baseAddress, buffer.count, end)
        located = start >= 0 ? start..<DetectorSpec.PatternRule.tokenEnd(buffer, from: start) : nil
      } else {
        located = locators[Int(id)](buffer, end)
      }
      guard let range = located, (detector, range.lowerBound) != last,
        range.lowerBound + 64 >= window.from, range.lowerBound < window.to + 64
      else { continue }
      last = (detector, range.lowerBound)
      considerStandalone(
        detector, filledCandidate(range, buffer, .pattern), at: range.lowerBound, buffer, window)
    }

    for rule in detectors.triggerRules {
      triggered(rule, buffer, window)
    }

    if let spans = detectors.spans {
      try userRules(spans, buffer, window)
    }

    for run in runs {
      // A value may begin a little before its run (`(212) `, `DE89 `); the window decides by
      // where the value begins, in `merged()`.
      guard run.start + 64 >= window.from, run.start < window.to + 64 else { continue }
      let found = findings.count
      classifyRun(buffer, start: run.start, end: run.end, digits: run.digits, groups: run.groups, window)
      if findings.count == found, run.spaced { classifySpaced(buffer, run, window) }
    }

    for hit in hits where hit.end + Self.valueReach >= window.from && hit.start < window.to {
      guard let owners = owners(of: hit.label) else { continue }
      labelledValue(after: hit, owners: owners, buffer)
    }

    if let header = window.header, header.columns.contains(where: detectors.readsColumn) {
      readColumns(buffer, window, header)
    }

    return merged(window)
  }

  /// Whether matches ending in the buffer's last bytes can give findings here: in the last
  /// buffer of a file, not in one whose last 4 KiB the next buffer reports (the Vectorscan
  /// rescan of the tail is needed only then; see `VectorscanDatabase.scan`).
  func tailMatters(_ window: Window, _ buffer: UnsafeRawBufferPointer) -> Bool {
    buffer.count - window.to < 1024
  }

  func useCombined(_ bufferCount: Int) -> Bool {
    switch labelPass {
    case .automatic: labelSpans.reduce(0) { $0 + $1.count } * 4 >= bufferCount
    case .separate: false
    case .combined: true
    }
  }

  /// Patterns and label phrases in one pass over `buffer`, for buffers mostly within label
  /// spans; the phrases outside every span are dropped, so that the matches are those of the two
  /// separate scans: pattern matches first, then label matches. Returns the pattern match count.
  func scanCombined(
    _ combined: VectorscanDatabase, _ buffer: UnsafeRawBufferPointer, _ window: Window
  ) throws(VectorscanError) -> Int {
    try combined.scan(buffer, scratch: combinedScratch!, into: matches, tail: tailMatters(window, buffer))
    let base = detectors.labelBase
    var patternMatches = 0
    matches.partition { id, end in
      guard id >= base else {
        patternMatches += 1
        return .keep
      }
      let keyword = id - base
      let start = end - detectors.keywords[Int(keyword)].length
      return Self.isInside(start..<end, labelSpans) ? .move(keyword) : .drop
    }
    return patternMatches
  }

  /// Whether `range` lies within one of `spans` (sorted, disjoint).
  static func isInside(_ range: Range<Int>, _ spans: [Range<Int>]) -> Bool {
    var lo = 0
    var hi = spans.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if spans[mid].upperBound < range.upperBound { lo = mid + 1 } else { hi = mid }
    }
    return lo < spans.count && spans[lo].lowerBound <= range.lowerBound
  }

  /// The tokens around each of a trigger rule's bytes (`PatternRule.init(trigger:tokenStart:)`)
  /// whose start may lie in the window: a token starts at most 64 bytes before its byte.
  func triggered(
    _ rule: (byte: UInt8, detector: Int, tokenStart: DetectorSpec.PatternRule.TokenStart),
    _ buffer: UnsafeRawBufferPointer, _ window: Window
  ) {
    let end = min(buffer.count, window.to + 128)
    var at = max(0, window.from - 64)
    while at < end, let hit = ByteSearch.firstIndex(of: rule.byte, in: buffer, from: at), hit < end {
      at = hit + 1
      let start = rule.tokenStart(buffer.baseAddress, buffer.count, hit + 1)
      guard start >= 0, start + 64 >= window.from, start < window.to + 64 else { continue }
      let range = start..<DetectorSpec.PatternRule.tokenEnd(buffer, from: start)
      considerStandalone(rule.detector, filledCandidate(range, buffer, .pattern), at: start, buffer, window)
    }
  }

  /// Rules matched with their starts: the longest match from each start, checked by its rule.
  func userRules(_ spans: VectorscanDatabase, _ buffer: UnsafeRawBufferPointer, _ window: Window)
    throws(VectorscanError)
  {
    spanMatches.spans.removeAll(keepingCapacity: true)
    try spans.scanSpans(buffer, scratch: spanScratch!, into: spanMatches)
    var longest: [Int: (id: UInt32, from: Int, to: Int)] = [:]  // keyed by id and start
    for m in spanMatches.spans where m.from >= window.from && m.from < window.to {
      let key = m.from << 20 | Int(m.id)
      if let seen = longest[key], seen.to >= m.to { continue }
      longest[key] = m
    }
    for m in longest.values.sorted(by: { ($0.from, $0.id) < ($1.from, $1.id) }) {
      let owner = detectors.spanOwners[Int(m.id)]
      guard let range = owner.rule.span?(buffer, m.from..<m.to) else { continue }
      considerStandalone(
        owner.detector, filledCandidate(range, buffer, .pattern), at: range.lowerBound,
        buffer, window)
    }
  }

  // MARK: Numeric runs

  /// The groups of a run, packed so that classifying one costs no allocation.
  struct RunShape {
    var count = 0
    var lengths: UInt64 = 0  // 8 bits per group, up to 8 groups
    var separator: UInt8 = 0
    var consistent = true

    func matches(_ shape: CompiledShape) -> Bool {
      if shape.groupCount < 0 { return true }
      guard shape.groupCount == count, count <= 8, consistent else { return false }
      if count > 1, shape.separators & (1 << UInt64(separator & 63)) == 0 { return false }
      for i in 0..<count {
        let shift = UInt64(i * 8)
        let n = (lengths >> shift) & 0xFF
        if n < (shape.minimums >> shift) & 0xFF || n > (shape.maximums >> shift) & 0xFF { return false }
      }
      return true
    }
  }

  /// A run that fits no shape as a whole may be values written one space apart
  /// (`412-55-1234 523-66-2345`, two card numbers): from each piece between spaces, the longest
  /// span of pieces that yields a finding is taken, and the search goes on after it.
  func classifySpaced(_ buffer: UnsafeRawBufferPointer, _ run: NumericRunScanner.Run, _ window: Window) {
    // Only runs the scanner saw a space in come here; the pieces' bounds live on the stack.
    var spaceCount = 0
    for i in run.start..<run.end where buffer[i] == ASCII.space {
      spaceCount += 1
      if spaceCount > 16 { return }
    }
    guard spaceCount > 0 else { return }
    withUnsafeTemporaryAllocation(of: Int.self, capacity: spaceCount) { spaces in
      var n = 0
      for i in run.start..<run.end where buffer[i] == ASCII.space {
        spaces[n] = i
        n += 1
      }
      // Piece k runs from after the space before it to the space after it.
      func start(_ k: Int) -> Int { k == 0 ? run.start : spaces[k - 1] + 1 }
      func end(_ k: Int) -> Int { k == n ? run.end : spaces[k] }
      let pieces = n + 1
      var i = 0
      while i < pieces {
        var next = i + 1
        var j = min(pieces, i + 8)
        while j > i {
          let (s, e) = (start(i), end(j - 1))
          // The whole run was tried already; pieces shorter than any run are not values.
          if !(i == 0 && j == pieces), e - s >= NumericRunScanner.minimumLength {
            var digits = 0
            var groups = 1
            for k in s..<e {
              if ASCII.isDigit(buffer[k]) { digits += 1 } else { groups += 1 }
            }
            let found = findings.count
            classifyRun(buffer, start: s, end: e, digits: digits, groups: groups, window)
            if findings.count > found {
              next = j
              break
            }
          }
          j -= 1
        }
        i = next
      }
    }
  }

  func classifyRun(
    _ buffer: UnsafeRawBufferPointer, start s: Int, end e: Int, digits: Int, groups: Int, _ window: Window
  ) {
    let base = buffer.baseAddress!
    guard gate.mayFit(base, start: s, digits: digits, groups: groups) else { return }
    let before: UInt8 = s > 0 ? buffer[s - 1] : ASCII.newline
    let key = DetectorSet.shapeKey(groups: groups, digits: digits)
    let letterBefore = ShapeGate.isLetterBefore(base, s, before)
    let parenBefore = ShapeGate.isParenBefore(base, s, before)

    var shape = RunShape()
    var run = 0
    var i = s
    while i < e {
      let b = buffer[i]
      if ASCII.isDigit(b) {
        run += 1
      } else {
        if shape.count < 8 { shape.lengths |= UInt64(min(run, 255)) << UInt64(shape.count * 8) }
        shape.count += 1
        if shape.separator == 0 {
          shape.separator = b
        } else if shape.separator != b {
          shape.consistent = false
        }
        run = 0
      }
      i += 1
    }
    if shape.count < 8 { shape.lengths |= UInt64(min(run, 255)) << UInt64(shape.count * 8) }
    shape.count += 1

    let after: UInt8 = e < buffer.count ? buffer[e] : ASCII.newline
    let gluedAfter =
      ASCII.isWord(after)
      || ((after == ASCII.hyphen || after == ASCII.dot) && e + 1 < buffer.count
        && ASCII.isAlnum(buffer[e + 1]))
    // Letters right after the digits end most shapes, but not an IBAN whose account part goes on
    // in letters (`MT84MALT011000012345MTLCAST001S`): only shapes with a letter lead see those.
    let lettersAfter =
      letterBefore && detectors.hasAlphanumericLead
      && (ASCII.isUpper(after)
        || (after == ASCII.hyphen && e + 1 < buffer.count && ASCII.isUpper(buffer[e + 1])))
    if gluedAfter && after != ASCII.dot && !lettersAfter { return }
    if gluedAfter, e + 1 < buffer.count, ASCII.isDigit(buffer[e + 1]) { return }
    // Glued to a word, or a path or identifier segment (`detail/5390364397928448`, `v2.1234…`).
    let gluedBefore =
      ASCII.isWord(before)
      || ((before == ASCII.hyphen || before == ASCII.dot || before == ASCII.slash) && s >= 2
        && ASCII.isAlnum(buffer[s - 2]))

    let list = key ?? Self.allShapes
    for j in Int(shapeLists[list])..<Int(shapeLists[list + 1]) {
      let compiled = shapes[Int(shapeOrder[j])]
      guard shape.matches(compiled) else { continue }
      if !compiled.hasLead && gluedBefore { continue }
      let detector = compiled.detector
      if compiled.alphanumericLead > 0 {
        guard letterBefore else { continue }
        // Letters and digits, grouped by single spaces or dashes, either side of the run.
        func joins(_ at: Int) -> Bool { buffer[at] == ASCII.space || buffer[at] == ASCII.hyphen }
        var lead = s
        while lead > 0, s - lead < compiled.alphanumericLead,
          ASCII.isAlnum(buffer[lead - 1]) || (joins(lead - 1) && lead >= 2 && ASCII.isAlnum(buffer[lead - 2]))
        {
          lead -= 1
        }
        var tail = e
        while tail < buffer.count, tail - e < 40,
          ASCII.isAlnum(buffer[tail])
            || (joins(tail) && tail + 1 < buffer.count && ASCII.isAlnum(buffer[tail + 1]))
        {
          tail += 1
        }
        considerStandalone(
          detector, filledCandidate(lead..<tail, buffer, .shape), at: lead, buffer,
          window, exact: false)
      } else if lettersAfter {
        continue
      } else if compiled.parenthesizedLead >= 0 {
        guard parenBefore else { continue }
        var close = s - 1
        if close >= 0, buffer[close] == ASCII.space { close -= 1 }
        let open = close - compiled.parenthesizedLead - 1
        guard close > 0, buffer[close] == 0x29, open >= 0, buffer[open] == 0x28,
          (open + 1..<close).allSatisfy({ ASCII.isDigit(buffer[$0]) }),
          open == 0 || !ASCII.isWord(buffer[open - 1])
        else { continue }
        considerStandalone(
          detector, filledCandidate(open..<e, buffer, .shape), at: open, buffer, window)
      } else {
        considerStandalone(
          detector, filledCandidate(s..<e, buffer, .shape), at: s, buffer, window)
      }
    }
  }

  /// Validates a shape or pattern candidate and weighs the label before it.
  func considerStandalone(
    _ detector: Int, _ candidate: Candidate, at start: Int, _ buffer: UnsafeRawBufferPointer,
    _ window: Window, exact: Bool = true
  ) {
    guard let v = validators[detector](candidate) else { return }
    if exact, candidate.source == .shape, v.offset != 0 || v.length != candidate.bytes.count { return }
    let valueStart = start + v.offset
    var confidence = v.confidence ?? detectors.specs[detector].standalone
    var reasons = v.reasons
    // A value its validator judged a placeholder stays low whatever names it.
    let bits = detectors.labelBits[detector]
    let weighs = (bits.supports | bits.contradicts) != 0 && v.confidence != .low
    if weighs, let (label, isColumn) = context(before: valueStart, buffer, window) {
      if bits.supports & label.bit != 0 {
        confidence = max(confidence, detectors.specs[detector].supported)
        reasons.append(isColumn ? .column(label) : .label(label))
      } else if bits.contradicts & label.bit != 0 {
        confidence = .low
        reasons.append(isColumn ? .notColumn(label) : .notLabel(label))
      }
    }
    findings.append(
      RawFinding(
        detector: detector, start: valueStart, length: v.length, confidence: confidence,
        reasons: reasons, canonical: form(v.canonical)))
  }

  /// What names the value at `position`: its column header in delimited data, else the nearest
  /// label before it on the same line with no other number in between.
  func context(before position: Int, _ buffer: UnsafeRawBufferPointer, _ window: Window) -> (
    LabelClass, isColumn: Bool
  )? {
    if let header = window.header {
      guard let lineStart = lineStart(of: position, buffer) else { return nil }
      let column = header.column(of: position, lineStart: lineStart, in: buffer)
      guard column < header.columns.count, let label = header.columns[column] else { return nil }
      return (label, true)
    }
    // The nearest label phrase ending before the position, looked for only now: shape matches
    // are rare, and phrases that only contradict (invoice, order, zip) are common in logs.
    guard let labels = detectors.labels, let labelScratch else { return nil }
    let from = max(0, position - Self.labelReach - 32)
    contextMatches.removeAll()
    do {
      try labels.scan(
        UnsafeRawBufferPointer(rebasing: buffer[from..<position]), scratch: labelScratch,
        into: contextMatches, offset: from)
    } catch {
      return nil
    }
    var best: (end: Int, label: LabelClass)?
    for i in 0..<contextMatches.count {
      let (id, end) = contextMatches[i]
      let keyword = detectors.keywords[Int(id)]
      guard end >= (best?.end ?? 0), position - end <= Self.labelReach,
        Self.isWordBoundary(buffer, start: end - keyword.length, end: end)
      else { continue }
      best = (end, keyword.label)
    }
    guard let hit = best else { return nil }
    for i in hit.end..<position {
      let b = buffer[i]
      if b == ASCII.newline || ASCII.isDigit(b) || b == 0x3B || b == 0x26 || b == 0x7C || b == ASCII.tab {
        return nil
      }
    }
    return (hit.label, false)
  }

  func lineStart(of position: Int, _ buffer: UnsafeRawBufferPointer) -> Int? {
    let floor = max(0, position - 8192)
    let window = UnsafeRawBufferPointer(rebasing: buffer[floor..<position])
    if let newline = ByteSearch.lastIndex(of: ASCII.newline, in: window, before: window.count) {
      return floor + newline + 1
    }
    return floor == 0 ? 0 : nil
  }

  /// A label phrase counts on word boundaries; `customerSSN` counts, `classname` does not.
  static func isWordBoundary(_ buffer: UnsafeRawBufferPointer, start: Int, end: Int) -> Bool {
    if start > 0 {
      let b = buffer[start - 1]
      if ASCII.isAlnum(b), !(ASCII.isLower(b) && ASCII.isUpper(buffer[start])) { return false }
    }
    if end < buffer.count {
      let a = buffer[end]
      if ASCII.isAlnum(a), !(ASCII.isUpper(a) && ASCII.isLower(buffer[end - 1])) { return false }
    }
    return true
  }

  // MARK: Labels

  /// The value right after a label (`SSN: 123456789`, `"ssn": "…"`, `ssn=…`), checked by each
  /// detector that the label names.
  func labelledValue(
    after hit: KeywordHit, owners: UnsafeBufferPointer<Int>, _ buffer: UnsafeRawBufferPointer
  ) {
    guard let i = LabelValue.start(after: hit.end, in: buffer) else { return }
    var end = i
    let windowEnd = min(buffer.count, i + 64)
    while end < windowEnd {
      let b = buffer[end]
      if b == ASCII.newline || b == ASCII.carriageReturn || b == 0x3B || b == 0x7C || b == ASCII.tab
        || b == ASCII.quote || b == 0x27 || b == 0x3C || b == 0x26
      {
        break
      }
      end += 1
    }
    let candidate = filledCandidate(i..<end, buffer, .label(hit.label))
    for detector in owners {
      guard let v = validators[detector](candidate) else { continue }
      findings.append(
        RawFinding(
          detector: detector, start: i + v.offset, length: v.length,
          confidence: v.confidence ?? detectors.specs[detector].supported,
          reasons: v.reasons.appending(.label(hit.label)), canonical: form(v.canonical)))
    }
  }

  // MARK: Columns

  /// Reads the named columns of every row that overlaps the window (values outside it are
  /// dropped in `merged`).
  func readColumns(_ buffer: UnsafeRawBufferPointer, _ window: Window, _ header: DelimitedHeader) {
    guard var lineStart = lineStart(of: window.from, buffer),
      let lastRead = header.columns.lastIndex(where: detectors.readsColumn)
    else { return }
    while lineStart < window.to {
      let lineEnd = ByteSearch.firstIndex(of: ASCII.newline, in: buffer, from: lineStart) ?? buffer.count
      if lineStart != window.headerLineStart {
        readRow(buffer, lineStart..<lineEnd, header, through: lastRead)
      }
      lineStart = lineEnd + 1
    }
  }

  /// Reads a row's cells up to column `lastRead` (the columns after it name nothing to read).
  func readRow(
    _ buffer: UnsafeRawBufferPointer, _ line: Range<Int>, _ header: DelimitedHeader, through lastRead: Int
  ) {
    var column = 0
    var fieldStart = line.lowerBound
    var quoted = false
    var i = line.lowerBound
    while column <= lastRead {
      // A field ends at a delimiter outside quotes, or at the line's end.
      let at = header.nextDelimiterOrQuote(in: buffer, from: i, to: line.upperBound)
      if at < line.upperBound {
        i = at + 1
        if buffer[at] == ASCII.quote {
          quoted.toggle()
          continue
        }
        if quoted { continue }
      }
      if column < header.columns.count, let label = header.columns[column],
        let owners = owners(of: label)
      {
        readCell(buffer, fieldStart..<at, label, owners)
      }
      column += 1
      fieldStart = at + 1
      if at == line.upperBound { break }
    }
  }

  /// Validates a cell (its surrounding spaces and quotes trimmed) with the detectors its column's
  /// label names.
  func readCell(
    _ buffer: UnsafeRawBufferPointer, _ field: Range<Int>, _ label: LabelClass,
    _ owners: UnsafeBufferPointer<Int>
  ) {
    var lo = field.lowerBound
    var hi = field.upperBound
    while lo < hi, buffer[lo] == ASCII.space || buffer[lo] == ASCII.quote { lo += 1 }
    while hi > lo,
      buffer[hi - 1] == ASCII.space || buffer[hi - 1] == ASCII.quote || buffer[hi - 1] == ASCII.carriageReturn
    {
      hi -= 1
    }
    // A formatted value (`212-555-0147`) is found by its shape, and the header then raises
    // it; reading it here too would validate it twice. Patterns (key phrases such as
    // `password=`) do not find a bare cell.
    let formatted = (lo..<hi).contains { !ASCII.isDigit(buffer[$0]) }
    func reads(_ detector: Int) -> Bool { !formatted || detectors.specs[detector].shapes.isEmpty }
    guard hi > lo, owners.contains(where: reads) else { return }
    let candidate = filledCandidate(lo..<hi, buffer, .column(label))
    for detector in owners where reads(detector) {
      guard let v = validators[detector](candidate), v.offset == 0, v.length == hi - lo
      else { continue }
      findings.append(
        RawFinding(
          detector: detector, start: lo, length: v.length,
          confidence: v.confidence ?? detectors.specs[detector].supported,
          reasons: v.reasons.appending(.column(label)), canonical: form(v.canonical)))
    }
  }

  // MARK: Merge

  /// One finding per detector and start, for values that start in the window (so that the same
  /// value seen again in the next chunk's look-behind is reported once): the most confident,
  /// with every reason.
  func merged(_ window: Window) -> [RawFinding] {
    findings.removeAll { $0.start < window.from || $0.start >= window.to }
    guard findings.count > 1 else { return findings }
    findings.sort { ($0.start, $0.detector) < ($1.start, $1.detector) }
    let hasFallbacks = detectors.hasFallbacks
    let fallbacks = detectors.fallbacks
    // In place, group by group of one start: `f[..<kept]` holds what is kept so far, and
    // `kept` never passes the finding being read.
    let kept = findings.withUnsafeMutableBufferPointer { f -> Int in
      var kept = 0
      var i = 0
      while i < f.count {
        var j = i + 1
        while j < f.count, f[j].start == f[i].start { j += 1 }
        if j == i + 1 {
          // The only finding at its start (most are): kept as it is, copied only to close a gap.
          if kept != i { f[kept] = f[i] }
          kept += 1
          i = j
          continue
        }
        // A catch-all gives way to a specific detector that found a value at the same place.
        let specific = hasFallbacks && j - i > 1 && (i..<j).contains { !fallbacks[f[$0].detector] }
        for k in i..<j where !(specific && fallbacks[f[k].detector]) {
          let next = f[k]
          if kept > 0, f[kept - 1].start == next.start, f[kept - 1].detector == next.detector {
            let last = f[kept - 1]
            f[kept - 1].confidence = max(last.confidence, next.confidence)
            for r in next.reasons { f[kept - 1].reasons.append(r) }
            // A supporting reason overrides a contradicting one found by the shape alone.
            if next.confidence > last.confidence {
              f[kept - 1].reasons = f[kept - 1].reasons.withoutContradictions()
            }
          } else {
            f[kept] = next
            kept += 1
          }
        }
        i = j
      }
      return kept
    }
    findings.removeLast(findings.count - kept)
    return findings
  }
}
