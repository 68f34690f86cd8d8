#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusExtract
import BlastRadiusHunt
import BlastRadiusMatch

/// One scanning thread's state: its Vectorscan scratch (inside the analyzer), its read buffers
/// and its fingerprint cache. Reads each file once, in chunks with an overlap, so memory stays
/// bounded whatever the file size and a value that straddles two chunks is found once.
package final class ScanWorker {
  let options: ScanOptions
  let detectors: DetectorSet
  let analyzer: ChunkAnalyzer
  /// Document classes' term counts for the item being read; nil when no class is enabled.
  let classifier: DocumentClassifier?
  /// Fingerprints of the values seen lately; its `fingerprinter` serves whole-item findings.
  let memo: FingerprintMemo
  var fingerprinter: Fingerprinter { memo.fingerprinter }
  let tally: ScanTally
  let sink: any ScanSink
  /// Hunting (YARA, indicators), when asked for.
  let hunter: HuntWorker?

  /// Bytes kept before the responsible window: label reach, line starts of delimited rows.
  static let lookBehind = 4096
  /// Bytes at the end of a chunk left to the next one, so that no value is cut: longer than
  /// any token a detector accepts and any row the column reader needs.
  static let guardBand = 4096

  /// The scan buffer: kept context, then the new chunk, then one sentinel byte.
  let buffer: UnsafeMutableRawPointer
  let capacity: Int
  /// Raw UTF-16 bytes before narrowing.
  let wideBuffer: UnsafeMutableRawPointer
  /// Findings gathered for sending, reused: `emit` takes them into a local for its loop (a
  /// class's stored property costs an exclusivity check at every access).
  var pending: Pending
  /// Counts not yet added to the shared tally (it was busy): `settle` adds them when the
  /// worker is done.
  var backlog: ScanTally.Backlog
  /// Records of the current item whose names were sent already.
  var namedRecords: Set<Int> = []
  /// Per raw finding of the current chunk: its record, and whether its names are wanted.
  var records: [(bounds: Range<Int>, named: Bool)?] = []
  /// What the file being read adds to the totals; nil between files (issues then are the walk's).
  var fileTally: FileTally?
  /// The open descriptor of the file on disk being read, -1 between files: an Outlook store is
  /// read by libpff where it lies, through it.
  var descriptor: Int32 = -1
  /// The containers, documents and images being read, innermost last: each is counted per
  /// format as read or failed when done (ScanWorker+Formats).
  var formatFrames: [FormatFrame] = []
  /// This thread's tesseract (`--ocr`), made on its first page and kept: see ScanWorker+OCR.
  var ocrEngine: Result<OCREngine, OCRUnavailable>?

  init(
    options: ScanOptions, detectors: DetectorSet, hunter: HuntWorker? = nil, tally: ScanTally,
    sink: any ScanSink
  ) throws(BlastRadiusError) {
    self.options = options
    self.hunter = hunter
    self.detectors = detectors
    do { self.analyzer = try ChunkAnalyzer(detectors: detectors) } catch {
      throw BlastRadiusError(.matcher, "cannot get scratch space for a worker", cause: error)
    }
    self.classifier = DocumentClassifier(detectors: detectors)
    self.memo = FingerprintMemo(key: options.key)
    self.pending = Pending(batch: FindingBatch(place: ItemPlace(path: ""), names: detectors.names))
    self.tally = tally
    self.backlog = ScanTally.Backlog(detectors: detectors.specs.count)
    self.sink = sink
    capacity = Self.lookBehind + Self.guardBand + options.chunkSize + 16
    buffer = .allocate(byteCount: capacity, alignment: 64)
    wideBuffer = .allocate(byteCount: options.chunkSize * 2, alignment: 64)
  }

  deinit {
    buffer.deallocate()
    wideBuffer.deallocate()
  }

  func report(_ issue: ScanIssue) {
    if issue.code == .limitExceeded { hunter?.noteLimit(within: issue.within) }
    if fileTally != nil { fileTally!.issue(issue) } else { tally.issue(issue) }
    // An error about the item being read (not one of its members) makes it count as failed.
    if let i = formatFrames.indices.last, formatFrames[i].path == issue.path,
      formatFrames[i].within == issue.within
    {
      formatFrames[i].failed = true
    }
    sink.receive(issue)
  }

  /// Scans one regular file. Problems become error records; findings already sent stay sent.
  package func scanFile(_ path: String) {
    let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (options.followSymlinks ? 0 : O_NOFOLLOW)
    let fd = RawPath.withCString(path) { open($0, flags) }
    guard fd >= 0 else {
      if errno == ELOOP {
        tally.skipped("symlink")  // replaced by a link since it was listed
      } else {
        report(.fromErrno(errno, path: path, doing: "cannot open file"))
      }
      return
    }
    descriptor = fd
    defer {
      descriptor = -1
      close(fd)
    }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      report(.fromErrno(errno, path: path, doing: "cannot stat file"))
      return
    }
    guard st.st_mode & S_IFMT == S_IFREG else {
      tally.skipped("special")
      return
    }
    let file = ScannedFile(
      path: path, stamp: FileStamp(st), mode: Int(st.st_mode & 0o7777), uid: Int(st.st_uid),
      gid: Int(st.st_gid),
      descriptor: fd)
    if let earlier = sink.recall(file) {
      tally.fileDone(path: path, earlier, reused: true)
      return
    }
    fileTally = FileTally()
    var source = FileSource(fd: fd, path: path, size: Int(st.st_size))
    var budget = ExtractionBudget(limits: options.limits, fileSize: Int(st.st_size))
    var findings = 0
    if let hunter {
      defer { hunter.endFile() }
      switch hunter.beginFile(fd: fd, st: st, path: path) {
      case .success(let image?):
        // Read whole for YARA: the scan reads it from memory.
        var whole = CapturedSource(image)
        _ = scanItem(&whole, place: ItemPlace(path: path), depth: 0, budget: &budget, findings: &findings)
      case .success(nil):
        _ = scanItem(&source, place: ItemPlace(path: path), depth: 0, budget: &budget, findings: &findings)
      case .failure(let error):
        report(error.issue)
      }
    } else {
      _ = scanItem(&source, place: ItemPlace(path: path), depth: 0, budget: &budget, findings: &findings)
    }
    // A file truncated, grown or rewritten while it was read: what was scanned is not one state.
    var closing = stat()
    if fstat(fd, &closing) == 0,
      closing.st_size != st.st_size || FileStamp(closing).mtime != FileStamp(st).mtime
    {
      report(
        ScanIssue(
          code: .changedWhileRead,
          message: "changed while it was read (\(st.st_size) bytes when opened, \(closing.st_size) after)",
          path: path))
    }
    if findings > 0 {
      flush()
      sink.receive(file.facts(findings: findings))
    }
    var done = fileTally!
    fileTally = nil
    done.findings = findings
    tally.fileDone(path: path, done)
    sink.done(file, tally: done)
  }

  /// Reads until `count` bytes or the end; returns the bytes read and whether the end was met.
  func fill(_ source: inout some ByteSource, _ target: UnsafeMutableRawPointer, _ count: Int)
    throws(ScanIssueError) -> (Int, Bool)
  {
    var total = 0
    while total < count {
      let n = try source.read(into: target + total, count: count - total)
      if n == 0 { return (total, true) }
      total += n
    }
    return (total, false)
  }

  /// Scans one item: a container is opened and its members scanned in turn, anything else is
  /// decoded and matched; when hunting, the item is also checked against the rules and
  /// indicators (`scanItem` in ScanWorker+Hunt). Returns false when a limit stops the whole file
  /// on disk. `extracted` marks text a document parser produced: it is text whatever it looks
  /// like (mail headers look like mail), so it is not sniffed for containers or documents again.
  func readItem(
    _ source: inout some ByteSource, place: ItemPlace, depth: Int, budget: inout ExtractionBudget,
    findings: inout Int, extracted: Bool = false
  ) -> Bool {
    let wantsText = hunter?.wantsText ?? true
    if extracted && !wantsText { return true }
    let chunk = options.chunkSize
    // The first bytes decide what the item is; they go to the wide buffer, which UTF-16 needs
    // anyway, and are copied for 8-bit text.
    let first: Int
    var eof: Bool
    do {
      (first, eof) = try fill(&source, wideBuffer, chunk)
    } catch {
      report(error.issue)
      return true
    }
    let head = UnsafeRawBufferPointer(start: wideBuffer, count: first)
    if !extracted, let detector = detectors.credentialFileDetector,
      let hit = CredentialFiles.match(name: place.name, parent: place.parentName, head: head)
    {
      findings += emitWhole(
        detector, confidence: hit.confidence, reasons: hit.reasons, masked: hit.kind + ": " + place.name,
        place: place)
    }
    if !extracted, let kind = ContainerKind.sniff(head) {
      guard depth < options.limits.maxDepth else {
        report(
          ScanIssue(
            code: .limitExceeded,
            message: "containers nested deeper than \(options.limits.maxDepth) (--max-depth)",
            path: place.path, within: place.within))
        fileTally?.format(kind.rawValue, .failed)
        return drain(&source, place: place, already: first, atEnd: eof, budget: &budget)
      }
      return counting(kind.rawValue, place: place) {
        scanContainer(
          kind, prefix: Array(head), source: &source, place: place, depth: depth, budget: &budget,
          findings: &findings)
      }
    }
    if !extracted, let document = DocumentKind.sniff(head),
      wantsText || document == .mail || document == .compound || document == .outlook
    {
      guard depth < options.limits.maxDepth else {
        report(
          ScanIssue(
            code: .limitExceeded,
            message: "documents nested deeper than \(options.limits.maxDepth) (--max-depth)",
            path: place.path, within: place.within))
        fileTally?.format(document.rawValue, .failed)
        return drain(&source, place: place, already: first, atEnd: eof, budget: &budget)
      }
      var rest = PrefixedSource(prefix: Array(head), source: source)
      return counting(document.rawValue, place: place) {
        scanDocument(
          document, source: &rest, place: place, depth: depth, budget: &budget, findings: &findings)
      }
    }
    if !extracted, wantsText, let image = ImageKind.sniff(head),
      let done = counting(
        image.rawValue, place: place,
        {
          scanImage(
            image, head: head, eof: eof, source: &source, place: place, depth: depth, budget: &budget,
            findings: &findings)
        })
    {
      return done
    }
    if !wantsText {
      // Hunting only, and no text to search: the bytes are all that counts.
      return depth == 0 || drain(&source, place: place, already: first, atEnd: eof, budget: &budget)
    }
    let (encoding, sniffedBOM) = EncodingSniffer.sniff(head)
    if encoding == .binary {
      guard options.scanBinary else {
        fileTally?.skipped("binary")
        // Inside a container the rest is read and dropped, not skipped by libarchive: skipping
        // a member may mean inflating it, and only reading counts against the limits.
        return depth == 0 || drain(&source, place: place, already: first, atEnd: eof, budget: &budget)
      }
    }
    var narrower: UTF16Narrower? = encoding.isUTF16 ? UTF16Narrower(bigEndian: encoding == .utf16BE) : nil
    // 8-bit text is scanned as is, BOM included; UTF-16 offsets count two bytes per unit.
    let bom = narrower == nil ? 0 : sniffedBOM
    let unitWidth = narrower == nil ? 1 : 2

    var pendingFirst = first  // bytes of the first read not yet moved into the scan buffer
    var carry: UInt8?  // an odd UTF-16 byte left from the previous read
    var oddByte = false
    // buffer[0] is at absolute (decoded) offset `bufferStart`; the first buffer starts with a
    // newline sentinel at -1 so that the file start looks like a line start.
    buffer.storeBytes(of: ASCII.newline, as: UInt8.self)
    var bufferStart = -1
    var used = 1
    var responsibleEnd = 0  // absolute: values starting before this are reported
    var lines = LineCursor()
    var header: DelimitedHeader?
    var readBytes = 0
    var keepGoing = true
    classifier?.reset()
    namedRecords.removeAll(keepingCapacity: true)

    reading: while true {
      // Read the next chunk into the scan buffer (narrowing UTF-16).
      var n: Int
      if pendingFirst >= 0 {
        n = pendingFirst
        pendingFirst = -1
      } else {
        let target = narrower == nil ? buffer + used : wideBuffer + (carry == nil ? 0 : 1)
        do {
          (n, eof) = try fill(&source, target, chunk - (carry == nil ? 0 : 1))
        } catch {
          report(error.issue)
          break reading
        }
      }
      readBytes += n
      tally.bytesRead(n)
      if depth > 0, let limit = budget.expand(n, memberBytes: readBytes) {
        report(
          ScanIssue(code: .limitExceeded, message: limit.message, path: place.path, within: place.within))
        keepGoing = !limit.wholeFile
        break reading
      }
      if var w = narrower {
        var count = n
        if let c = carry {
          wideBuffer.storeBytes(of: c, as: UInt8.self)
          count += 1
          carry = nil
        }
        var raw = UnsafeRawBufferPointer(start: wideBuffer, count: count)
        if readBytes == n { raw = UnsafeRawBufferPointer(rebasing: raw[min(bom, count)...]) }
        if raw.count % 2 == 1 {
          // An odd byte is the item's last, or half a code unit the next read completes.
          if eof { oddByte = true } else { carry = raw[raw.count - 1] }
          raw = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 1)])
        }
        used += w.narrow(raw, into: buffer + used)
        narrower = w
      } else {
        if bufferStart == -1 && used == 1 && n > 0 { (buffer + 1).copyMemory(from: wideBuffer, byteCount: n) }
        used += n
      }

      if header == nil && bufferStart == -1 {
        header = DelimitedHeader.detect(UnsafeRawBufferPointer(start: buffer + 1, count: used - 1))
      }
      buffer.storeBytes(of: ASCII.newline, toByteOffset: used, as: UInt8.self)  // sentinel
      let dataEnd = used
      let windowEnd = eof ? dataEnd : max(responsibleEnd - bufferStart, dataEnd - Self.guardBand)
      let window = ChunkAnalyzer.Window(
        from: responsibleEnd - bufferStart, to: windowEnd, header: header,
        headerLineStart: bufferStart <= 0 ? -bufferStart : nil)
      let view = UnsafeRawBufferPointer(start: buffer, count: eof ? dataEnd + 1 : dataEnd)
      // Network indicators are placed with the line cursor as it is at the window's start.
      let linesAtWindow = lines
      if !options.hunt.huntOnly {
        do {
          let raw = try analyzer.analyze(view, window)
          classifier?.count(analyzer.termHits, view, from: window.from, to: window.to)
          findings += analyzer.canonicalText.withUnsafeBytes { canonicalText in
            emit(
              raw, canonicalText: canonicalText, view: view, bufferStart: bufferStart, bom: bom,
              unitWidth: unitWidth, lines: &lines, place: place, header: header)
          }
        } catch {
          report(
            ScanIssue(
              code: .matcherFailed, message: error.description, path: place.path, within: place.within))
          break
        }
      }
      hunter?.searchText(
        view, from: window.from, to: window.to, bufferStart: bufferStart, bom: bom, unitWidth: unitWidth,
        lines: linesAtWindow)
      responsibleEnd = bufferStart + windowEnd
      lines.advance(to: responsibleEnd, in: view, bufferStart: bufferStart)
      if eof { break }
      // Keep the look-behind and the guard band for the next chunk.
      let keepFrom = max(0, windowEnd - Self.lookBehind)
      (buffer).copyMemory(from: buffer + keepFrom, byteCount: used - keepFrom)
      used -= keepFrom
      bufferStart += keepFrom
    }

    if var w = narrower {
      w.finish()
      if let bad = w.firstInvalidUnit {
        report(
          ScanIssue(
            code: .badEncoding,
            message: "malformed \(encoding.rawValue) (unpaired surrogate) at byte \(bom + 2 * bad)",
            path: place.path, within: place.within))
      }
    }
    if oddByte {
      report(
        ScanIssue(
          code: .badEncoding,
          message: "\(encoding.rawValue) file has an odd number of bytes; the last byte was ignored",
          path: place.path, within: place.within))
    }
    if let classifier {
      for verdict in classifier.verdicts() {
        findings += emitWhole(
          verdict.detector, confidence: verdict.confidence, reasons: [],
          masked: verdict.evidence.prefix(3).map(\.term).joined(separator: ", "), place: place,
          evidence: verdict.evidence)
      }
    }
    fileTally?.itemScanned(bytes: readBytes, encoding: encoding)
    return keepGoing
  }

  /// Places raw findings in the file, filters by confidence, fingerprints and sends them.
  /// `canonicalText` holds the texts of the findings' canonical forms (`ChunkAnalyzer`'s).
  func emit(
    _ raw: [RawFinding], canonicalText: UnsafeRawBufferPointer, view: UnsafeRawBufferPointer,
    bufferStart: Int, bom: Int, unitWidth: Int, lines: inout LineCursor, place: ItemPlace,
    header: DelimitedHeader? = nil
  ) -> Int {
    guard !raw.isEmpty else { return 0 }
    var emitted = 0
    // The record each personal identifier sits in, for linking it to a name (the report's job).
    // A record's findings are consecutive (by start); its names are sent with its first one,
    // when one of them is more than contact data (a phone list names no one to notify).
    var records: [(bounds: Range<Int>, named: Bool)?] = []
    swap(&records, &self.records)
    defer { swap(&records, &self.records) }
    records.removeAll(keepingCapacity: true)
    var recordLine = RecordLine()
    for r in raw {
      guard r.confidence >= options.minConfidence, detectors.linkable[r.detector] else {
        records.append(nil)
        continue
      }
      let bounds = recordLine.bounds(of: r.start, in: view, delimited: header != nil)
      let notifiable = detectors.notifiable[r.detector]
      var first = records.count
      while first > 0, let previous = records[first - 1], previous.bounds == bounds { first -= 1 }
      if notifiable { for i in first..<records.count { records[i]!.named = true } }
      let named = notifiable || (first < records.count && records[first]!.named)
      records.append((bounds, named))
    }
    var out = Pending(batch: FindingBatch(place: place, names: detectors.names))
    swap(&out, &pending)
    defer { swap(&out, &pending) }
    if out.batch.place != place {
      send(&out)
      out.batch.reset(place: place)
    }
    // The fingerprints first, so that values new to the memo are hashed two at a time.
    memo.reserve(raw.count)
    for (index, r) in raw.enumerated() where r.confidence >= options.minConfidence {
      let value = UnsafeRawBufferPointer(rebasing: view[r.start..<(r.start + r.length)])
      requestFingerprint(r.canonical, text: canonicalText, value: value, detector: r.detector, index: index)
    }
    memo.drain()
    // Read through a local: the memo's stored property would be checked for exclusive access
    // at every finding. Valid until the next `reserve`, after this chunk.
    let prints = memo.results
    var lastRecord: Range<Int>?
    for (index, r) in raw.enumerated() where r.confidence >= options.minConfidence {
      let absolute = bufferStart + r.start
      lines.advance(to: absolute, in: view, bufferStart: bufferStart)
      var record: Int?
      if let (bounds, named) = records[index] {
        let key = bom + (bufferStart + bounds.lowerBound) * unitWidth
        record = key
        if lastRecord != bounds, named, let nameDetector = detectors.nameDetector, !namedRecords.contains(key)
        {
          namedRecords.insert(key)
          emitted += emitNames(
            nameDetector, in: bounds, record: key, header: header, view: view, at: r.start, line: lines.line,
            bom: bom, bufferStart: bufferStart, unitWidth: unitWidth, place: place, to: &out)
        }
        lastRecord = bounds
      }
      let value = UnsafeRawBufferPointer(rebasing: view[r.start..<(r.start + r.length)])
      let (fp, isNew) = prints[index]
      let masked = out.batch.text.count
      detectors.specs[r.detector].mask.write(value, to: &out.batch.text)
      if isNew { out.fresh.append((r.detector, fp.word0)) }
      add(
        detector: r.detector, confidence: r.confidence, reasons: r.reasons, line: lines.line,
        column: max(1, lines.column(of: absolute)), offset: bom + absolute * unitWidth, record: record,
        fingerprint: fp, masked: masked, value: value, at: r.start, in: view, place: place, to: &out)
      emitted += 1
    }
    send(&out)
    classifier?.markFound(raw, minimum: options.minConfidence)
    return emitted
  }

  /// Asks the memo for the fingerprint of a value's canonical form, and whether it is new to
  /// the tally, into its result `index` (read after `memo.drain()`).
  func requestFingerprint(
    _ canonical: RawFinding.Form, text: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, detector: Int,
    index: Int
  ) {
    switch canonical {
    case .text(let start, let count):
      memo.request(
        UnsafeRawBufferPointer(rebasing: text[start..<(start + count)]), detector: detector, index: index)
    case .short(let bytes, let count):
      withUnsafeBytes(of: bytes) {
        memo.request(UnsafeRawBufferPointer(rebasing: $0[..<count]), detector: detector, index: index)
      }
    case .lowercasedValue:
      memo.request(lowercasing: value, detector: detector, index: index)
    }
  }

  /// The line last looked up for a record, and its record: the next finding is most often on
  /// it, so a record is worked out once per line.
  struct RecordLine {
    var line = 0..<0
    var record = 0..<0

    mutating func bounds(of position: Int, in view: UnsafeRawBufferPointer, delimited: Bool) -> Range<Int> {
      if line.lowerBound <= position, position < line.upperBound { return record }
      line = PersonRecord.lineBounds(of: position, in: view)
      record = delimited ? line : PersonRecord.bounds(of: position, in: view, delimited: false)
      return record
    }
  }

  /// Findings gathered for sending: the batch, and the fingerprints in it that the tally has
  /// not had from this worker (the others it counted already), as the tally's sets key them.
  struct Pending {
    var batch: FindingBatch
    var fresh: [(detector: Int, key: UInt64)] = []
  }

  /// Adds a finding to the batch, its masked text written from `masked` on in `out.batch.text`.
  /// In a sheet the column is the cell's (A = 1), not a position in the extracted text: tabs
  /// before the value on its line give it.
  func add(
    detector: Int, confidence: Confidence, reasons: Reasons, line: Int, column: Int, offset: Int,
    record: Int?, fingerprint: Fingerprint, masked: Int, value: UnsafeRawBufferPointer, at start: Int,
    in view: UnsafeRawBufferPointer, place: ItemPlace, to out: inout Pending
  ) {
    var column = column
    if place.sheet != nil {
      var tabs = 0
      var i = start
      while i > 0, view[i - 1] != ASCII.newline {
        if view[i - 1] == ASCII.tab { tabs += 1 }
        i -= 1
      }
      column = tabs + 1
    }
    var reasons = reasons
    if place.ocr { reasons.append(.ocr) }
    let maskedSpan = CompactFinding.Span(start: masked, count: out.batch.text.count - masked)
    var revealed: CompactFinding.Span?
    if options.reveal {
      // Decoded as `String` does it, so malformed UTF-8 is repaired as in every other output.
      let text = String(decoding: value, as: UTF8.self)
      revealed = CompactFinding.Span(start: out.batch.text.count, count: text.utf8.count)
      out.batch.text.append(contentsOf: text.utf8)
    }
    out.batch.findings.append(
      CompactFinding(
        detector: detector, confidence: confidence, reasons: reasons, line: line, column: column,
        offset: offset, record: record, fingerprint: fingerprint, masked: maskedSpan, value: revealed))
    if out.batch.findings.count == Self.batchSize { send(&out) }
  }

  /// Sends the names of a record that holds personal identifiers (`person_name`), once per
  /// record. Their lines are counted from the identifier's (`position` on `line`), in the record.
  func emitNames(
    _ detector: Int, in bounds: Range<Int>, record: Int, header: DelimitedHeader?,
    view: UnsafeRawBufferPointer,
    at position: Int, line: Int, bom: Int, bufferStart: Int, unitWidth: Int, place: ItemPlace,
    to out: inout Pending
  ) -> Int {
    let names =
      header.map { PersonRecord.names(inRow: bounds, view, header: $0) }
      ?? PersonRecord.names(inText: bounds, view)
    var emitted = 0
    for name in names {
      let absolute = bufferStart + name.range.lowerBound
      let start = name.range.lowerBound
      let between = UnsafeRawBufferPointer(rebasing: view[min(start, position)..<max(start, position)])
      let newlines = ByteCounter.count(ASCII.newline, in: between)
      let line = start < position ? line - newlines : line + newlines
      let column = start - PersonRecord.lineBounds(of: start, in: view).lowerBound + 1
      let (fp, isNew) = memo.fingerprint(PersonRecord.canonical(name.text), detector: detector)
      let masked = out.batch.text.count
      out.batch.text.append(contentsOf: PersonRecord.mask(name.text).utf8)
      // Before `add`, which may send the batch: a fingerprint goes to the tally with its finding.
      if isNew { out.fresh.append((detector, fp.word0)) }
      name.text.withUnsafeBytes { text in
        add(
          detector: detector, confidence: .medium, reasons: [.check(.format)], line: line, column: column,
          offset: bom + absolute * unitWidth, record: record, fingerprint: fp, masked: masked, value: text,
          at: start, in: view, place: place, to: &out)
      }
      emitted += 1
    }
    return emitted
  }

  /// Sends a finding about a whole item (a credential file, a document class): no value inside
  /// it, so it sits at its start and its fingerprint is over its place.
  func emitWhole(
    _ detector: Int, confidence: Confidence, reasons: Reasons, masked: String, place: ItemPlace,
    evidence: [Finding.Evidence]? = nil
  ) -> Int {
    guard confidence >= options.minConfidence else { return 0 }
    let fp = fingerprinter.fingerprint(([place.path] + place.within).joined(separator: "\u{0}"))
    var finding = Finding(
      path: place.path, within: place.within, detector: detectors.specs[detector].id,
      category: detectors.specs[detector].category,
      confidence: confidence, reasons: reasons, line: 1, column: 1, offset: 0,
      masked: masked, fingerprint: fp, value: options.reveal ? place.name : nil)
    finding.evidence = evidence
    finding.sheet = place.sheet
    finding.page = place.page
    if place.ocr { finding.reasons.append(.ocr) }
    // Sent on its own (it carries evidence, and a sheet without a cell), after the findings
    // gathered before it.
    flush()
    tally.record(finding: detector, fingerprint: fp)
    sink.receive([finding])
    return 1
  }

  /// Findings sent per batch: small enough that batches and their JSON reuse heap memory
  /// (megabyte batches were fresh pages, a tenth of a finding-heavy scan in page faults).
  static let batchSize = 256

  /// Sends the findings gathered so far.
  func flush() { send(&pending) }

  /// Adds what the tally has not had yet: called when the worker has no more files, before the
  /// summary is read.
  package func settle() { tally.settle(&backlog) }

  func send(_ out: inout Pending) {
    guard !out.batch.isEmpty else { return }
    tally.record(out.batch.findings, fresh: out.fresh, backlog: &backlog)
    sink.receive(out.batch)
    out.batch.reset(place: out.batch.place)
    out.fresh.removeAll(keepingCapacity: true)
  }
}
