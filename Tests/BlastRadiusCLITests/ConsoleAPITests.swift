import Foundation
import Testing

/// The console's API against its OpenAPI document (`docs/openapi.yaml`), by schemathesis (PyPI,
/// installed by `scripts/setup --tests`): every operation, with valid and invalid data, every
/// check, and methods the document does not list.
struct ConsoleAPITests {
  @Test func theAPIKeepsItsOpenAPIDocument() throws {
    let fixture = try ScanStoreTests.tree()
    let db = fixture.root.appendingPathComponent("api.db").path
    #expect(try ScanStoreTests.scan(fixture, db).status == 1)
    #expect(
      try ConsoleProcess.addUser("ops", role: "admin", password: "api test password", store: db).status == 0)
    let token = try CLI.run(
      "blastradius", ["token", "create", "--user", "ops", "--scope", "admin", "--store", db])
    #expect(token.status == 0)
    let server = try ConsoleProcess(store: db)
    let document = ReportTools.repository.appendingPathComponent("docs/openapi.yaml").path
    let run = try CLI.execute(
      "/usr/bin/env",
      [
        "python3", "-c",
        "import sys; from schemathesis.cli import schemathesis; sys.argv[0] = 'schemathesis'; sys.exit(schemathesis())",
        "run", document, "--url", server.base, "-H",
        "Authorization: Bearer \(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines))", "--checks",
        "all",
        "--max-examples", "100", "--workers", "2",
      ])
    #expect(run.status == 0, "\(run.stdout.suffix(4000))\(run.stderr.suffix(2000))")
    #expect(run.stdout.contains("No issues found"), "\(run.stdout.suffix(2000))")
  }
}
