import Foundation
import Synchronization

/// A throw-away PostgreSQL 15 cluster for the tests, started once per test process: `initdb` in a
/// temporary folder owned by the `postgres` user (initdb refuses root), password authentication
/// on loopback at a free port, stopped when the process exits. Each test gets a database of its
/// own from `database()`.
final class PostgresServer: Sendable {
  static let shared = Result { try PostgresServer() }

  let folder: String
  let port: Int
  static let password = "test-\(UUID().uuidString)"
  static let bin = "/usr/lib/postgresql/15/bin"

  /// What the CLI needs to reach it: the password, as agents get it.
  var environment: [String: String] { ["PGPASSWORD": Self.password] }

  private init() throws {
    guard FileManager.default.isExecutableFile(atPath: Self.bin + "/initdb") else {
      throw Failure("PostgreSQL 15 is not installed (scripts/setup --tests installs it)")
    }
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("br-pg-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let pwfile = folder + "/pw"
    try Self.password.write(toFile: pwfile, atomically: false, encoding: .utf8)
    port = Self.freePort()
    // Every process the tests start reaches the server the way agents do: PGPASSWORD.
    setenv("PGPASSWORD", Self.password, 1)
    let asPostgres = getuid() == 0
    if asPostgres { try Self.check(CLI.execute("/bin/chown", ["-R", "postgres:postgres", folder])) }
    func pg(_ tool: String, _ args: [String]) throws -> CLI.Result {
      asPostgres
        ? try CLI.execute("/usr/sbin/runuser", ["-u", "postgres", "--", Self.bin + "/" + tool] + args)
        : try CLI.execute(Self.bin + "/" + tool, args)
    }
    try Self.check(
      pg(
        "initdb",
        [
          "-D", folder + "/data", "-U", "blastradius", "--pwfile", pwfile, "--auth-host=scram-sha-256",
          "--auth-local=trust", "-E", "UTF8", "--no-sync",
        ]))
    // pg_ctl's own output goes to a file: the server it leaves running would otherwise hold the
    // test's pipes open, and reading them to their end would never finish.
    // TLS with a self-signed certificate, as many internal servers have: `sslmode=require`
    // encrypts without checking it, `verify-full` refuses it.
    try Self.check(
      CLI.execute(
        "/usr/bin/openssl",
        [
          "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout",
          folder + "/server.key", "-out", folder + "/server.crt",
        ]))
    chmod(folder + "/server.key", 0o600)
    if asPostgres { try Self.check(CLI.execute("/bin/chown", ["-R", "postgres:postgres", folder])) }
    let start =
      (asPostgres ? "/usr/sbin/runuser -u postgres -- " : "")
      + "\(Self.bin)/pg_ctl -D \(folder)/data -l \(folder)/log -w start"
      + " -o '-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c max_connections=200 -c ssl=on"
      + " -c ssl_cert_file=\(folder)/server.crt -c ssl_key_file=\(folder)/server.key -c log_connections=on'"
      + " >\(folder)/pg_ctl.out 2>&1 </dev/null"
    guard Self.spawn(["/bin/sh", "-c", start]) == 0 else {
      throw Failure(
        "pg_ctl start failed: " + ((try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? ""))
    }
    let data = folder + "/data"
    let stop =
      asPostgres
      ? "/usr/sbin/runuser -u postgres -- \(Self.bin)/pg_ctl -D \(data) -m immediate stop"
      : "\(Self.bin)/pg_ctl -D \(data) -m immediate stop"
    PostgresServer.stopCommand.withLock { $0 = stop + "; rm -rf \(folder)" }
    atexit {
      if let command = PostgresServer.stopCommand.withLock({ $0 }) {
        _ = PostgresServer.spawn(["/bin/sh", "-c", command + " >/dev/null 2>&1 </dev/null"])
      }
    }
  }

  static let stopCommand = Mutex<String?>(nil)

  /// Runs a command to its end with posix_spawn and waitpid; its exit status. Foundation's
  /// Process would wait for descriptors the server it starts keeps, and never return.
  static func spawn(_ argv: [String]) -> Int32 {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd in Int32(0)...2 {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    var args = argv.map { strdup($0) } + [nil]
    defer { for a in args { free(a) } }
    guard posix_spawn(&pid, argv[0], &actions, nil, &args, environ) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
  }

  /// A new, empty database; its URL (no password in it).
  func database() throws -> String {
    let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    try Self.check(
      CLI.execute(
        Self.bin + "/psql",
        [
          "-h", "127.0.0.1", "-p", "\(port)", "-U", "blastradius", "-d", "postgres", "-c",
          "CREATE DATABASE \(name)",
        ], environment: environment))
    return url(name)
  }

  func url(_ database: String) -> String {
    "postgres://blastradius@127.0.0.1:\(port)/\(database)?sslmode=disable"
  }

  /// The server's log so far.
  var log: String { (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? "" }

  /// Runs SQL in `database` (psql, unaligned, tuples only); its output.
  func sql(_ database: String, _ statement: String) throws -> String {
    let name = String(database.split(separator: "/").last!.split(separator: "?").first!)
    let result = try CLI.execute(
      Self.bin + "/psql",
      [
        "-h", "127.0.0.1", "-p", "\(port)", "-U", "blastradius", "-d", name, "-At", "-v", "ON_ERROR_STOP=1",
        "-c", statement,
      ],
      environment: environment)
    try Self.check(result)
    return result.stdout
  }

  static func check(_ result: CLI.Result) throws {
    guard result.status == 0 else { throw Failure("\(result.stdout)\(result.stderr)") }
  }

  static func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }
}
