import Foundation
public import BlastRadiusBase

/// Where a PostgreSQL store is: `postgres://USER@HOST[:PORT]/DB[?sslmode=disable|prefer|require]`.
/// The password never comes from the URL (it would show in `ps` and in shell histories): it is
/// read from `PGPASSWORD`, else from `~/.pgpass` (or `PGPASSFILE`), as libpq does.
public struct PostgresURL: Sendable, Equatable {
  public enum TLSMode: String, Sendable {
    /// As libpq: `prefer` and `require` encrypt without checking the server's certificate
    /// (`require` refuses a server without TLS); `verify-full` checks it against the system's
    /// trusted roots and the host name.
    case disable, prefer, require
    case verifyFull = "verify-full"
  }

  public var user: String
  public var host: String
  public var port: Int
  public var database: String
  public var tls: TLSMode

  /// Whether `text` names a PostgreSQL store rather than a SQLite file.
  public static func isPostgres(_ text: String) -> Bool {
    text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
  }

  public init(_ text: String) throws(BlastRadiusError) {
    func bad(_ why: String) -> BlastRadiusError {
      BlastRadiusError(.storeUnusable, "\(why): expected postgres://USER@HOST[:PORT]/DB[?sslmode=require]")
    }
    guard Self.isPostgres(text), let parts = URLComponents(string: text) else {
      throw bad("not a PostgreSQL URL")
    }
    guard parts.password == nil else {
      throw bad(
        "a password in the URL would show in process lists and logs; set PGPASSWORD or ~/.pgpass instead")
    }
    guard let user = parts.user, !user.isEmpty else { throw bad("no user") }
    guard let host = parts.host, !host.isEmpty else { throw bad("no host") }
    let database = String(parts.path.drop { $0 == "/" })
    guard !database.isEmpty, !database.contains("/") else { throw bad("no database") }
    var tls = TLSMode.prefer
    for item in parts.queryItems ?? [] {
      switch item.name {
      case "sslmode":
        guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
          throw bad("sslmode must be disable, prefer, require or verify-full")
        }
        tls = mode
      default:
        throw bad("unknown parameter \(item.name)")
      }
    }
    self.user = user.removingPercentEncoding ?? user
    self.host = host
    self.port = parts.port ?? 5432
    self.database = database.removingPercentEncoding ?? database
    self.tls = tls
  }

  /// The URL as given minus anything secret (there is nothing secret in it): for messages.
  public var description: String {
    "postgres://\(user)@\(host):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
  }

  /// The password for this URL: `PGPASSWORD`, else the first matching line of the password file
  /// (`hostname:port:database:username:password`, `*` matching anything, `\` escaping `:` and
  /// `\`), which libpq ignores when others can read it; nil when neither has one.
  public func password() -> String? { password(environment: ProcessInfo.processInfo.environment) }

  func password(environment: [String: String]) -> String? {
    if let password = environment["PGPASSWORD"] { return password }
    let file =
      environment["PGPASSFILE"]
      ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? NSHomeDirectory() + "/.pgpass")
    var st = stat()
    guard stat(file, &st) == 0, st.st_mode & 0o077 == 0,
      let text = try? String(contentsOfFile: file, encoding: .utf8)
    else { return nil }
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      let fields = Self.pgpassFields(line)
      guard fields.count == 5 else { continue }
      let wanted = [host, String(port), database, user]
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
    }
    return nil
  }

  static func pgpassFields(_ line: Substring) -> [String] {
    var fields: [String] = []
    var field = ""
    var escaped = false
    for c in line {
      if escaped {
        field.append(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == ":" && fields.count < 4 {
        fields.append(field)
        field = ""
      } else {
        field.append(c)
      }
    }
    fields.append(field)
    return fields
  }
}
