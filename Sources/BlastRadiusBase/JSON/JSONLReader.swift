#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a JSONL file line by line through one reused buffer, so a scan log of gigabytes is
/// read in constant memory.
package enum JSONLReader {
  /// Calls `body` with each non-empty line (without its newline) and its 1-based number.
  package static func forEachLine(
    path: String, _ body: (UnsafeRawBufferPointer, Int) -> Void
  ) throws(BlastRadiusError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw BlastRadiusError(.input, "cannot open", path: path, cause: SystemCallError(errno: errno))
    }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var filled = 0
    var lineNumber = 0
    while true {
      if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
      if n < 0 {
        if errno == EINTR { continue }
        throw BlastRadiusError(.input, "cannot read", path: path, cause: SystemCallError(errno: errno))
      }
      let atEnd = n == 0
      filled += n
      let consumed = buffer.withUnsafeBytes { all -> Int in
        var start = 0
        while start < filled {
          let rest = filled - start
          guard let nl = memchr(all.baseAddress! + start, 0x0A, rest) else {
            guard atEnd else { break }
            lineNumber += 1
            body(UnsafeRawBufferPointer(rebasing: all[start..<filled]), lineNumber)
            return filled
          }
          let end = all.baseAddress!.distance(to: UnsafeRawPointer(nl))
          lineNumber += 1
          if end > start { body(UnsafeRawBufferPointer(rebasing: all[start..<end]), lineNumber) }
          start = end + 1
        }
        return start
      }
      if consumed > 0 {
        buffer.withUnsafeMutableBytes { b in
          _ = memmove(b.baseAddress!, b.baseAddress! + consumed, filled - consumed)
        }
        filled -= consumed
      }
      if atEnd { return }
    }
  }
}
