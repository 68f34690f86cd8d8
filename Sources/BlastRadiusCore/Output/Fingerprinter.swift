internal import Crypto

/// Computes fingerprints for one worker, remembering recent values: the same email or SSN
/// repeats across rows, and HMAC costs more than a dictionary look-up.
package final class Fingerprinter {
  let key: SymmetricKey
  var cache: [String: Fingerprint] = [:]
  static let cacheLimit = 16_384

  package init(key: [UInt8]) { self.key = SymmetricKey(data: key) }

  package func fingerprint(_ canonical: String) -> Fingerprint {
    if let hit = cache[canonical] { return hit }
    let mac = HMAC<SHA256>.authenticationCode(for: Array(canonical.utf8), using: key)
    let bytes = Array(mac)
    var high: UInt64 = 0
    var low: UInt64 = 0
    for i in 0..<8 {
      high = high << 8 | UInt64(bytes[i])
      low = low << 8 | UInt64(bytes[i + 8])
    }
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for b in bytes {
      hex.append(digits[Int(b >> 4)])
      hex.append(digits[Int(b & 0xF)])
    }
    let fp = Fingerprint(high: high, low: low, hex: String(decoding: hex, as: UTF8.self))
    if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
    cache[canonical] = fp
    return fp
  }
}
