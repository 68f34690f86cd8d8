import Synchronization

/// Failed logins counted per user name and per client address over a sliding window: past the
/// limit, logins for that name or from that address are refused until the window moves on,
/// whatever the password. Kept in memory: a restart forgets, which only helps whoever waited.
final class LoginThrottle: Sendable {
  let limit: Int
  let window: Double
  let failures = Mutex<[String: [Double]]>([:])

  init(limit: Int, window: Double) {
    self.limit = limit
    self.window = window
  }

  /// Whether any of `keys` has reached the limit.
  func blocked(_ keys: [String], now: Double) -> Bool {
    failures.withLock { f in
      keys.contains { key in (f[key] ?? []).filter { now - $0 < window }.count >= limit }
    }
  }

  func failed(_ keys: [String], now: Double) {
    failures.withLock { f in
      for key in keys { f[key] = (f[key] ?? []).filter { now - $0 < window } + [now] }
    }
  }

  func succeeded(_ keys: [String]) {
    failures.withLock { f in for key in keys { f[key] = nil } }
  }
}
