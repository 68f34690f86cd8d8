import ArgumentParser
import BlastRadiusBase
import BlastRadiusServe
import BlastRadiusStore

/// `blastradius serve --store FILE`: the console, closed to anyone without an account.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the console over a store: overview, files, audit log and the /api/v1 JSON API.",
    discussion: """
      Every page but the sign-in page asks for an account (`blastradius user add`), every API \
      route for a token (`blastradius token create`). It listens on loopback unless told \
      otherwise, and refuses another address without TLS unless --insecure-http is given.
      """)

  @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "FILE|URL"))
  var store: String

  @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "HOST:PORT"))
  var listen = "127.0.0.1:8443"

  @Option(help: ArgumentHelp("PEM certificate chain: serve HTTPS.", valueName: "FILE"))
  var tlsCert: String?

  @Option(help: ArgumentHelp("PEM private key of --tls-cert.", valueName: "FILE"))
  var tlsKey: String?

  @Flag(
    help: "Allow plain HTTP on an address other than loopback (not advised: passwords would cross in clear).")
  var insecureHttp = false

  @Option(
    help: ArgumentHelp(
      "The fingerprint key the scans used (default: this user's), to find a value again for \"show a value\".",
      valueName: "FILE"))
  var keyFile: String?

  @Option(
    help: ArgumentHelp(
      "The key of the values the store kept (--store-values): \"show a value\" reads them from the store.",
      valueName: "FILE"))
  var valuesKey: String?

  @Option(help: "Minutes a session lives without a request.")
  var idleMinutes: Double = 30

  func options() throws -> ServeOptions {
    var options = ServeOptions()
    guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
      (1...65535).contains(port)
    else {
      throw ValidationError("--listen must be HOST:PORT, as 127.0.0.1:8443")
    }
    options.host = String(listen[..<colon]).trimmingCharacters(in: ["[", "]"])
    options.port = port
    if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
    options.certificate = tlsCert
    options.key = tlsKey
    if !options.isLoopback && !options.tls && !insecureHttp {
      throw ValidationError(
        "refusing to serve \(options.host) without TLS: give --tls-cert and --tls-key (or --insecure-http)")
    }
    guard idleMinutes > 0 else { throw ValidationError("--idle-minutes must be positive") }
    options.idleSeconds = idleMinutes * 60
    return options
  }

  func validate() throws { _ = try options() }

  func run() async throws {
    let database = try StoreLocation(store).console()
    var options = try options()
    // The key is never created here: a server with no key shows values from sealed ones only.
    let keyPath = keyFile ?? KeyStore.defaultPath()
    options.fingerprintKey = try? KeyStore.load(path: keyPath, create: false)
    if keyFile != nil, options.fingerprintKey == nil {
      throw ValidationError("cannot read the fingerprint key \(keyPath)")
    }
    if valuesKey != nil { options.valuesKey = try ExportCommand.valuesKey(valuesKey) }
    let server = ConsoleServer(database: database, options: options)
    FileHandleStderr.write(
      "blastradius: serving \(store) on \(options.tls ? "https" : "http")://\(listen)/ (Ctrl-C stops)\n")
    try await server.run()
  }
}

extension String {
  func trimmingCharacters(in set: Set<Character>) -> String {
    String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
  }
}
