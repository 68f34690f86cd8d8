import Foundation
public import BlastRadiusBase
public import BlastRadiusStore
import HummingbirdBcrypt
import HummingbirdOTP

/// What `blastradius user` and `blastradius token` do to a store's console: passwords hashed with
/// bcrypt here, secrets shown once to the caller and kept only as hashes.
public enum ConsoleAdmin {
  /// bcrypt's cost: 2^12 rounds, about a quarter of a second a check on a laptop core.
  static let cost: UInt8 = 12

  /// Adds a user with this password (at least 12 characters).
  public static func addUser(
    _ database: any ConsoleDatabase, name: String, role: ConsoleUser.Role, password: String
  ) throws(BlastRadiusError) -> ConsoleUser {
    guard password.count >= 12 else {
      throw BlastRadiusError(.console, "a password needs at least 12 characters")
    }
    let user = try database.addUser(name: name, role: role, passwordHash: Bcrypt.hash(password, cost: cost))
    try database.audit(
      user: "cli", action: "user_add", target: name, detail: role.rawValue, now: Date().timeIntervalSince1970)
    return user
  }

  /// A password of 24 random letters and digits.
  public static func generatePassword() -> String {
    let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<24).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
  }

  /// Turns one-time codes on for a user; returns the `otpauth://` URL to load into an
  /// authenticator app (shown once).
  public static func enableTOTP(_ database: any ConsoleDatabase, user: String) throws(BlastRadiusError)
    -> String
  {
    let secret = generatePassword()
    try database.setTOTP(user: user, secret: secret)
    try database.audit(
      user: "cli", action: "totp_on", target: user, detail: "", now: Date().timeIntervalSince1970)
    return TOTP(secret: secret).createAuthenticatorURL(label: user, issuer: "BlastRadius")
  }

  public static func createToken(
    _ database: any ConsoleDatabase, user: String, scope: ConsoleToken.Scope, label: String
  ) throws(BlastRadiusError) -> (token: ConsoleToken, secret: String) {
    let now = Date().timeIntervalSince1970
    let created = try database.createToken(user: user, scope: scope, label: label, now: now)
    try database.audit(
      user: "cli", action: "token_create", target: user, detail: "#\(created.token.id) \(scope.rawValue)",
      now: now)
    return created
  }

  public static func revokeToken(_ database: any ConsoleDatabase, id: Int64) throws(BlastRadiusError) {
    let now = Date().timeIntervalSince1970
    guard try database.revokeToken(id: id, now: now) else {
      throw BlastRadiusError(.console, "no token #\(id)")
    }
    try database.audit(user: "cli", action: "token_revoke", target: "#\(id)", detail: "", now: now)
  }
}

/// Triage decisions as JSONL, to move them between stores (`blastradius triage export|import`):
/// one `{"kind":"triage",…}` object a line, oldest first, so that an import replays the history.
extension ConsoleAdmin {
  public static func exportDecisions(_ database: any ConsoleDatabase, _ write: (String) throws -> Void)
    throws -> Int
  {
    let all = try database.decisionHistory()
    for d in all {
      var j = JSONBuilder()
      append(d, to: &j, kind: true)
      j.raw("\n")
      try write(String(decoding: j.bytes, as: UTF8.self))
    }
    return all.count
  }

  /// Records the decisions of a JSONL file.
  public static func importDecisions(_ database: any ConsoleDatabase, file: String) throws(BlastRadiusError)
    -> Int
  {
    guard let bytes = FileReader.readAll(file) else {
      throw BlastRadiusError(.input, "cannot read", path: file)
    }
    return try importDecisions(database, String(decoding: bytes, as: UTF8.self), source: file)
  }

  /// Records the decisions of a JSONL text; a line that is not a decision is refused with its
  /// number, and nothing of the file is recorded after it.
  public static func importDecisions(_ database: any ConsoleDatabase, _ text: String, source: String)
    throws(BlastRadiusError) -> Int
  {
    var n = 0
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.allSatisfy(\.isWhitespace) {
      guard let v = try? JSONParser.parse(Array(line.utf8)), v["kind"]?.string == "triage",
        let scope = TriageDecision.Scope(rawValue: v["scope"]?.string ?? ""),
        let state = TriageDecision.State(rawValue: v["state"]?.string ?? ""), let key = v["key"]?.string,
        !key.isEmpty, let user = v["user"]?.string
      else {
        throw BlastRadiusError(.input, "not a triage decision", path: source, line: i + 1)
      }
      try database.triage(
        TriageDecision(
          scope: scope, key: key, detector: v["detector"]?.string ?? "", state: state,
          comment: v["comment"]?.string ?? "", user: user, at: v["at"]?.double ?? Date().timeIntervalSince1970
        ))
      n += 1
    }
    try database.audit(
      user: "cli", action: "triage_import", target: source, detail: "\(n) decisions",
      now: Date().timeIntervalSince1970)
    return n
  }

  /// A decision as JSON: a `triage` record of `triage export` (`kind`), or an object of the API.
  static func append(_ d: TriageDecision, to j: inout JSONBuilder, kind: Bool) {
    j.raw(kind ? "{\"kind\":\"triage\",\"scope\":" : "{\"scope\":")
    j.string(d.scope.rawValue)
    j.raw(",\"key\":")
    j.string(d.key)
    j.raw(",\"detector\":")
    j.string(d.detector)
    j.raw(",\"state\":")
    j.string(d.state.rawValue)
    j.raw(",\"comment\":")
    j.string(d.comment)
    j.raw(",\"user\":")
    j.string(d.user)
    j.raw(",\"at\":")
    j.double(d.at)
    j.raw("}")
  }
}
