#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fingerprint key: from `--key-file`, or created once in the user's config directory with
/// mode 0600 so that two scans by the same user agree.
public enum KeyStore {
  /// `$XDG_CONFIG_HOME/blastradius/fingerprint.key`, else `~/.config/blastradius/fingerprint.key`.
  public static func defaultPath() -> String {
    UserFolders.config() + "/fingerprint.key"
  }

  /// Reads the key at `path`; creates it first when `create` is set and it does not exist.
  public static func load(path: String, create: Bool) throws(BlastRadiusError) -> [UInt8] {
    if create, access(path, F_OK) != 0 {
      try makeKey(at: path)
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw BlastRadiusError(
        .key, "cannot read the key file", path: path, cause: SystemCallError(errno: errno))
    }
    defer { close(fd) }
    var key = [UInt8](repeating: 0, count: 4096)
    let n = key.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
    guard n >= 16 else { throw BlastRadiusError(.key, "the key file holds fewer than 16 bytes", path: path) }
    return Array(key[0..<n])
  }

  static func makeKey(at path: String) throws(BlastRadiusError) {
    if let slash = path.lastIndex(of: "/") {
      let dir = String(path[..<slash])
      var prefix = ""
      for part in dir.split(separator: "/", omittingEmptySubsequences: false) {
        prefix += (prefix.isEmpty && dir.hasPrefix("/") ? "" : (prefix.isEmpty ? "" : "/")) + part
        if prefix.isEmpty { prefix = "/"; continue }
        mkdir(prefix, 0o700)
      }
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    if fd < 0 {
      if errno == EEXIST { return }  // another scan created it first
      throw BlastRadiusError(
        .key, "cannot create the key file", path: path, cause: SystemCallError(errno: errno))
    }
    defer { close(fd) }
    var rng = SystemRandomNumberGenerator()
    let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
    let written = key.withUnsafeBytes { write(fd, $0.baseAddress, 32) }
    guard written == 32 else { throw BlastRadiusError(.key, "cannot write the key file", path: path) }
  }
}
