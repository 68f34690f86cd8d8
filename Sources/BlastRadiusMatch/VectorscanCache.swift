import CVectorscan
import Crypto
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase

/// Compiled Vectorscan databases kept on disk between runs, keyed by the patterns, their flags
/// and the library version: compiling every detector took ~50 ms at each start, more than a
/// whole small scan. A file that does not load is compiled again and replaced.
package struct VectorscanCache: Sendable {
  package var directory: String

  /// `$XDG_CACHE_HOME/blastradius/vectorscan` or `~/.cache/blastradius/vectorscan`; none when
  /// `BLASTRADIUS_NO_CACHE` is set or no home is known.
  package static let shared: VectorscanCache? = {
    if let off = getenv("BLASTRADIUS_NO_CACHE"), off.pointee != 0 { return nil }
    return UserFolders.cache().map { VectorscanCache(directory: $0 + "/vectorscan") }
  }()

  package init(directory: String) { self.directory = directory }

  /// The file a pattern set is kept in.
  func path(for patterns: [VectorscanPattern]) -> String {
    var hash = SHA256()
    hash.update(data: Array(String(cString: hs_version()).utf8) + [0])
    for p in patterns {
      hash.update(data: Array(p.expression.utf8) + [0])
      withUnsafeBytes(of: (p.id.littleEndian, p.flags.littleEndian)) { hash.update(bufferPointer: $0) }
    }
    let hex = hash.finalize().map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    return directory + "/" + hex + ".hsdb"
  }

  func load(_ patterns: [VectorscanPattern]) -> OpaquePointer? {
    guard let bytes = FileReader.readAll(path(for: patterns), limit: 256 << 20), !bytes.isEmpty else {
      return nil
    }
    var db: OpaquePointer?
    let status = bytes.withUnsafeBytes { raw in
      hs_deserialize_database(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count, &db)
    }
    return status == HS_SUCCESS ? db : nil
  }

  /// Writes the database beside its final name and renames it, so a reader never sees half a
  /// file; failures are ignored (the cache only saves time).
  func store(_ db: OpaquePointer, for patterns: [VectorscanPattern]) {
    var bytes: UnsafeMutablePointer<CChar>?
    var length = 0
    guard hs_serialize_database(db, &bytes, &length) == HS_SUCCESS, let bytes else { return }
    defer { free(bytes) }
    var prefix = ""
    for part in directory.split(separator: "/") {
      prefix += "/" + part
      mkdir(prefix, 0o700)
    }
    let final = path(for: patterns)
    let temporary = final + ".\(getpid()).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    var written = 0
    while written < length {
      let n = write(fd, bytes + written, length - written)
      if n <= 0 { break }
      written += n
    }
    close(fd)
    if written == length { rename(temporary, final) } else { unlink(temporary) }
  }
}
