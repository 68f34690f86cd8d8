#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Appends bytes into one reused block and hands it to `write(2)` when full. Generators append whole lines without
/// bounds checks, relying on `slack` past `capacity`, and call `flushIfFull()` between lines: the only per-byte work
/// left is the copy itself.
final class ByteBlockWriter {
  struct WriteError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "cannot write \(path): \(String(cString: strerror(errno)))" }
  }

  /// The longest line a generator may append between two `flushIfFull()` calls.
  static let slack = 64 << 10

  private let capacity: Int
  private let base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var fd: Int32 = -1
  private var path = ""
  private var flushed = 0

  init(capacity: Int = 4 << 20) {
    self.capacity = capacity
    base = .allocate(capacity: capacity + Self.slack)
  }

  deinit {
    if fd >= 0 { _ = close(fd) }
    base.deallocate()
  }

  /// Bytes of the current file so far, written or still buffered.
  var fileBytes: Int { flushed + count }

  func open(_ path: String) throws {
    self.path = path
    #if canImport(Glibc)
      fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    #else
      fd = Darwin.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    #endif
    if fd < 0 { throw WriteError(path: path, errno: errno) }
    flushed = 0
    count = 0
  }

  /// Writes what is buffered and closes the file; returns its size.
  func finish() throws -> Int {
    try flush()
    let size = flushed
    if close(fd) != 0 { throw WriteError(path: path, errno: errno) }
    fd = -1
    return size
  }

  @inline(__always)
  func flushIfFull() throws {
    if count >= capacity { try flush() }
  }

  private func flush() throws {
    var offset = 0
    while offset < count {
      let written = write(fd, base + offset, count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw WriteError(path: path, errno: errno)
      }
      offset += written
    }
    flushed += count
    count = 0
  }

  @inline(__always)
  func append(_ byte: UInt8) {
    base[count] = byte
    count += 1
  }

  func append(_ text: StaticString) {
    text.withUTF8Buffer { append($0) }
  }

  @inline(__always)
  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    (base + count).update(from: bytes.baseAddress!, count: bytes.count)
    count += bytes.count
  }

  /// Copies entry `index` of `table`: a fixed 16-byte store, then advance by the entry's real length, which is
  /// cheaper than a length-dependent copy for short words.
  @inline(__always)
  func append(_ table: ByteTable, _ index: Int) {
    UnsafeMutableRawPointer(base + count).storeBytes(of: table.slot(index), as: SIMD16<UInt8>.self)
    count += table.length(index)
  }

  /// Decimal digits of `value`, zero-padded to exactly `width`.
  @inline(__always)
  func appendDigits(_ value: Int, width: Int) {
    var rest = value
    var position = count + width - 1
    while position >= count {
      base[position] = UInt8(truncatingIfNeeded: 48 + rest % 10)
      rest /= 10
      position -= 1
    }
    count += width
  }

  /// Decimal digits of a non-negative `value`, without padding.
  @inline(__always)
  func appendNumber(_ value: Int) {
    var width = 1
    var limit = 10
    while value >= limit && width < 19 {
      width += 1
      limit &*= 10
    }
    appendDigits(value, width: width)
  }

  /// Upper-cases the byte `back` positions before the end (for a sentence's first letter).
  @inline(__always)
  func capitalize(back: Int) {
    let index = count - back
    if base[index] >= 97 && base[index] <= 122 { base[index] -= 32 }
  }

  /// Replaces the last byte (turns a trailing space into a newline when wrapping).
  @inline(__always)
  func replaceLast(with byte: UInt8) {
    base[count - 1] = byte
  }
}
