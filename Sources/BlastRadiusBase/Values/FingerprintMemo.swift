#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A worker's fingerprints of the values it saw lately, so that a value seen again nearby (a
/// log's user, a thread's addresses) costs a lookup rather than an HMAC. Keyed by detector and
/// canonical value, so a hit also tells the worker that the scan's count of distinct values
/// has it already.
///
/// A direct-mapped table of 2,048 slots of 128 bytes (256 KiB, so that it stays in the cache):
/// a slot holds the key's 64-bit hash, the fingerprint, the detector and the canonical bytes
/// themselves, which are compared in full (a hash match alone would make a collision a wrong
/// fingerprint). Longer values are not remembered. At 1 MiB its own misses cost more than it
/// saved: values repeated far apart (a CRM export's addresses) are for no cache-sized memo.
package final class FingerprintMemo {
  package let fingerprinter: Fingerprinter
  let slots: UnsafeMutableRawPointer
  static let slotBits = 11
  static let slotCount = 1 << slotBits
  static let slotSize = 128
  /// Hash (8), fingerprint (32), detector (2), length (1), then the value.
  static let keyOffset = 43
  package static let longestKey = slotSize - keyOffset

  package init(key: [UInt8]) {
    fingerprinter = Fingerprinter(key: key)
    slots = .allocate(byteCount: Self.slotCount * Self.slotSize, alignment: 64)
    slots.initializeMemory(as: UInt8.self, repeating: 0, count: Self.slotCount * Self.slotSize)
  }

  deinit { slots.deallocate() }

  /// The fingerprint of `canonical`, and whether this worker had not yet seen it for `detector`.
  package func fingerprint(_ canonical: UnsafeRawBufferPointer, detector: Int) -> (Fingerprint, fresh: Bool) {
    guard canonical.count <= Self.longestKey else {
      return (fingerprinter.fingerprint(bytes: canonical), true)
    }
    // Never 0, so that 0 marks an empty slot.
    let hash = Self.hash(canonical, seed: UInt64(detector)) | 1
    let slot = slots + Int(truncatingIfNeeded: hash >> UInt64(64 - Self.slotBits)) * Self.slotSize
    if slot.load(as: UInt64.self) == hash,
      slot.load(fromByteOffset: 40, as: UInt16.self) == UInt16(truncatingIfNeeded: detector),
      Int(slot.load(fromByteOffset: 42, as: UInt8.self)) == canonical.count,
      canonical.isEmpty || memcmp(slot + Self.keyOffset, canonical.baseAddress!, canonical.count) == 0
    {
      return (slot.load(fromByteOffset: 8, as: Fingerprint.self), false)
    }
    let fp = fingerprinter.fingerprint(bytes: canonical)
    slot.storeBytes(of: hash, as: UInt64.self)
    slot.storeBytes(of: fp, toByteOffset: 8, as: Fingerprint.self)
    slot.storeBytes(of: UInt16(truncatingIfNeeded: detector), toByteOffset: 40, as: UInt16.self)
    slot.storeBytes(of: UInt8(canonical.count), toByteOffset: 42, as: UInt8.self)
    if let base = canonical.baseAddress {
      (slot + Self.keyOffset).copyMemory(from: base, byteCount: canonical.count)
    }
    return (fp, true)
  }

  package func fingerprint(_ canonical: String, detector: Int) -> (Fingerprint, fresh: Bool) {
    var value = canonical
    return value.withUTF8 { fingerprint(UnsafeRawBufferPointer($0), detector: detector) }
  }

  /// A fast 64-bit hash of a short key: eight bytes at a time, multiplied and folded.
  static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
    var h = seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var i = 0
    while i + 8 <= bytes.count {
      h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      i += 8
    }
    if i < bytes.count {
      var tail: UInt64 = 0
      for k in i..<bytes.count { tail |= UInt64(bytes[k]) << UInt64(8 * (k - i)) }
      h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
      h ^= h >> 29
    }
    h = (h ^ (h >> 32)) &* 0x9E37_79B9_7F4A_7C15
    return h ^ (h >> 29)
  }
}
