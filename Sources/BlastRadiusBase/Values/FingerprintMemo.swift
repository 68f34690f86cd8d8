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
///
/// A value not in the memo waits (`request`) for the next one, so that the two are hashed
/// together (`Fingerprinter.fingerprints`); the results are read by the caller's index.
package final class FingerprintMemo {
  package let fingerprinter: Fingerprinter
  let slots: UnsafeMutableRawPointer
  /// The results of requests, by the caller's index, valid after `drain`.
  package private(set) var results: UnsafeMutablePointer<(Fingerprint, fresh: Bool)>
  var resultCapacity = 0
  /// The value waiting for a second one: its bytes, detector, hash, slot and result index.
  var waiting: (detector: Int, hash: UInt64, slot: UnsafeMutableRawPointer?, index: Int)?
  var waitingKey: UnsafeMutableRawPointer
  var waitingCount = 0
  var waitingCapacity = 256
  /// Room for a value lowercased before its request (`request(lowercasing:)`).
  var lowered: UnsafeMutableRawPointer
  var loweredCapacity = 256
  /// Per detector: requests that probed the table since the last verdict, hits among them,
  /// and requests left that pass it by. A CRM export's phone numbers and addresses come again
  /// far apart if at all (0.8 % hits on the benchmark's exports), where hashing, probing and
  /// storing each value cost more than the HMACs the hits saved: a detector with fewer than one
  /// hit in 32 over `probeRun` requests passes the table by for the next `skipRun`, then
  /// probes again. Values passed by are all reported fresh (the scan's distinct set is exact
  /// either way).
  let stats: UnsafeMutablePointer<(probes: UInt32, hits: UInt32, skip: UInt32)>
  static let statDetectors = 1024
  package static let probeRun: UInt32 = 4096
  package static let skipRun: UInt32 = 65536
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
    results = .allocate(capacity: 0)
    waitingKey = .allocate(byteCount: waitingCapacity, alignment: 8)
    lowered = .allocate(byteCount: loweredCapacity, alignment: 8)
    stats = .allocate(capacity: Self.statDetectors)
    stats.initialize(repeating: (0, 0, 0), count: Self.statDetectors)
  }

  deinit {
    stats.deallocate()
    slots.deallocate()
    results.deallocate()
    waitingKey.deallocate()
    lowered.deallocate()
  }

  /// `request` for `value` with its ASCII letters lowercased (an ASCII email address's
  /// canonical form), lowered here rather than in a buffer of the caller's per value.
  package func request(lowercasing value: UnsafeRawBufferPointer, detector: Int, index: Int) {
    if value.count > loweredCapacity {
      lowered.deallocate()
      loweredCapacity = max(value.count, loweredCapacity * 2)
      lowered = .allocate(byteCount: loweredCapacity, alignment: 8)
    }
    var i = 0
    if let base = value.baseAddress {
      while i + 8 <= value.count {
        let word = WordBytes.lowercased(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        lowered.storeBytes(of: word, toByteOffset: i, as: UInt64.self)
        i += 8
      }
    }
    while i < value.count {
      lowered.storeBytes(of: ASCII.lower(value[i]), toByteOffset: i, as: UInt8.self)
      i += 1
    }
    request(UnsafeRawBufferPointer(start: lowered, count: value.count), detector: detector, index: index)
  }

  /// Makes room for the results of requests with indexes below `count`; none may be waiting.
  package func reserve(_ count: Int) {
    precondition(waiting == nil, "reserve with a request waiting")
    guard count > resultCapacity else { return }
    results.deallocate()
    resultCapacity = max(count, resultCapacity * 2)
    results = .allocate(capacity: resultCapacity)
  }

  /// Puts `canonical`'s fingerprint, and whether this worker had not yet seen it for `detector`,
  /// in `results[index]`: at once when the memo has it, else when a second value not in it
  /// comes (the two are hashed together), at the latest at `drain`.
  package func request(_ canonical: UnsafeRawBufferPointer, detector: Int, index: Int) {
    precondition(index < resultCapacity, "request beyond reserve")
    var memoized = canonical.count <= Self.longestKey
    let stat = detector >= 0 && detector < Self.statDetectors ? stats + detector : nil
    if memoized, let stat, stat.pointee.skip > 0 {
      stat.pointee.skip -= 1
      memoized = false
    }
    let hash = memoized ? Self.hash(canonical, seed: UInt64(detector)) | 1 : 0
    if let w = waiting, w.detector == detector, w.hash == hash, waitingCount == canonical.count,
      canonical.isEmpty || memcmp(waitingKey, canonical.baseAddress!, canonical.count) == 0
    {
      // The value waiting, again: hashed alone, and this one is not new.
      drain()
      results[index] = (results[w.index].0, false)
      return
    }
    var slot: UnsafeMutableRawPointer?
    if memoized {
      let s = slots + Int(truncatingIfNeeded: hash >> UInt64(64 - Self.slotBits)) * Self.slotSize
      let hit = Self.holds(s, hash: hash, detector: detector, canonical)
      if let stat { Self.count(hit: hit, in: stat) }
      if hit {
        results[index] = (s.load(fromByteOffset: 8, as: Fingerprint.self), false)
        return
      }
      slot = s
    }
    guard let w = waiting else {
      if canonical.count > waitingCapacity {
        waitingKey.deallocate()
        waitingCapacity = max(canonical.count, waitingCapacity * 2)
        waitingKey = .allocate(byteCount: waitingCapacity, alignment: 8)
      }
      if let base = canonical.baseAddress { waitingKey.copyMemory(from: base, byteCount: canonical.count) }
      waitingCount = canonical.count
      waiting = (detector, hash, slot, index)
      return
    }
    waiting = nil
    let (first, second) = fingerprinter.fingerprints(
      UnsafeRawBufferPointer(start: waitingKey, count: waitingCount), canonical)
    results[w.index] = (first, true)
    results[index] = (second, true)
    // In request order, so that where both map to one slot the later value holds it.
    if let s = w.slot {
      Self.store(
        first, in: s, hash: w.hash, detector: w.detector,
        UnsafeRawBufferPointer(start: waitingKey, count: waitingCount))
    }
    if let slot { Self.store(second, in: slot, hash: hash, detector: detector, canonical) }
  }

  /// Counts a probe of a detector's value, and gives the verdict at the end of a run of them.
  @inline(__always)
  static func count(hit: Bool, in stat: UnsafeMutablePointer<(probes: UInt32, hits: UInt32, skip: UInt32)>) {
    stat.pointee.probes &+= 1
    if hit { stat.pointee.hits &+= 1 }
    guard stat.pointee.probes == probeRun else { return }
    if stat.pointee.hits &* 32 < probeRun { stat.pointee.skip = skipRun }
    stat.pointee.probes = 0
    stat.pointee.hits = 0
  }

  /// Hashes the value still waiting, if one is.
  package func drain() {
    guard let w = waiting else { return }
    waiting = nil
    let key = UnsafeRawBufferPointer(start: waitingKey, count: waitingCount)
    let fp = fingerprinter.fingerprint(bytes: key)
    results[w.index] = (fp, true)
    if let s = w.slot { Self.store(fp, in: s, hash: w.hash, detector: w.detector, key) }
  }

  static func holds(
    _ slot: UnsafeMutableRawPointer, hash: UInt64, detector: Int, _ canonical: UnsafeRawBufferPointer
  ) -> Bool {
    slot.load(as: UInt64.self) == hash
      && slot.load(fromByteOffset: 40, as: UInt16.self) == UInt16(truncatingIfNeeded: detector)
      && Int(slot.load(fromByteOffset: 42, as: UInt8.self)) == canonical.count
      && (canonical.isEmpty || memcmp(slot + keyOffset, canonical.baseAddress!, canonical.count) == 0)
  }

  static func store(
    _ fp: Fingerprint, in slot: UnsafeMutableRawPointer, hash: UInt64, detector: Int,
    _ canonical: UnsafeRawBufferPointer
  ) {
    slot.storeBytes(of: hash, as: UInt64.self)
    slot.storeBytes(of: fp, toByteOffset: 8, as: Fingerprint.self)
    slot.storeBytes(of: UInt16(truncatingIfNeeded: detector), toByteOffset: 40, as: UInt16.self)
    slot.storeBytes(of: UInt8(canonical.count), toByteOffset: 42, as: UInt8.self)
    if let base = canonical.baseAddress {
      (slot + keyOffset).copyMemory(from: base, byteCount: canonical.count)
    }
  }

  /// The fingerprint of `canonical`, and whether this worker had not yet seen it for `detector`.
  /// Hashes at once; a request still waiting is hashed first.
  package func fingerprint(_ canonical: UnsafeRawBufferPointer, detector: Int) -> (Fingerprint, fresh: Bool) {
    drain()
    guard canonical.count <= Self.longestKey else {
      return (fingerprinter.fingerprint(bytes: canonical), true)
    }
    // Never 0, so that 0 marks an empty slot.
    let hash = Self.hash(canonical, seed: UInt64(detector)) | 1
    let slot = slots + Int(truncatingIfNeeded: hash >> UInt64(64 - Self.slotBits)) * Self.slotSize
    if Self.holds(slot, hash: hash, detector: detector, canonical) {
      return (slot.load(fromByteOffset: 8, as: Fingerprint.self), false)
    }
    let fp = fingerprinter.fingerprint(bytes: canonical)
    Self.store(fp, in: slot, hash: hash, detector: detector, canonical)
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
