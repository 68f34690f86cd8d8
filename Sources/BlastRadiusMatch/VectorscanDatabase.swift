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

  package init(patterns: [VectorscanPattern], cache: VectorscanCache? = .shared) throws(VectorscanError) {
    precondition(!patterns.isEmpty, "an empty Vectorscan database cannot be compiled")
    self.patterns = patterns
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
  package func scan(
    _ bytes: UnsafeRawBufferPointer, scratch: VectorscanScratch, into matches: MatchList,
    offset: Int = 0
  ) throws(VectorscanError) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    matches.offset = offset
    let context = Unmanaged.passUnretained(matches).toOpaque()
    let status = hs_scan(
      raw, base.assumingMemoryBound(to: CChar.self), UInt32(bytes.count), 0, scratch.raw,
      { id, _, to, _, context in
        Unmanaged<MatchList>.fromOpaque(context!).takeUnretainedValue().append(
          id: id, end: Int(to))
        return 0
      }, context)
    guard status == HS_SUCCESS else {
      throw VectorscanError(message: "scan failed (\(status))", expression: nil)
    }
  }
}

extension VectorscanDatabase {
  /// Scans `bytes` for patterns compiled with `leftmost`, appending (id, start, end) to `spans`.
  package func scanSpans(
    _ bytes: UnsafeRawBufferPointer, scratch: VectorscanScratch, into spans: SpanList
  ) throws(VectorscanError) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    let context = Unmanaged.passUnretained(spans).toOpaque()
    let status = hs_scan(
      raw, base.assumingMemoryBound(to: CChar.self), UInt32(bytes.count), 0, scratch.raw,
      { id, from, to, _, context in
        Unmanaged<SpanList>.fromOpaque(context!).takeUnretainedValue().spans.append((id, Int(from), Int(to)))
        return 0
      }, context)
    guard status == HS_SUCCESS else {
      throw VectorscanError(message: "scan failed (\(status))", expression: nil)
    }
  }
}

/// Matches with their starts, for the few patterns compiled with `leftmost`.
package final class SpanList {
  package var spans: [(id: UInt32, from: Int, to: Int)] = []
  package init() {}
}

/// Per-worker Vectorscan scratch space.
package final class VectorscanScratch {
  let raw: OpaquePointer
  init(raw: OpaquePointer) { self.raw = raw }
  deinit { hs_free_scratch(raw) }
}
