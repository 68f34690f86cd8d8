import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `blastradius serve` in a real browser: Debian's Chromium driven by Playwright for Python
/// (`Tests/browser/console_flow.py`), both installed by `scripts/setup --tests`.
struct ConsoleBrowserTests {
  @Test func signInFilterMarkAFalsePositiveAndSignOut() throws {
    let chromium = try #require(ReportTools.chromium, "chromium is missing: run scripts/setup --tests")
    let fixture = try ScanStoreTests.tree()
    let db = fixture.root.appendingPathComponent("console.db").path
    #expect(try ScanStoreTests.scan(fixture, db).status == 1)
    let added = try ConsoleProcess.addUser(
      "ada", role: "analyst", password: "browser test password", store: db)
    #expect(added.status == 0, "\(added.stderr)")
    let server = try ConsoleProcess(store: db)
    let script = ReportTools.repository.appendingPathComponent("Tests/browser/console_flow.py").path
    var arguments = [
      script, server.base, "ada", "browser test password", chromium, "dept1/emp3.txt",
    ]
    if let shot = ProcessInfo.processInfo.environment["BLASTRADIUS_CONSOLE_SCREENSHOT"] {
      arguments.append(shot)
    }
    let flow = try CLI.execute("/usr/bin/env", ["python3"] + arguments)
    #expect(flow.status == 0, "\(flow.stdout)\(flow.stderr)")
    #expect(flow.stdout.hasPrefix("ok "), "\(flow.stdout)")
  }
}
