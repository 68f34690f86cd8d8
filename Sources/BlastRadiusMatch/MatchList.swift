/// A growable list of raw matches packed as `id << 40 | end`, reused across chunks by one worker.
///
/// The Vectorscan callback appends here, so it must be cheap: one store, no allocation in the
/// common case, no reference counting of Swift arrays in the C callback.
package final class MatchList {
  @usableFromInline private(set) var storage: UnsafeMutablePointer<UInt64>
  private(set) var capacity: Int
  package private(set) var count = 0
  /// Added to every end offset appended, when a sub-range of the buffer is scanned.
  var offset = 0
  /// Matches ending outside this (in the part being scanned) are not appended (see `scanInTwo`).
  var ends: ClosedRange<UInt64> = 0...UInt64.max

  package init(capacity: Int = 4096) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  @inline(__always)
  func append(id: UInt32, end: Int) {
    if count == capacity { grow() }
    storage[count] = UInt64(id) << 40 | UInt64(truncatingIfNeeded: end &+ offset)
    count += 1
  }

  private func grow() {
    let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
    bigger.update(from: storage, count: count)
    storage.deallocate()
    storage = bigger
    capacity *= 2
  }

  package func removeAll() { count = 0 }

  /// What `partition` does with one match.
  package enum Disposition {
    case keep
    /// To the end, with this id.
    case move(UInt32)
    case drop
  }

  /// Keeps matches in order, then appends the moved ones in order: one database's matches
  /// split into two runs, as if two databases had been scanned one after the other.
  package func partition(_ disposition: (_ id: UInt32, _ end: Int) -> Disposition) {
    var kept = 0
    var tail: [UInt64] = []
    for i in 0..<count {
      let v = storage[i]
      switch disposition(UInt32(v >> 40), Int(v & 0xFF_FFFF_FFFF)) {
      case .keep:
        storage[kept] = v
        kept += 1
      case .move(let id):
        tail.append(UInt64(id) << 40 | (v & 0xFF_FFFF_FFFF))
      case .drop:
        break
      }
    }
    count = kept
    for v in tail {
      if count == capacity { grow() }
      storage[count] = v
      count += 1
    }
  }

  /// Inlinable: the detectors read every match through it.
  @inlinable package subscript(index: Int) -> (id: UInt32, end: Int) {
    let v = storage[index]
    return (UInt32(v >> 40), Int(v & 0xFF_FFFF_FFFF))
  }
}
