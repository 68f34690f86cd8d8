#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads small configuration files (rules, indicator lists) whole.
package enum FileReader {
  /// The file's bytes, or nil when it cannot be opened or read, or is larger than `limit`.
  package static func readAll(_ path: String, limit: Int = 64 << 20) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 { return nil }
      if n == 0 { return out }
      out += chunk[0..<n]
      if out.count > limit { return nil }
    }
  }
}
