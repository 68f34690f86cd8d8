#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The per-user folders BlastRadius keeps state in, after the XDG base-directory convention.
public enum UserFolders {
  /// `$XDG_CACHE_HOME/blastradius`, else `~/.cache/blastradius`: compiled patterns and rules,
  /// which can be rebuilt from their sources at any time.
  public static func cache() -> String? {
    base("XDG_CACHE_HOME", fallback: ".cache").map { $0 + "/blastradius" }
  }

  /// `$XDG_CONFIG_HOME/blastradius`, else `~/.config/blastradius`: the fingerprint key.
  public static func config() -> String {
    (base("XDG_CONFIG_HOME", fallback: ".config") ?? ".") + "/blastradius"
  }

  static func base(_ variable: String, fallback: String) -> String? {
    if let value = getenv(variable), value.pointee != 0 { return String(cString: value) }
    guard let home = getenv("HOME"), home.pointee != 0 else { return nil }
    return String(cString: home) + "/" + fallback
  }
}
