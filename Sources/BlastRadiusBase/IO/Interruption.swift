import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C and SIGTERM as a request that long operations poll: the first asks them to stop
/// cleanly (a scan finishes the files under way, records where it stopped and says how to resume);
/// a second one ends the process at once, as the signal would have.
public enum Interruption {
  static let signals = Atomic<Int>(0)

  /// Installs the handlers for SIGINT and SIGTERM.
  public static func install() {
    for sig in [SIGINT, SIGTERM] {
      signal(sig) { sig in
        // Only an atomic add and _exit: both are safe in a signal handler.
        if Interruption.signals.add(1, ordering: .relaxed).newValue > 1 { _exit(128 + sig) }
      }
    }
  }

  /// Whether a stop was asked for.
  public static var requested: Bool { signals.load(ordering: .relaxed) > 0 }
}
