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
    let binary = CLI.products.appendingPathComponent("blastradius").path
    let added = try CLI.execute(
      "/bin/sh",
      ["-c", "echo 'browser test password' | \"$0\" user add ada --role analyst --store \"$1\"", binary, db])
    #expect(added.status == 0, "\(added.stderr)")

    let port = PostgresServer.freePort()
    let server = Process()
    server.executableURL = URL(fileURLWithPath: binary)
    server.arguments = ["serve", "--store", db, "--listen", "127.0.0.1:\(port)"]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    // Up once its health check answers.
    var up = false
    for _ in 0..<100 where !up {
      up = (try? CLI.execute("/usr/bin/curl", ["-sf", "http://127.0.0.1:\(port)/health"]))?.stdout == "ok\n"
      if !up { usleep(100_000) }
    }
    #expect(up, "the console did not start")
    let script = ReportTools.repository.appendingPathComponent("Tests/browser/console_flow.py").path
    var arguments = [
      script, "http://127.0.0.1:\(port)", "ada", "browser test password", chromium, "dept1/emp3.txt",
    ]
    if let shot = ProcessInfo.processInfo.environment["BLASTRADIUS_CONSOLE_SCREENSHOT"] {
      arguments.append(shot)
    }
    let flow = try CLI.execute("/usr/bin/env", ["python3"] + arguments)
    #expect(flow.status == 0, "\(flow.stdout)\(flow.stderr)")
    #expect(flow.stdout.hasPrefix("ok "), "\(flow.stdout)")
  }
}
