import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
public import BlastRadiusBase
import PostgresNIO
import Synchronization

/// A scan store in PostgreSQL, shared by the agents of many hosts: the tables of the SQLite store
/// with the host in each file's key. Connections are made per use and kept for reuse: commits
/// each take one for their transaction, lookups share one.
public final class PostgresStore: Sendable {
  public let url: PostgresURL
  let configuration: PostgresConnection.Configuration
  let logger: Logger
  /// Connections not in use, for the next transaction.
  let idle = Mutex<[PostgresConnection]>([])
  let nextID = Atomic<Int>(1)

  /// Connects to `url` and, when `create` is true, brings its schema up to date (as `store init`
  /// does); otherwise the schema must be there and known to this release.
  public init(url: PostgresURL, create: Bool) throws(BlastRadiusError) {
    self.url = url
    var logger = Logger(label: "blastradius.postgres")
    logger.logLevel = .critical
    self.logger = logger
    let tls: PostgresConnection.Configuration.TLS
    do {
      switch url.tls {
      case .disable: tls = .disable
      case .prefer: tls = .prefer(try NIOSSLContext(configuration: Self.encryptOnly))
      case .require: tls = .require(try NIOSSLContext(configuration: Self.encryptOnly))
      case .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
      }
    } catch {
      throw BlastRadiusError(.storeUnusable, "cannot set up TLS", path: url.description, cause: error)
    }
    configuration = PostgresConnection.Configuration(
      host: url.host, port: url.port, username: url.user, password: url.password(), database: url.database,
      tls: tls)
    try attempt("connecting") {
      try Blocking.run { [self] in
        let connection = try await connect()
        defer { release(connection) }
        if create { try await PostgresStore.migrate(connection) }
        try await PostgresStore.checkSchema(connection)
      }
    }
  }

  /// TLS that encrypts without checking the certificate, as libpq's `prefer` and `require`.
  static var encryptOnly: TLSConfiguration {
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.certificateVerification = .none
    return configuration
  }

  deinit {
    let connections = idle.withLock { c in
      defer { c = [] }
      return c
    }
    for connection in connections { try? connection.close().wait() }
  }

  /// A connection: an idle one, or a new one.
  func connect() async throws -> PostgresConnection {
    if let connection = idle.withLock({ $0.popLast() }), !connection.isClosed { return connection }
    return try await PostgresConnection.connect(
      on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
      id: nextID.add(1, ordering: .relaxed).newValue, logger: logger)
  }

  /// Gives a connection back for reuse.
  func release(_ connection: PostgresConnection) {
    guard !connection.isClosed else { return }
    idle.withLock { $0.append(connection) }
  }

  /// Runs `body` on a connection of its own, in a transaction.
  func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws
    -> T
  {
    try Blocking.run { [self] in
      let connection = try await connect()
      do {
        let result = try await connection.withTransaction(logger: logger) { try await body($0) }
        release(connection)
        return result
      } catch {
        // A connection whose transaction failed midway is not reused.
        try? await connection.close()
        throw error
      }
    }
  }

  /// Runs `body` on a connection of the pool, outside any transaction.
  func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
    try Blocking.run { [self] in
      let connection = try await connect()
      defer { release(connection) }
      return try await body(connection)
    }
  }

  /// Runs `body` and turns PostgreSQL's errors into `BlastRadiusError`s that name what was done.
  func attempt<T>(_ what: String, _ body: () throws -> T) throws(BlastRadiusError) -> T {
    do { return try body() } catch let error as BlastRadiusError { throw error } catch {
      throw BlastRadiusError(.storeUnusable, what, path: url.description, cause: PostgresProblem(error))
    }
  }

  /// Applies the migrations this release knows and the database lacks, one transaction each,
  /// under an advisory lock so that agents starting together do not race.
  static func migrate(_ connection: PostgresConnection) async throws {
    // Under the lock too: two `CREATE TABLE IF NOT EXISTS` at once can both try to create it.
    try await connection.withTransaction(logger: quiet) { c in
      try await c.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: quiet)
      try await c.query(PostgresQuery(unsafeSQL: PostgresSchema.migrationsTable), logger: quiet)
    }
    for (identifier, sql) in PostgresSchema.migrations {
      try await connection.withTransaction(logger: quiet) { c in
        try await c.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: Self.quiet)
        let done = try await c.query(
          "SELECT 1 FROM blastradius_migrations WHERE identifier = \(identifier)", logger: Self.quiet
        ).collect()
        guard done.isEmpty else { return }
        // One statement per query: the extended protocol takes no more.
        for statement in sql.components(separatedBy: ";\n") where !statement.allSatisfy(\.isWhitespace) {
          try await c.query(PostgresQuery(unsafeSQL: statement), logger: Self.quiet)
        }
        try await c.query(
          "INSERT INTO blastradius_migrations (identifier) VALUES (\(identifier))", logger: Self.quiet)
      }
    }
  }

  /// Refuses a database without the schema, or with migrations of a newer release.
  static func checkSchema(_ connection: PostgresConnection) async throws {
    let rows = try await connection.query(
      "SELECT to_regclass('blastradius_migrations') IS NOT NULL", logger: quiet
    ).collect()
    guard try rows.first?.decode(Bool.self) == true else {
      throw BlastRadiusError(.storeMissing, "no store here: `blastradius store init URL` creates one")
    }
    var applied: Set<String> = []
    for try await identifier in try await connection.query(
      "SELECT identifier FROM blastradius_migrations", logger: quiet
    ).decode(String.self) {
      applied.insert(identifier)
    }
    let newer = applied.subtracting(PostgresSchema.known).sorted()
    guard newer.isEmpty else {
      throw BlastRadiusError(
        .storeUnusable,
        "made by a newer release of BlastRadius (it applied \(newer.joined(separator: ", "))): upgrade to use it"
      )
    }
    guard applied == PostgresSchema.known else {
      throw BlastRadiusError(
        .storeUnusable, "made by an older release: run `blastradius store init URL` to upgrade it")
    }
  }

  static let quiet: Logger = {
    var logger = Logger(label: "blastradius.postgres")
    logger.logLevel = .critical
    return logger
  }()
}

/// A PostgreSQL error as people read it: the server's message and code, not the driver's type
/// dump (which postgres-nio keeps short on purpose, to keep queries out of logs).
struct PostgresProblem: Error, CustomStringConvertible {
  let description: String

  init(_ error: any Error) {
    if let t = error as? PostgresTransactionError,
      let inner = t.closureError ?? t.beginError ?? t.commitError ?? t.rollbackError
    {
      self = PostgresProblem(inner)
    } else if let problem = error as? PostgresProblem {
      self = problem
    } else if let psql = error as? PSQLError, let server = psql.serverInfo {
      let message = server[.message] ?? "error"
      let code = server[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
      description = message + code
    } else if let psql = error as? PSQLError {
      // Its description names the failure (connection refused, authentication) without the query.
      description = String(describing: psql.code) + (psql.underlying.map { ": \($0)" } ?? "")
    } else {
      description = String(describing: error)
    }
  }
}
