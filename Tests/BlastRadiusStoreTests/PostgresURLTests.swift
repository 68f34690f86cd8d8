import Foundation
import Testing

@testable import BlastRadiusStorePostgres

/// `--store postgres://…`: what a URL may hold, and where its password comes from.
struct PostgresURLTests {
  @Test func parsesWhatLibpqUsersWrite() throws {
    let url = try PostgresURL("postgres://ir%20team@db.example:6543/case_42?sslmode=verify-full")
    #expect(url.user == "ir team")
    #expect(url.host == "db.example")
    #expect(url.port == 6543)
    #expect(url.database == "case_42")
    #expect(url.tls == .verifyFull)
    #expect(url.description == "postgres://ir team@db.example:6543/case_42?sslmode=verify-full")
    let plain = try PostgresURL("postgresql://br@localhost/br")
    #expect(plain.port == 5432)
    #expect(plain.tls == .prefer)
    #expect(PostgresURL.isPostgres("case.db") == false)
  }

  @Test(arguments: [
    ("postgres://br:secret@db/case", "set PGPASSWORD or ~/.pgpass instead"),
    ("postgres://db/case", "no user"),
    ("postgres://br@db", "no database"),
    ("postgres://br@db/case?sslmode=allow", "sslmode must be"),
    ("postgres://br@db/case?options=x", "unknown parameter options"),
  ])
  func refusesWhatItCannotUseSafely(text: String, message: String) {
    do {
      _ = try PostgresURL(text)
      Issue.record("accepted \(text)")
    } catch {
      #expect(error.message.contains(message), "\(error.message)")
      #expect(!error.description.contains("secret"))
    }
  }

  @Test func passwordFromTheEnvironmentThenThePasswordFile() throws {
    let url = try PostgresURL("postgres://br@db.example:5432/case")
    #expect(
      url.password(environment: ["PGPASSWORD": "from-env", "PGPASSFILE": "/nonexistent"]) == "from-env")
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
      .path
    defer { unlink(file) }
    let lines = """
      # comment
      other.example:5432:case:br:wrong
      db.example:*:case:br:pa\\:ss\\\\word
      *:*:*:*:fallback
      """
    _ = FileManager.default.createFile(
      atPath: file, contents: Data(lines.utf8), attributes: [.posixPermissions: 0o600])
    #expect(url.password(environment: ["PGPASSFILE": file]) == "pa:ss\\word")
    let elsewhere = try PostgresURL("postgres://br@other.example/other")
    #expect(elsewhere.password(environment: ["PGPASSFILE": file]) == "fallback")
    // Readable by others: ignored, as libpq does.
    chmod(file, 0o644)
    #expect(url.password(environment: ["PGPASSFILE": file]) == nil)
  }
}
