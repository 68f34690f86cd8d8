import CYara
import Crypto
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase

/// Compiled YARA rules kept between runs, each file ending in the SHA-256 of what precedes it.
///
/// libyara trusts a compiled file completely: a truncated or corrupted one can crash the loader,
/// and so every later run that hunts with the same rules. A file whose digest does not verify is
/// deleted and the rules are compiled again.
enum YaraRulesCache {
  /// The rules at `path`, or nil when there is no such file or it does not verify (then it is
  /// removed).
  static func load(_ path: String) -> UnsafeMutablePointer<YR_RULES>? {
    guard access(path, R_OK) == 0, let bytes = FileReader.readAll(path, limit: 1 << 30) else { return nil }
    guard bytes.count > 32, Array(SHA256.hash(data: bytes[..<(bytes.count - 32)])) == Array(bytes.suffix(32))
    else {
      unlink(path)
      return nil
    }
    var reader = Reader(bytes: bytes, end: bytes.count - 32)
    var rules: UnsafeMutablePointer<YR_RULES>?
    let status = withUnsafeMutablePointer(to: &reader) { cursor in
      var stream = YR_STREAM(
        user_data: UnsafeMutableRawPointer(cursor),
        read: { destination, size, count, context in
          let reader = context!.assumingMemoryBound(to: Reader.self)
          return reader.pointee.read(into: destination!, size: size, count: count)
        }, write: nil)
      return yr_rules_load_stream(&stream, &rules)
    }
    guard status == ERROR_SUCCESS, let rules else {
      unlink(path)
      return nil
    }
    return rules
  }

  /// Saves `rules` at `path` with its digest; written beside and renamed, so a concurrent scan
  /// never loads half a file. False when it could not be saved.
  static func save(_ rules: UnsafeMutablePointer<YR_RULES>, to path: String) -> Bool {
    var collected: [UInt8] = []
    let status = withUnsafeMutablePointer(to: &collected) { buffer in
      var stream = YR_STREAM(
        user_data: UnsafeMutableRawPointer(buffer), read: nil,
        write: { source, size, count, context in
          let buffer = context!.assumingMemoryBound(to: [UInt8].self)
          buffer.pointee.append(contentsOf: UnsafeRawBufferPointer(start: source, count: size * count))
          return count
        })
      return yr_rules_save_stream(rules, &stream)
    }
    guard status == ERROR_SUCCESS else { return false }
    collected += Array(SHA256.hash(data: collected))
    let temporary = path + ".\(getpid()).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return false }
    let written = collected.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == collected.count, rename(temporary, path) == 0 else {
      unlink(temporary)
      return false
    }
    return true
  }

  /// Serves the verified bytes to libyara's loader.
  struct Reader {
    let bytes: [UInt8]
    let end: Int
    var offset = 0

    mutating func read(into destination: UnsafeMutableRawPointer, size: Int, count: Int) -> Int {
      guard size > 0 else { return 0 }
      let items = min(count, (end - offset) / size)
      bytes.withUnsafeBytes { all in
        destination.copyMemory(from: all.baseAddress! + offset, byteCount: items * size)
      }
      offset += items * size
      return items
    }
  }
}
