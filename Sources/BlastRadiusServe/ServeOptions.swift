/// How `blastradius serve` listens and keeps sessions.
public struct ServeOptions: Sendable {
  public var host = "127.0.0.1"
  public var port = 8443
  /// PEM files of the server's certificate chain and key: with them the server speaks TLS
  /// only, and session cookies are `Secure`.
  public var certificate: String?
  public var key: String?
  public var tls: Bool { certificate != nil }
  /// Seconds a session lives without a request.
  public var idleSeconds = 30.0 * 60
  /// Failed logins allowed per user name and per client address in `throttleSeconds`.
  public var loginAttempts = 5
  public var throttleSeconds = 300.0
  /// The fingerprint key scans used: with it, "show a value" can find a value again in its file.
  public var fingerprintKey: [UInt8]?
  /// The key of the values a store kept (`--store-values`): with it, values are read from the store.
  public var valuesKey: [UInt8]?

  public init() {}

  /// Whether `host` is a loopback address, which may go without TLS.
  public var isLoopback: Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }
}
