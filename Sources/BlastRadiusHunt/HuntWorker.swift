#if canImport(Glibc)
  package import Glibc
#elseif canImport(Darwin)
  package import Darwin
#endif
package import BlastRadiusBase
package import BlastRadiusExtract
import BlastRadiusMatch

/// One scanning thread's hunting state: its YARA scanner and Vectorscan scratch spaces, a capture
/// per nesting level, and the items under way (a file, the member being read inside it, …), each
/// gathering its evidence until it ends and is scored.
package final class HuntWorker {
  /// An item being scanned: evidence gathers here until the item ends.
  package final class Unit {
    let place: ItemPlace
    /// Its bytes, for a file, member or attachment; nil for extracted text (only network
    /// indicators are searched in it) and when nothing needs bytes.
    package let capture: ItemCapture?
    let hunted: Bool
    var hits: [HuntHit] = []
    /// Occurrences per network indicator; records are kept for the first `keptPerIndicator`.
    var occurrences: [Int: Int] = [:]

    init(place: ItemPlace, capture: ItemCapture?, hunted: Bool) {
      self.place = place
      self.capture = capture
      self.hunted = hunted
    }
  }

  let set: HuntSet
  let options: HuntOptions
  let yara: YaraScanner?
  let filenameScratch: FilenameMatcher.Scratch?
  let networkScratch: VectorscanScratch?
  let networkMatches = MatchList(capacity: 64)
  var units: [Unit] = []
  var captures: [ItemCapture] = []
  /// Units on the stack holding a capture: the next one takes `captures[capturing]`.
  var capturing = 0
  /// The file on disk under way: its descriptor (YARA maps it when it is too large to keep) and
  /// owner. `imageReady` says its bytes are already read whole into `captures[0]`.
  var fileDescriptor: Int32 = -1
  var owner = ""
  var imageReady = false
  var owners: [UInt32: String] = [:]
  /// Network records per indicator per item; further occurrences are only counted.
  static let keptPerIndicator = 100

  package init(set: HuntSet, options: HuntOptions) throws(BlastRadiusError) {
    self.set = set
    self.options = options
    if let rules = set.rules {
      yara = try YaraScanner(rules: rules, timeoutSeconds: options.yaraTimeout, reveal: options.reveal)
    } else {
      yara = nil
    }
    do {
      filenameScratch = try set.filenames?.makeScratch()
      networkScratch = try set.network?.database.makeScratch()
    } catch { throw BlastRadiusError(.matcher, "cannot get scratch space for the indicators", cause: error) }
  }

  /// Whether the text of items is read at all: for the personal-data detectors, or to search it
  /// for network indicators.
  package var wantsText: Bool { !options.huntOnly || set.network != nil }

  // MARK: - Files on disk

  /// A file on disk begins: when its bytes are needed and it fits, they are read whole (the one
  /// read of it) into the first capture, and the scan reads them from there.
  package func beginFile(fd: Int32, st: stat, path: String) -> Result<ItemCapture?, ScanIssueError> {
    fileDescriptor = fd
    owner = ownerName(UInt32(st.st_uid))
    imageReady = false
    guard set.needsBytes, Int(st.st_size) <= options.maxHuntBytes else { return .success(nil) }
    let capture = capture(at: 0)
    capture.reset(keep: yara != nil, hashing: set.hashKinds)
    do {
      try capture.fill(fd: fd, size: Int(st.st_size), path: path)
    } catch {
      return .failure(error)
    }
    imageReady = true
    return .success(capture)
  }

  package func endFile() {
    fileDescriptor = -1
    imageReady = false
  }

  func capture(at level: Int) -> ItemCapture {
    while captures.count <= level { captures.append(ItemCapture(limit: options.maxHuntBytes)) }
    return captures[level]
  }

  func ownerName(_ uid: UInt32) -> String {
    if let name = owners[uid] { return name }
    var pwd = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buffer = [CChar](repeating: 0, count: 4096)
    let name =
      getpwuid_r(uid_t(uid), &pwd, &buffer, buffer.count, &result) == 0 && result != nil
      ? String(cString: pwd.pw_name) : String(uid)
    owners[uid] = name
    return name
  }

  // MARK: - Items

  /// An item begins. Extracted text at the place of the item it comes from (a document too
  /// large to parse, read on as text) continues that item: nil then.
  package func push(_ place: ItemPlace, hunted: Bool) -> Unit? {
    if !hunted, let top = units.last, top.place == place { return nil }
    var capture: ItemCapture?
    if hunted, set.needsBytes {
      capture = self.capture(at: capturing)
      if !(capturing == 0 && imageReady) { capture!.reset(keep: yara != nil, hashing: set.hashKinds) }
      capturing += 1
    }
    let unit = Unit(place: place, capture: capture, hunted: hunted)
    units.append(unit)
    return unit
  }

  /// A limit stopped reading at `within`: the item there must not be read on.
  package func noteLimit(within: [String]) {
    if let top = units.last, top.place.within == within { top.capture?.limited = true }
  }

  /// Network indicators in a window of the text under way (see `ChunkAnalyzer.Window`), placed
  /// like findings: `lines` is the line cursor at the window's start.
  package func searchText(
    _ view: UnsafeRawBufferPointer, from: Int, to: Int, bufferStart: Int, bom: Int, unitWidth: Int,
    lines: LineCursor
  ) {
    guard let network = set.network, let scratch = networkScratch, let unit = units.last else { return }
    let found = network.find(in: view, from: from, to: to, scratch: scratch, list: networkMatches)
    guard !found.isEmpty else { return }
    var cursor = lines
    for (index, start) in found {
      let seen = unit.occurrences[index, default: 0]
      unit.occurrences[index] = seen + 1
      guard seen < Self.keptPerIndicator else { continue }
      let indicator = network.indicators[index]
      let absolute = bufferStart + start
      cursor.advance(to: absolute, in: view, bufferStart: bufferStart)
      var hit = indicatorHit(
        .network, name: indicator.value, type: indicator.kind.rawValue, origin: indicator.origin,
        score: indicator.score, place: unit.place)
      hit.line = cursor.line
      hit.column = max(1, cursor.column(of: absolute))
      hit.offset = bom + absolute * unitWidth
      hit.sheet = unit.place.sheet
      hit.page = unit.place.page
      unit.hits.append(hit)
    }
  }

  func indicatorHit(
    _ match: HuntHit.Match, name: String, type: String, origin: IndicatorOrigin, score: Int, place: ItemPlace
  ) -> HuntHit {
    var hit = HuntHit(
      path: place.path, within: place.within, match: match, name: name, sourceFile: origin.file, score: score)
    hit.iocType = type
    hit.description = origin.description
    hit.stixID = origin.stixID
    hit.sourceLine = origin.line
    return hit
  }

  /// An item ends: its file name, hashes and bytes are checked, its evidence scored. Returns
  /// the hits to send and the problems to report (a YARA timeout, an item too large).
  package func pop() -> (hits: [HuntHit], issues: [ScanIssue]) {
    let unit = units.removeLast()
    if let capture = unit.capture {
      capturing -= 1
      bytesHunted += capture.total
    }
    var issues: [ScanIssue] = []
    if unit.hunted { examine(unit, issues: &issues) }
    guard !unit.hits.isEmpty else { return ([], issues) }

    // Each rule or indicator counts once, however often it matched.
    var best: [String: Int] = [:]
    for h in unit.hits {
      let key = "\(h.match.rawValue)\u{0}\(h.namespace ?? "")\u{0}\(h.name)\u{0}\(h.iocType ?? "")"
      best[key] = max(best[key] ?? Int.min, h.score)
    }
    let total = HuntScore.total(Array(best.values))
    let level = HuntScore.level(total)
    var hits = unit.hits
    for i in hits.indices {
      hits[i].total = total
      hits[i].level = level
    }
    return (hits, issues)
  }

  /// The checks that need the whole item: file name indicators, hashes and YARA.
  private func examine(_ unit: Unit, issues: inout [ScanIssue]) {
    let place = unit.place
    let logical = Self.logicalPath(place)
    if let filenames = set.filenames, let scratch = filenameScratch {
      for index in filenames.matches(logical, scratch: scratch) {
        let i = filenames.indicators[index]
        unit.hits.append(
          indicatorHit(.filename, name: i.text, type: i.type, origin: i.origin, score: i.score, place: place))
      }
    }
    guard let capture = unit.capture, capture.sawEnd else { return }
    let onDisk = place.within.isEmpty
    var digests = capture.hasher.finalize()
    if capture.jumped, onDisk, !set.hashKinds.isEmpty {
      // A seekable container was read out of order: hash the file again, in order.
      digests = rehash(fileDescriptor)
    }
    if let hashes = set.hashes {
      for index in hashes.matches(digests) {
        let i = hashes.indicators[index]
        unit.hits.append(
          indicatorHit(
            .hash, name: Hex.lower(i.digest), type: i.kind.rawValue, origin: i.origin, score: i.score,
            place: place))
      }
    }
    guard let yara else { return }
    let slash = logical.lastIndex(of: "/")
    let name = slash.map { String(logical[logical.index(after: $0)...]) } ?? logical
    var externals = YaraExternals()
    externals.filename = name
    externals.filepath = slash.map { String(logical[..<$0]) } ?? ""
    if let dot = name.lastIndex(of: "."), dot != name.startIndex {
      externals.fileExtension = String(name[dot...]).lowercased()
    }
    externals.filetype = FileType.of(capture.head)
    externals.owner = owner
    externals.md5 = digests.md5.map(Hex.lower) ?? ""
    let outcome: YaraOutcome
    if let whole = capture.whole {
      outcome = yara.scan(whole, place: place, externals: externals)
    } else if onDisk, fileDescriptor >= 0 {
      // Too large to keep: YARA maps the file, a second read of it (see docs/performance.md).
      secondReads += 1
      outcome = yara.scan(fd: fileDescriptor, place: place, externals: externals)
    } else {
      issues.append(
        ScanIssue(
          code: .limitExceeded,
          message:
            "member larger than \(options.maxHuntBytes) bytes was not scanned with YARA (--max-hunt-bytes)",
          path: place.path, within: place.within))
      return
    }
    switch outcome {
    case .matched(let hits): unit.hits += hits
    case .timedOut:
      issues.append(
        ScanIssue(
          code: .limitExceeded, message: "YARA scan stopped after \(options.yaraTimeout) s (--yara-timeout)",
          path: place.path, within: place.within))
    case .failed(let reason):
      issues.append(
        ScanIssue(
          code: .ioError, message: "YARA scan failed: \(reason)", path: place.path, within: place.within))
    }
  }

  /// Files on disk read a second time (YARA on a file too large to keep, hashes of a file read
  /// out of order), and bytes hashed or kept: reported in the summary.
  package var secondReads = 0
  package var bytesHunted = 0

  /// The file's digests from a read of its own (pread in 1 MiB steps).
  private func rehash(_ fd: Int32) -> ItemDigests {
    secondReads += 1
    var hasher = ItemHasher(set.hashKinds)
    let size = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    defer { buffer.deallocate() }
    var offset = 0
    while true {
      let n = pread(fd, buffer, size, off_t(offset))
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      hasher.update(UnsafeRawBufferPointer(start: buffer, count: n))
      offset += n
    }
    return hasher.finalize()
  }

  /// The path file name indicators and the `filename`/`filepath` externals see: the file's path,
  /// then each member's name (an attachment's without its `attachment: ` label).
  static func logicalPath(_ place: ItemPlace) -> String {
    var path = place.path
    for member in place.within {
      path +=
        "/" + (member.hasPrefix("attachment: ") ? String(member.dropFirst("attachment: ".count)) : member)
    }
    return path
  }
}
