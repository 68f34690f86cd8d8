import CYara
import BlastRadiusBase

/// libyara, initialised once per process and never finalised (the process ends first).
enum YaraLibrary {
  /// `yr_initialize`'s result; a global's initialiser runs once, on first use, thread-safely.
  static let status: Int32 = yr_initialize()

  /// Throws unless libyara initialised.
  static func ready() throws(BlastRadiusError) {
    guard status == ERROR_SUCCESS else {
      throw BlastRadiusError(.yaraUnavailable, "libyara did not initialise (\(errorName(status)))")
    }
  }

  /// The library version the rules are compiled for: part of the compiled-rules cache key.
  static var version: String { "\(YR_MAJOR_VERSION).\(YR_MINOR_VERSION).\(YR_MICRO_VERSION)" }

  /// A readable name for a libyara error code.
  static func errorName(_ code: Int32) -> String {
    switch code {
    case ERROR_INSUFFICIENT_MEMORY: "insufficient memory"
    case ERROR_COULD_NOT_OPEN_FILE: "could not open file"
    case ERROR_COULD_NOT_MAP_FILE: "could not map file (changed while read?)"
    case ERROR_INVALID_FILE: "invalid compiled rules file"
    case ERROR_CORRUPT_FILE: "corrupt compiled rules file"
    case ERROR_UNSUPPORTED_FILE_VERSION: "compiled rules file of another YARA version"
    case ERROR_SCAN_TIMEOUT: "timeout"
    case ERROR_TOO_MANY_SCAN_THREADS: "too many scanning threads"
    case ERROR_TOO_MANY_MATCHES: "too many matches"
    default: "error \(code)"
    }
  }
}
