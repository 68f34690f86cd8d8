#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
package import BlastRadiusBase
package import BlastRadiusExtract

/// The bytes of one item as the scan reads them, for hunting: hashed as they go by, and kept
/// whole (up to a limit) for YARA, which needs all of an item to evaluate offsets and
/// conditions. One per nesting level per worker, reused from item to item.
package final class ItemCapture {
  private(set) var base: UnsafeMutableRawPointer?
  private(set) var count = 0
  private(set) var capacity = 0
  /// Bytes kept at most; past it the item is only hashed.
  let limit: Int
  /// Whether bytes are kept at all (YARA rules are loaded).
  private(set) var keeping = false
  /// The item was longer than `limit`: what is kept is not all of it.
  private(set) var overflowed = false
  /// The item was read into `base` whole before scanning (a file on disk): the scan reads it
  /// from there and nothing is captured twice.
  private(set) var isImage = false
  /// The reader saw the item's end: the hashes and kept bytes cover all of it.
  package var sawEnd = false
  /// A limit stopped reading the item: it must not be read on to complete the hashes.
  package var limited = false
  /// The reader jumped (a seekable file): the running hashes do not follow the file's order.
  var jumped = false
  var hasher = ItemHasher([])
  /// Bytes seen, kept or not.
  package private(set) var total = 0
  /// The first bytes, for the `filetype` external, also when the rest is not kept.
  private(set) var head: [UInt8] = []
  static let headBytes = 16

  init(limit: Int) { self.limit = limit }

  deinit { base?.deallocate() }

  /// Starts a new item.
  func reset(keep: Bool, hashing kinds: Set<HashKind>) {
    count = 0
    total = 0
    keeping = keep
    overflowed = false
    isImage = false
    sawEnd = false
    limited = false
    jumped = false
    head.removeAll(keepingCapacity: true)
    hasher = ItemHasher(kinds)
  }

  private func reserve(_ needed: Int) {
    guard needed > capacity else { return }
    let bigger = max(needed, min(limit, max(capacity * 2, 64 * 1024)))
    let fresh = UnsafeMutableRawPointer.allocate(byteCount: bigger, alignment: 64)
    if let base, count > 0 { fresh.copyMemory(from: base, byteCount: count) }
    base?.deallocate()
    base = fresh
    capacity = bigger
  }

  /// Bytes the reader just read.
  package func append(_ bytes: UnsafeRawBufferPointer) {
    guard !isImage, bytes.count > 0 else { return }
    if head.count < Self.headBytes { head += bytes.prefix(Self.headBytes - head.count) }
    total += bytes.count
    hasher.update(bytes)
    guard keeping, !overflowed else { return }
    if count + bytes.count > limit {
      overflowed = true
      return
    }
    reserve(count + bytes.count)
    base!.advanced(by: count).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    count += bytes.count
  }

  /// Reads a whole file of `size` bytes into the capture: the one read of it. Its hashes are
  /// computed here, over memory.
  func fill(fd: Int32, size: Int, path: String) throws(ScanIssueError) {
    reserve(max(size, 1))
    var done = 0
    while done < size {
      let n = pread(fd, base! + done, size - done, off_t(done))
      if n < 0 {
        if errno == EINTR { continue }
        throw ScanIssueError(.fromErrno(errno, path: path, doing: "read failed at byte \(done)"))
      }
      if n == 0 { break }  // truncated since fstat: what was there is the file
      done += n
    }
    count = done
    total = done
    let bytes = UnsafeRawBufferPointer(start: base, count: done)
    head = Array(bytes.prefix(Self.headBytes))
    hasher.update(bytes)
    isImage = true
    sawEnd = true
  }

  /// The kept bytes, when they are all of the item.
  var whole: UnsafeRawBufferPointer? {
    guard sawEnd, !overflowed, keeping || isImage else { return nil }
    return UnsafeRawBufferPointer(start: base, count: count)
  }
}

/// A source read through a capture: what the scan reads of the item is hashed and kept.
package struct TappedSource<Base: ByteSource>: ByteSource {
  package var base: Base
  let capture: ItemCapture

  package init(base: Base, capture: ItemCapture) {
    self.base = base
    self.capture = capture
  }

  package mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ScanIssueError) -> Int {
    let n = try base.read(into: buffer, count: count)
    if n == 0 { capture.sawEnd = true }
    capture.append(UnsafeRawBufferPointer(start: buffer, count: n))
    return n
  }
}

extension TappedSource: SeekableByteSource where Base: SeekableByteSource {
  package var size: Int { base.size }

  package mutating func seek(to offset: Int) {
    // An image serves its own jumps; a file read in order past its end is hashed again later.
    if !capture.isImage { capture.jumped = true }
    base.seek(to: offset)
  }
}

/// A file on disk already read whole into a capture, served to the scan from memory.
package struct CapturedSource: SeekableByteSource {
  let capture: ItemCapture
  private(set) var offset = 0

  package init(_ capture: ItemCapture) { self.capture = capture }

  package var size: Int { capture.count }

  package mutating func seek(to offset: Int) { self.offset = max(0, min(size, offset)) }

  package mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ScanIssueError) -> Int {
    let n = min(count, size - offset)
    guard n > 0 else { return 0 }
    buffer.copyMemory(from: capture.base! + offset, byteCount: n)
    offset += n
    return n
  }
}
