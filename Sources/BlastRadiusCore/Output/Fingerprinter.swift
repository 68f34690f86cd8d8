internal import Crypto

/// Computes fingerprints (HMAC-SHA256) for one worker, remembering recent values: the same email
/// or SSN repeats across rows.
///
/// HMAC by its definition (RFC 2104) over one reused buffer, `H(opad ‖ H(ipad ‖ value))`, with the
/// pads computed once: setting up an `HMAC` key per finding cost more than the scan of the bytes.
package final class Fingerprinter {
  /// `ipad ‖ value` for the inner hash; the value part is rewritten per call.
  var innerInput: [UInt8]
  /// `opad ‖ inner digest` for the outer hash.
  var outerInput: [UInt8]
  var cache: [String: Fingerprint] = [:]
  static let cacheLimit = 16_384

  package init(key: [UInt8]) {
    var block = key
    if block.count > 64 { block = Array(SHA256.hash(data: block)) }
    block += [UInt8](repeating: 0, count: 64 - block.count)
    innerInput = block.map { $0 ^ 0x36 }
    outerInput = block.map { $0 ^ 0x5C } + [UInt8](repeating: 0, count: 32)
  }

  package func fingerprint(_ canonical: String) -> Fingerprint {
    if let hit = cache[canonical] { return hit }
    innerInput.removeSubrange(64...)
    innerInput.append(contentsOf: canonical.utf8)
    let innerDigest = SHA256.hash(data: innerInput)
    innerDigest.withUnsafeBytes { digest in
      outerInput.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: 64).copyMemory(from: digest.baseAddress!, byteCount: 32) }
    }
    let mac = SHA256.hash(data: outerInput)
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    mac.withUnsafeBytes { bytes in
      func word(_ k: Int) -> UInt64 { (0..<8).reduce(0) { $0 << 8 | UInt64(bytes[k * 8 + $1]) } }
      words = (word(0), word(1), word(2), word(3))
    }
    let fp = Fingerprint(word0: words.0, word1: words.1, word2: words.2, word3: words.3)
    if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
    cache[canonical] = fp
    return fp
  }
}
