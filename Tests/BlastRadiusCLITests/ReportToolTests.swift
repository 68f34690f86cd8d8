import Foundation
import Testing

/// The browser and the SARIF schema, installed by `scripts/setup --tests` (which the test command
/// runs first); no test installs anything. nil when missing, and the tests that need them fail.
enum ReportTools {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  static func provide(_ tool: String) -> String? {
    let script = repository.appendingPathComponent("scripts/report-test-tools").path
    guard let result = try? CLI.execute("/bin/bash", [script, tool]), result.status == 0 else { return nil }
    let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    return path.isEmpty ? nil : path
  }

  static let chromium = provide("chromium")
  static let sarifSchema = provide("sarif-schema")

  /// A report of the known share, written by `scan --report`.
  static func report(_ fixture: Fixture) throws -> URL {
    try ReportFixture.write(into: fixture)
    let dir = fixture.root.appendingPathComponent("report")
    _ = try fixture.scan(["--report", dir.path])
    return dir
  }
}

/// The HTML report opened in headless Chromium: the script ran, the headline numbers on the
/// rendered page are the exact counts, and every chart has its bars.
struct ReportBrowserTests {
  /// The text of the element after `marker` in the DOM, digits only.
  static func figure(_ dom: String, _ marker: String) -> Int? {
    guard let range = dom.range(of: marker) else { return nil }
    let rest = dom[range.upperBound...].drop { $0 != ">" }.dropFirst()
    return Int(rest.prefix { $0 != "<" }.filter(\.isNumber))
  }

  @Test func headlineNumbersOnTheRenderedPage() throws {
    let chromium = try #require(ReportTools.chromium, "chromium is missing: run scripts/setup --tests")
    let fixture = try Fixture()
    let dir = try ReportTools.report(fixture)
    let page = dir.appendingPathComponent("report.html")
    let browser = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--virtual-time-budget=5000",
    ]
    let dump = try CLI.execute(chromium, browser + ["--dump-dom", page.absoluteString])
    #expect(dump.status == 0, "\(dump.stderr)")
    let dom = dump.stdout
    #expect(dom.contains("data-ready=\"1\""), "the page's script did not run")
    #expect(Self.figure(dom, "data-figure=\"unique_ssns\"") == ReportFixture.uniqueSSNs)
    #expect(Self.figure(dom, "data-figure=\"people\"") == ReportFixture.people)
    #expect(Self.figure(dom, "data-figure=\"files_with_findings\"") == ReportFixture.filesWithFindings)
    #expect(Self.figure(dom, "data-figure=\"credentials\"") == 2)
    for (trigger, people) in ReportFixture.triggers {
      #expect(Self.figure(dom, "data-trigger=\"\(trigger)\"") == people, "\(trigger)")
    }
    // Set by the script from the table it filters.
    #expect(Self.figure(dom, "id=\"files-shown\"") == ReportFixture.filesWithFindings)
    for chart in ["chart-triggers", "chart-categories", "chart-folders", "chart-files"] {
      let start = try #require(dom.range(of: "<svg id=\"\(chart)\""), "\(chart) missing")
      let svg = dom[start.lowerBound...].prefix { _ in true }
      let end = svg.range(of: "</svg>")!
      #expect(svg[..<end.lowerBound].contains("<rect"), "\(chart) has no bars")
    }

    let shot = fixture.root.appendingPathComponent("report.png")
    let screenshot = try CLI.execute(
      chromium,
      browser + [
        "--hide-scrollbars", "--window-size=1280,1800", "--screenshot=\(shot.path)", page.absoluteString,
      ])
    #expect(screenshot.status == 0, "\(screenshot.stderr)")
    let png = try Data(contentsOf: shot)
    #expect(png.count > 20_000)
    #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
  }
}

/// results.sarif against the official SARIF 2.1.0 JSON schema, with Python's jsonschema.
struct SARIFSchemaTests {
  static let validator = """
    import json, sys, jsonschema
    schema = json.load(open(sys.argv[1]))
    log = json.load(open(sys.argv[2]))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#", schema["$schema"]
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:20]:
        print("/".join(map(str, e.path)), e.message)
    run = log["runs"][0]
    print("results", len(run["results"]), "rules", len(run["tool"]["driver"]["rules"]))
    sys.exit(1 if errors else 0)
    """

  @Test func validAgainstTheSchema() throws {
    let schema = try #require(
      ReportTools.sarifSchema, "the SARIF 2.1.0 schema is missing: run scripts/setup --tests")
    let fixture = try Fixture()
    let dir = try ReportTools.report(fixture)
    // An unreadable member too, so the invocation's notices are checked.
    try fixture.write("broken.zip", Array("PK\u{3}\u{4}broken".utf8))
    _ = try fixture.scan(["--report", dir.path])
    let sarif = dir.appendingPathComponent("results.sarif")
    let result = try CLI.execute(
      "/usr/bin/env", ["python3", "-c", Self.validator, schema, sarif.path])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let log = try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as! [String: Any]
    let run = (log["runs"] as! [[String: Any]])[0]
    let results = run["results"] as! [[String: Any]]
    let findings = try String(contentsOf: dir.appendingPathComponent("scan.jsonl"), encoding: .utf8)
      .split(separator: "\n").filter { $0.contains("\"kind\":\"finding\"") }
    #expect(results.count == findings.count)
    let region =
      (((results[0]["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["region"]
        as! [String: Int])
    #expect(region["startLine"]! >= 1 && region["startColumn"]! >= 1)
    let notices = ((run["invocations"] as! [[String: Any]])[0]["toolExecutionNotifications"] as! [Any])
    #expect(!notices.isEmpty)
  }
}
