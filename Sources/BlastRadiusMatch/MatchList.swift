/// A growable list of raw matches packed as `id << 40 | end`, reused across chunks by one worker.
///
/// The Vectorscan callback appends here, so it must be cheap: one store, no allocation in the
/// common case, no reference counting of Swift arrays in the C callback. Its state sits behind a
/// pointer rather than in stored properties: a class's stored `var`s are checked for exclusive
/// access at run time, several checks per match, a tenth of a contact export's matching.
///
/// Public, though only the engine uses it, for its subscript: an `@inlinable package` member is
/// not inlined into other modules (Swift 6.3), a public one is.
public final class MatchList {
  @usableFromInline struct State {
    @usableFromInline var storage: UnsafeMutablePointer<UInt64>
    var capacity: Int
    var count = 0
    /// Added to every end offset appended, when a sub-range of the buffer is scanned.
    var offset = 0
    /// Matches ending outside this (in the part being scanned) are not appended (see `scanInTwo`).
    var ends: ClosedRange<UInt64> = 0...UInt64.max
  }

  @usableFromInline let state: UnsafeMutablePointer<State>

  package init(capacity: Int = 4096) {
    state = .allocate(capacity: 1)
    state.initialize(to: State(storage: .allocate(capacity: capacity), capacity: capacity))
  }

  deinit {
    state.pointee.storage.deallocate()
    state.deinitialize(count: 1)
    state.deallocate()
  }

  package var count: Int { state.pointee.count }

  var offset: Int {
    get { state.pointee.offset }
    set { state.pointee.offset = newValue }
  }

  var ends: ClosedRange<UInt64> {
    get { state.pointee.ends }
    set { state.pointee.ends = newValue }
  }

  @inline(__always)
  func append(id: UInt32, end: Int) {
    append(packed: UInt64(id) << 40 | UInt64(truncatingIfNeeded: end &+ state.pointee.offset))
  }

  private func grow() {
    let s = state
    let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: s.pointee.capacity * 2)
    bigger.update(from: s.pointee.storage, count: s.pointee.count)
    s.pointee.storage.deallocate()
    s.pointee.storage = bigger
    s.pointee.capacity *= 2
  }

  package func removeAll() { state.pointee.count = 0 }

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
    let storage = state.pointee.storage
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
    state.pointee.count = kept
    for v in tail { append(packed: v) }
  }

  @inline(__always) private func append(packed v: UInt64) {
    if state.pointee.count == state.pointee.capacity { grow() }
    state.pointee.storage[state.pointee.count] = v
    state.pointee.count += 1
  }

  /// Inlinable: the detectors read every match through it.
  @inlinable public subscript(index: Int) -> (id: UInt32, end: Int) {
    let v = state.pointee.storage[index]
    return (UInt32(v >> 40), Int(v & 0xFF_FFFF_FFFF))
  }
}
