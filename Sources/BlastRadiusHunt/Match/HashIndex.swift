import Crypto

/// Hash indicators by digest, and the algorithms a file must be hashed with for them.
struct HashIndex: Sendable {
  let indicators: [HashIndicator]
  let byDigest: [[UInt8]: [Int]]
  let kinds: Set<HashKind>

  init?(_ indicators: [HashIndicator]) {
    guard !indicators.isEmpty else { return nil }
    self.indicators = indicators
    var index: [[UInt8]: [Int]] = [:]
    for (i, h) in indicators.enumerated() { index[h.digest, default: []].append(i) }
    byDigest = index
    kinds = Set(indicators.map(\.kind))
  }

  /// The indicators any of `digests` equals.
  func matches(_ digests: ItemDigests) -> [Int] {
    [digests.md5, digests.sha1, digests.sha256].compactMap { $0 }.flatMap { byDigest[$0] ?? [] }
  }
}

/// An item's digests, for the algorithms asked for.
struct ItemDigests {
  var md5: [UInt8]?
  var sha1: [UInt8]?
  var sha256: [UInt8]?
}

/// Hashes one item as its bytes go by, with only the algorithms the indicators (and rules
/// reading the `md5` external) need.
struct ItemHasher {
  var md5: Insecure.MD5?
  var sha1: Insecure.SHA1?
  var sha256: SHA256?

  init(_ kinds: Set<HashKind>) {
    md5 = kinds.contains(.md5) ? Insecure.MD5() : nil
    sha1 = kinds.contains(.sha1) ? Insecure.SHA1() : nil
    sha256 = kinds.contains(.sha256) ? SHA256() : nil
  }

  var isEmpty: Bool { md5 == nil && sha1 == nil && sha256 == nil }

  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count > 0 else { return }
    md5?.update(bufferPointer: bytes)
    sha1?.update(bufferPointer: bytes)
    sha256?.update(bufferPointer: bytes)
  }

  func finalize() -> ItemDigests {
    ItemDigests(
      md5: md5.map { Array($0.finalize()) }, sha1: sha1.map { Array($0.finalize()) },
      sha256: sha256.map { Array($0.finalize()) })
  }
}
