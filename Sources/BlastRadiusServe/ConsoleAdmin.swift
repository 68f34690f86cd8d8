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
