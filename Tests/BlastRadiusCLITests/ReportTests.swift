import Foundation
import Testing

/// `scan --report` and `blastradius report` on a generated share with known people: exact
/// counts, each person's triggers, file modes, consent, and no raw value outside the people list.
struct ReportTests {
  static let outputs = ["scan.jsonl", "report.html", "report.json", "files.csv", "results.sarif"]

  static func mode(_ url: URL) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? nil
  }

  static func json(_ url: URL) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  }

  /// CSV rows as fields; the tests' values hold no quotes, so a quoted field only guards commas.
  static func csv(_ url: URL) throws -> [[String]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
      var fields: [String] = []
      var current = ""
      var quoted = false
      for c in line {
        if c == "\"" {
          quoted.toggle()
        } else if c == ",", !quoted {
          fields.append(current); current = ""
        } else {
          current.append(c)
        }
      }
      return fields + [current]
    }
  }

  @Test func exactCountsAndTriggersFromAGeneratedShare() throws {
    let fixture = try Fixture()
    try ReportFixture.write(into: fixture)
    let dir = fixture.root.appendingPathComponent("report")
    let result = try fixture.scan(["--reveal", "--report", dir.path])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("report: \(dir.path)/report.html"))

    let report = try Self.json(dir.appendingPathComponent("report.json"))
    let headline = report["headline"] as! [String: Int]
    #expect(headline["unique_ssns"] == ReportFixture.uniqueSSNs)
    #expect(headline["people"] == ReportFixture.people)
    #expect(headline["people_to_notify"] == ReportFixture.people - 1)
    #expect(headline["credentials"] == 2)
    #expect(headline["files_with_findings"] == ReportFixture.filesWithFindings)
    #expect(headline["files_not_read"] == 0)
    #expect(report["triggers"] as? [String: Int] == ReportFixture.triggers)
    #expect((report["hipaa"] as! [String: Any])["people"] as? Int == 2)
    #expect((report["scan"] as! [String: Any])["complete"] as? Bool == true)

    // Each person's triggers, from the notification list (written because of --reveal).
    let people = try Self.csv(dir.appendingPathComponent("people.csv"))
    #expect(people.count == ReportFixture.people)
    var byName: [String: String] = [:]
    var nameless: [String] = []
    for row in people {
      if row[0].isEmpty { nameless.append("\(row[2]) \(row[1])") } else { byName[row[0]] = row[2] }
    }
    #expect(byName == ReportFixture.triggersByName)
    #expect(
      nameless.sorted() == [
        " email_address l***@corp-example.com; phone_number (***) ***-0147",
        "id_without_name us_ssn ***-**-2011", "login+password email_address s***@corp-example.com",
      ])
    // Alice: in five files (employees and benefits CSVs, the workbook, the log, the zip).
    let alice = people.first { $0[0] == "Alice Archer" }!
    #expect(alice[4] == "5")
    #expect(
      alice[1] == "us_ssn ***-**-1001; payment_card **** **** **** 1111; email_address a***@corp-example.com")

    for name in Self.outputs + ["people.csv"] {
      #expect(Self.mode(dir.appendingPathComponent(name)) == 0o600, "\(name)")
    }
    // No raw value anywhere but the notification list (whole-item verdicts carry the item's name).
    let values = Set(result.findings.filter { $0["evidence"] == nil }.compactMap { $0["value"] as? String })
    #expect(values.count > 30)
    for name in Self.outputs.dropFirst() {
      let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
      let leaked = values.filter { text.contains($0) }
      #expect(leaked.isEmpty, "\(name) holds \(leaked.sorted())")
    }
  }

  @Test func theNotificationListNeedsConsent() throws {
    let fixture = try Fixture()
    try ReportFixture.write(into: fixture)
    let dir = fixture.root.appendingPathComponent("report")
    _ = try fixture.scan(["--report", dir.path])
    for name in Self.outputs { #expect(Self.mode(dir.appendingPathComponent(name)) == 0o600, "\(name)") }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("people.csv").path))

    let log = dir.appendingPathComponent("scan.jsonl").path
    let list = fixture.root.appendingPathComponent("people.csv")
    let refused = try CLI.run("blastradius", ["report", log, "--people", list.path])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("--reveal"))
    #expect(!FileManager.default.fileExists(atPath: list.path))

    // A file left by someone else with open permissions is made private when written.
    #expect(
      FileManager.default.createFile(
        atPath: list.path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
    let written = try CLI.run("blastradius", ["report", log, "--people", list.path, "--reveal"])
    #expect(written.status == 0, "\(written.stderr)")
    #expect(written.stdout.contains("people affected 14"))
    #expect(Self.mode(list) == 0o600)
    // The scan did not reveal values: the list has initials only.
    let rows = try Self.csv(list)
    #expect(rows.count == ReportFixture.people)
    #expect(rows.contains { $0[0] == "A. A." })
    #expect(!rows.contains { $0[0] == "Alice Archer" })
  }

  @Test func aBrokenOrUnfinishedLogIsSaidSo() throws {
    let fixture = try Fixture()
    try fixture.write("a.csv", "name,ssn\nAnn Lee,123-45-6789\n")
    let full = try fixture.scan()
    // Drop the summary and cut the last finding in half, as a killed scan leaves it.
    var lines = full.stdout.split(separator: "\n").map(String.init).filter {
      !$0.contains("\"kind\":\"summary\"")
    }
    lines.append(String(lines.removeLast().prefix(40)))
    let log = fixture.root.appendingPathComponent("cut.jsonl")
    try lines.joined(separator: "\n").write(to: log, atomically: false, encoding: .utf8)
    let out = fixture.root.appendingPathComponent("r.json")
    let result = try CLI.run("blastradius", ["report", log.path, "--json", out.path])
    #expect(result.status == 0)
    let report = try Self.json(out)
    let coverage = report["coverage"] as! [String: Any]
    #expect(coverage["complete"] as? Bool == false)
    #expect(coverage["unreadable_lines"] as? Int == 1)
    #expect((report["scan"] as! [String: Any])["finished"] as? Bool == false)
  }

  /// A scan that read every file without error but left an image unread (no `--ocr`): the
  /// report does not call it complete-and-whole; it names the format in its banner, coverage
  /// table, JSON and terminal headline.
  @Test func unreadFormatsAreNamedInTheReport() throws {
    let fixture = try Fixture()
    try fixture.write("a.csv", "name,ssn\nAnn Lee,123-45-6789\n")
    try fixture.write("scan.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
    let scan = try fixture.scan()
    let log = fixture.root.appendingPathComponent("scan.jsonl")
    try scan.stdout.write(to: log, atomically: false, encoding: .utf8)
    let html = fixture.root.appendingPathComponent("r.html")
    let out = fixture.root.appendingPathComponent("r.json")
    let result = try CLI.run("blastradius", ["report", log.path, "--html", html.path, "--json", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("  not read: png 1 of 1 skipped (read with --ocr)\n"))
    let coverage = try Self.json(out)["coverage"] as! [String: Any]
    #expect(coverage["complete"] as? Bool == true)
    #expect(
      (coverage["formats"] as? [String: [String: Int]]) == ["png": ["read": 0, "skipped": 1, "failed": 0]])
    let page = try String(contentsOf: html, encoding: .utf8)
    #expect(
      page.contains(
        "<div class=\"banner bad\" id=\"not-read\">Not everything was read: png 1 of 1 skipped (read with --ocr)."
      ))
    #expect(
      page.contains(
        "<tr><td>png</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td></tr>"))
    #expect(!page.contains("every file it was asked to read was read"))
  }

  /// 100,000 findings in 10,000 files: the page stays under 5 MB and the report is quick.
  @Test func aHundredThousandFindings() throws {
    let fixture = try Fixture()
    let log = fixture.root.appendingPathComponent("big.jsonl")
    let started = Date()
    try ReportLoad.write(findings: 100_000, to: log)
    let wrote = Date().timeIntervalSince(started)
    let html = fixture.root.appendingPathComponent("big.html")
    let json = fixture.root.appendingPathComponent("big.json")
    let t0 = Date()
    let result = try CLI.run("blastradius", ["report", log.path, "--html", html.path, "--json", json.path])
    let seconds = Date().timeIntervalSince(t0)
    #expect(result.status == 0, "\(result.stderr)")
    let size = try FileManager.default.attributesOfItem(atPath: html.path)[.size] as! Int
    print(
      "report of 100,000 findings: HTML \(size) bytes, \(String(format: "%.2f", seconds)) s (log written in \(String(format: "%.2f", wrote)) s)"
    )
    #expect(size < 5_000_000)
    let headline = try Self.json(json)["headline"] as! [String: Int]
    #expect(headline["findings"] == 100_000)
    #expect(headline["people"] == ReportLoad.people(findings: 100_000))
    #expect(headline["unique_ssns"] == ReportLoad.people(findings: 100_000))
  }
}

/// The report's integrity section, from a baseline diff given with the scan.
struct ReportIntegrityTests {
  @Test func whatAWiperDidIsInThePage() throws {
    let fixture = try Fixture()
    for i in 0..<10 { try fixture.write("share/doc\(i).txt", "quarterly notes \(i)\n") }
    try fixture.write("share/hr.txt", "SSN: 123-45-6789\n")
    let db = fixture.root.appendingPathComponent("base.db").path
    let share = fixture.tree.appendingPathComponent("share")
    #expect(
      try CLI.run("blastradius", ["baseline", share.path, "--db", db, "--quiet", "--format", "jsonl"]).status
        == 0)
    // The attack: two files deleted, one zero-filled, one appended to.
    try FileManager.default.removeItem(at: share.appendingPathComponent("doc0.txt"))
    try FileManager.default.removeItem(at: share.appendingPathComponent("doc1.txt"))
    try fixture.write("share/doc2.txt", [UInt8](repeating: 0, count: "quarterly notes 2\n".utf8.count))
    try fixture.write("share/doc3.txt", "quarterly notes 3\nmore\n")
    let diffLog = fixture.root.appendingPathComponent("diff.jsonl").path
    let diff = try CLI.run(
      "blastradius", ["diff", share.path, "--db", db, "--quiet", "--format", "jsonl", "--output", diffLog])
    #expect(diff.status == 3)
    let out = fixture.root.appendingPathComponent("out")
    #expect(try fixture.scan(["--report", out.path]).status == 1)
    let html = out.appendingPathComponent("page.html").path
    let json = out.appendingPathComponent("page.json").path
    let report = try CLI.run(
      "blastradius",
      [
        "report", out.appendingPathComponent("scan.jsonl").path, "--changes", diffLog, "--html", html,
        "--json", json,
      ])
    #expect(report.status == 0)
    #expect(report.stdout.contains("integrity: 4 changes against 12 baseline entries, MASS DESTRUCTION"))
    let changes = try ReportTests.json(URL(fileURLWithPath: json))["changes"] as! [String: Any]
    #expect(changes["classes"] as? [String: Int] == ["removed": 2, "wiped": 1, "modified": 1])
    #expect(changes["baseline_entries"] as? Int == 12)
    #expect(changes["mass_destruction"] as? Bool == true)
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.contains("id=\"chart-changes\""))
    // The destructive changes are listed; the appended file is only counted.
    let rows = page.components(separatedBy: "<tbody>").dropFirst().first { $0.contains("doc0.txt") } ?? ""
    #expect(
      rows.contains("<td>removed</td>") && rows.contains("<td>wiped</td>") && !rows.contains("doc3.txt"))
  }
}
