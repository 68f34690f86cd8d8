import CVectorscan
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase

/// One expression for the Vectorscan compiler, with the id its matches report.
public struct VectorscanPattern: Sendable, Equatable {
  public var expression: String
  package var id: UInt32
  public var caseless: Bool
  /// Report where each match starts (leftmost): dearer, so only for user rules whose start
  /// cannot be found from their end.
  public var leftmost: Bool
  /// Report the pattern once per scan, at its first match (whether it matched is all that counts).
  public var singleMatch: Bool

  /// The compile flags these options mean.
  var flags: UInt32 {
    var f: UInt32 = 0
    if caseless { f |= UInt32(HS_FLAG_CASELESS) }
    if leftmost { f |= UInt32(HS_FLAG_SOM_LEFTMOST) }
    if singleMatch { f |= UInt32(HS_FLAG_SINGLEMATCH) }
    return f
  }

  package init(
    _ expression: String, id: UInt32, caseless: Bool = false, leftmost: Bool = false,
    singleMatch: Bool = false
  ) {
    self.expression = expression
    self.id = id
    self.caseless = caseless
    self.leftmost = leftmost
    self.singleMatch = singleMatch
  }
}

extension VectorscanPattern {
  /// An expression matching `text` literally: letters and digits as they are, every other byte
  /// as `\xHH`, so no byte of it is an operator.
  package static func literal(_ text: String) -> String {
    var out = ""
    for b in text.utf8 {
      if ASCII.isAlnum(b) {
        out.append(Character(Unicode.Scalar(b)))
      } else {
        out += "\\x" + Hex.lower([b])
      }
    }
    return out
  }
}

/// Why a set of patterns did not compile: the message and the offending expression.
package struct VectorscanError: Error, CustomStringConvertible, Sendable {
  package var message: String
  package var expression: String?
  /// The offending pattern's index in the list compiled.
  package var index: Int?
  package var description: String {
    if let expression { return "Vectorscan: \(message) in pattern \(expression)" }
    return "Vectorscan: \(message)"
  }
}

/// A compiled block-mode database. Compiled once per scan and shared by every worker.
///
/// Vectorscan databases are immutable after compilation and documented as safe to scan from many
/// threads at once (each with its own scratch), which is why this wrapper is `Sendable`.
package final class VectorscanDatabase: @unchecked Sendable {
  let raw: OpaquePointer
  /// The patterns it holds, in compile order.
  package let patterns: [VectorscanPattern]
  /// Whether a scan reads the buffer's tail again from a padded copy (see `scan`): only for
  /// patterns that do not anchor on the end of data (`$`), which the padding would move.
  package let padsTail: Bool

  package init(
    patterns: [VectorscanPattern], padsTail: Bool = false, cache: VectorscanCache? = .shared
  ) throws(VectorscanError) {
    precondition(!patterns.isEmpty, "an empty Vectorscan database cannot be compiled")
    self.patterns = patterns
    self.padsTail = padsTail
    if let cache, let db = cache.load(patterns) {
      self.raw = db
      return
    }
    var db: OpaquePointer?
    var compileError: UnsafeMutablePointer<hs_compile_error_t>?
    let expressions = patterns.map { strdup($0.expression) }
    defer { expressions.forEach { free($0) } }
    let flags = patterns.map(\.flags)
    let ids = patterns.map(\.id)
    let status = expressions.withUnsafeBufferPointer { exprs in
      exprs.withMemoryRebound(to: UnsafePointer<CChar>?.self) { e in
        hs_compile_multi(
          e.baseAddress, flags, ids, UInt32(patterns.count), UInt32(HS_MODE_BLOCK), nil, &db,
          &compileError)
      }
    }
    guard status == HS_SUCCESS, let db else {
      var message = "compilation failed (\(status))"
      var bad: String?
      var badIndex: Int?
      if let compileError {
        message = String(cString: compileError.pointee.message)
        let index = Int(compileError.pointee.expression)
        if index >= 0 && index < patterns.count {
          bad = patterns[index].expression
          badIndex = index
        }
        hs_free_compile_error(compileError)
      }
      throw VectorscanError(message: message, expression: bad, index: badIndex)
    }
    self.raw = db
    cache?.store(db, for: patterns)
  }

  deinit { hs_free_database(raw) }

  /// Scratch space for one worker; never shared between threads.
  package func makeScratch() throws(VectorscanError) -> VectorscanScratch {
    var scratch: OpaquePointer?
    guard hs_alloc_scratch(raw, &scratch) == HS_SUCCESS, let scratch else {
      throw VectorscanError(message: "could not allocate scratch space", expression: nil)
    }
    return VectorscanScratch(raw: scratch)
  }

  /// Scans `bytes` and appends every match as (pattern id, end offset + `offset`) to `matches`.
  ///
  /// Vectorscan 5.4.9 misses some matches of class repeats (`@[a-z]+`) that end in the last
  /// bytes of the scanned buffer, depending on its alignment (VectorscanTailTests): so with
  /// `padsTail` the end of every buffer is scanned again from a copy followed by newlines, and
  /// the matches that end there are taken from that copy.
  /// `tail: false` skips the rescan where the caller keeps no match ending near the end (a
  /// chunk whose last 4 KiB the next chunk reports).
  package func scan(
    _ bytes: UnsafeRawBufferPointer, scratch: VectorscanScratch, into matches: MatchList,
    offset: Int = 0, tail: Bool = true
  ) throws(VectorscanError) {
    guard bytes.count > 0 else { return }
    let callback: match_event_handler = { id, _, to, _, context in
      // Borrowed for the call, not retained and released: this runs once per match.
      Unmanaged<MatchList>.fromOpaque(context!)._withUnsafeGuaranteedRef {
        if $0.ends.contains(to) { $0.append(id: id, end: Int(to)) }
      }
      return 0
    }
    let context = Unmanaged.passUnretained(matches).toOpaque()
    try scanInTwo(bytes, scratch: scratch, tail: tail) { (part, start, ends) throws(VectorscanError) in
      matches.offset = offset + start
      matches.ends = ends
      try run(part, scratch, callback, context)
    }
    matches.ends = 0...UInt64.max
  }

  /// Calls `body` with the buffer (matches ending in `ends` kept), then with a padded copy of
  /// its last `tailLength` bytes, `start` bytes into it (matches ending in its last `lookBehind`
  /// real bytes kept: the bytes before give them their start). A short buffer is only scanned
  /// padded.
  func scanInTwo(
    _ bytes: UnsafeRawBufferPointer, scratch: VectorscanScratch, tail: Bool = true,
    _ body: (_ part: UnsafeRawBufferPointer, _ start: Int, _ ends: ClosedRange<UInt64>)
      throws(VectorscanError) ->
      Void
  ) throws(VectorscanError) {
    let n = bytes.count
    guard padsTail, tail else {
      try body(bytes, 0, 0...UInt64.max)
      return
    }
    let copied = min(n, VectorscanScratch.tailLength)
    var fromCopy = copied
    if n > copied {
      fromCopy = VectorscanScratch.tailLength - VectorscanScratch.lookBehind
      try body(bytes, 0, 1...UInt64(n - fromCopy))
    }
    let start = n - copied
    let tail = scratch.padded(UnsafeRawBufferPointer(rebasing: bytes[start...]))
    try body(tail, start, UInt64(copied - fromCopy + 1)...UInt64(copied))
  }

  func run(
    _ part: UnsafeRawBufferPointer, _ scratch: VectorscanScratch, _ callback: match_event_handler,
    _ context: UnsafeMutableRawPointer
  ) throws(VectorscanError) {
    let status = hs_scan(
      raw, part.baseAddress!.assumingMemoryBound(to: CChar.self), UInt32(part.count), 0, scratch.raw,
      callback,
      context)
    guard status == HS_SUCCESS else {
      throw VectorscanError(message: "scan failed (\(status))", expression: nil)
    }
  }
}

extension VectorscanDatabase {
  /// Scans `bytes` for patterns compiled with `leftmost`, appending (id, start, end) to `spans`;
  /// with `padsTail`, the tail is scanned again padded as `scan` does (the user rules' database
  /// is not: their patterns may anchor on `$`).
  package func scanSpans(
    _ bytes: UnsafeRawBufferPointer, scratch: VectorscanScratch, into spans: SpanList
  ) throws(VectorscanError) {
    guard bytes.count > 0 else { return }
    let callback: match_event_handler = { id, from, to, _, context in
      Unmanaged<SpanList>.fromOpaque(context!)._withUnsafeGuaranteedRef {
        if $0.ends.contains(to) { $0.spans.append((id, Int(from) + $0.offset, Int(to) + $0.offset)) }
      }
      return 0
    }
    let context = Unmanaged.passUnretained(spans).toOpaque()
    try scanInTwo(bytes, scratch: scratch) { (part, start, ends) throws(VectorscanError) in
      spans.offset = start
      spans.ends = ends
      try run(part, scratch, callback, context)
    }
  }
}

/// Matches with their starts, for the few patterns compiled with `leftmost`.
package final class SpanList {
  package var spans: [(id: UInt32, from: Int, to: Int)] = []
  /// Added to each start and end; matches ending outside `ends` are dropped (see `scanInTwo`).
  var offset = 0
  var ends: ClosedRange<UInt64> = 0...UInt64.max
  package init() {}
}

/// Per-worker Vectorscan scratch space, and the padded copy of a buffer's tail each scan makes.
package final class VectorscanScratch {
  let raw: OpaquePointer
  /// Bytes of a buffer's end scanned again from a padded copy; the first `lookBehind` of them
  /// only give matches ending later their start.
  static let tailLength = 8192
  static let lookBehind = 4096
  /// Newlines after the copy: 16 sufficed in every measured case, 64 leaves room.
  static let padding = 64
  let tail: UnsafeMutableRawPointer

  init(raw: OpaquePointer) {
    self.raw = raw
    tail = .allocate(byteCount: Self.tailLength + Self.padding, alignment: 64)
  }

  deinit {
    hs_free_scratch(raw)
    tail.deallocate()
  }

  /// `bytes` (at most `tailLength`) copied, then `padding` newlines; the copy's real bytes only.
  func padded(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    tail.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    (tail + bytes.count).initializeMemory(as: UInt8.self, repeating: 0x0A, count: Self.padding)
    return UnsafeRawBufferPointer(start: tail, count: bytes.count + Self.padding)
  }
}
