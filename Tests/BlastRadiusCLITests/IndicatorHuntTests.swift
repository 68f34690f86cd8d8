import Crypto
import Foundation
import Testing

/// Indicators of compromise in the sweep: Loki's hash, file name and c2 files and STIX bundles,
/// written by the tests; every planted indicator found once per place, no near miss reported.
struct IndicatorHuntTests {
  static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    digest.map { String(format: "%02x", $0) }.joined()
  }

  @Test func hashesInPlainFilesAZipAndAnAttachment() throws {
    let f = try HuntFixture()
    let a = Array("quarterly staging notes\n".utf8)
    let b = Array("vpn configuration backup\n".utf8)
    let c = Array("printer driver readme\n".utf8)
    let md5 = Self.hex(Insecure.MD5.hash(data: a))
    let sha1 = Self.hex(Insecure.SHA1.hash(data: b))
    let sha256 = Self.hex(SHA256.hash(data: c))
    let iocFile = try f.indicators(
      "hash-iocs.txt",
      """
      # Operation Test: staging files
      \(md5);Staging file A
      \(sha1.uppercased());70;Staging file B

      \(sha256)
      not-a-hash;a broken line

      """)
    try f.write("a.txt", a)
    try f.write("b.txt", b)
    try f.write("c.txt", c)
    try f.write("d.txt", "not listed\n")
    try f.write(
      "bundle.zip",
      try ArchiveFixture.make(
        .zip, entries: [("docs/a.txt", a), ("docs/c.txt", c), ("docs/d.txt", Array("no\n".utf8))]))
    try f.write("mail/m.eml", HuntFixture.mail(attaching: "a.txt", a))
    let result = try f.scan(["--iocs", f.iocs.path, "--hunt-only"])
    #expect(result.status == 1)
    #expect(
      f.describe(result) == [
        "a.txt [] hash \(md5) alert",
        "b.txt [] hash \(sha1) warning",
        "bundle.zip [docs/a.txt] hash \(md5) alert",
        "bundle.zip [docs/c.txt] hash \(sha256) alert",
        "c.txt [] hash \(sha256) alert",
        "mail/m.eml [attachment: a.txt] hash \(md5) alert",
      ])
    let byPath = Dictionary(grouping: f.hunts(result)) { f.relative($0["path"]) }
    let hitA = try #require(byPath["a.txt"]?.first)
    #expect(hitA["type"] as? String == "md5")
    #expect(hitA["description"] as? String == "Staging file A")
    #expect((hitA["source"] as? [String: Any])?["file"] as? String == iocFile)
    #expect((hitA["source"] as? [String: Any])?["line"] as? Int == 2)
    #expect(byPath["b.txt"]?.first?["score"] as? Int == 70)
    // No description of its own: the comment above it describes it, as in Loki.
    #expect(byPath["c.txt"]?.first?["description"] as? String == "Operation Test: staging files")
    let hunt = f.huntSummary(result)
    #expect(hunt["indicators"] as? [String: Int] == ["hash": 3, "filename": 0, "network": 0])
    #expect(
      hunt["warnings"] as? [String] == [
        "--iocs: \(iocFile):6: 'not-a-hash' is not an MD5, SHA-1 or SHA-256 hash"
      ])
    #expect(hunt["levels"] as? [String: Int] == ["alert": 5, "warning": 1, "notice": 0])
    // Every byte hashed once: the files on disk, the zip's members and the attachment.
    let fm = FileManager.default
    let onDisk = try fm.subpathsOfDirectory(atPath: f.tree.path)
      .map { try fm.attributesOfItem(atPath: f.tree.path + "/" + $0) }
      .filter { $0[.type] as? FileAttributeType == .typeRegular }
      .reduce(0) { $0 + ($1[.size] as! Int) }
    #expect(hunt["bytes"] as? Int == onDisk + a.count + c.count + 3 + a.count)
    #expect(hunt["second_reads"] as? Int == 0)
    #expect(result.stderr.contains("blastradius: warning: --iocs: \(iocFile):6:"))
  }

  @Test func fileNamesWithAFalsePositiveExpression() throws {
    let f = try HuntFixture()
    let iocFile = try f.indicators(
      "filename-iocs.txt",
      #"""
      # PsExec dropped into a tools folder
      \\tools\\psexec\.exe;70;\\Windows\\
      # Vectorscan refuses back references
      (ab)\1\.dll;50
      # Staged archives
      \\exfil_[0-9]{4}\.rar$;90

      """#)
    for path in [
      "tools/psexec.exe", "Windows/tools/PSEXEC.EXE", "out/exfil_2024.rar", "out/exfil_2024.rar.txt",
      "out/exfil_24.rar", "abab.dll",
    ] {
      try f.write(path, "x\n")
    }
    try f.write("kit.zip", try ArchiveFixture.make(.zip, entries: [("tools/PsExec.exe", Array("x\n".utf8))]))
    let result = try f.scan(["--iocs", f.iocs.path, "--hunt-only"])
    #expect(
      f.describe(result) == [
        #"kit.zip [tools/PsExec.exe] filename \\tools\\psexec\.exe warning"#,
        #"out/exfil_2024.rar [] filename \\exfil_[0-9]{4}\.rar$ alert"#,
        #"tools/psexec.exe [] filename \\tools\\psexec\.exe warning"#,
      ])
    let warnings = try #require(f.huntSummary(result)["warnings"] as? [String])
    #expect(warnings.count == 1)
    #expect(
      warnings.first?.hasPrefix(
        "--iocs: \(iocFile):4: file name expression '(ab)\\1\\.dll' not used: Vectorscan:") == true)
    let psexec = f.hunts(result).first { f.relative($0["path"]) == "tools/psexec.exe" }
    #expect(psexec?["description"] as? String == "PsExec dropped into a tools folder")
    #expect(
      f.huntSummary(result)["indicators"] as? [String: Int] == ["hash": 0, "filename": 2, "network": 0])
  }

  @Test func networkIndicatorsInALogWithNearMisses() throws {
    let f = try HuntFixture()
    try f.indicators(
      "c2-iocs.txt",
      """
      # C2 servers
      10.1.1.1;80
      evil.com;75
      c2.bad.org
      2001:db8::1;70
      http://evil.net/gate.php;90
      10.0.0.0/8

      """)
    let log =
      [
        "ok 10.1.1.1:443",
        "no 110.1.1.12 10.1.1.123 10.1.1.1.5 210.1.1.1 10.1.1.12",
        "ok sub.evil.com",
        "no notevil.com evil.com.au evil.community evil-com.org",
        "ok EVIL.COM.",
        "no bad.org c2.bad.org.uk xc2.bad.org",
        "ok [2001:db8::1]:443",
        "no 2001:db8::10 2001:db8::1f 12001:db8::1",
        "ok http://evil.net/gate.php?id=1",
        "no http://evil.net/gate.php5 xhttp://evil.net/gate.php",
        "ok 10.1.1.1.",
      ].joined(separator: "\n") + "\n"
    try f.write("var/log/app.log", log)
    try f.write("logs.zip", try ArchiveFixture.make(.zip, entries: [("old/app.log", Array(log.utf8))]))
    try f.write(
      "mail/alert.eml",
      "From: soc@example.com\r\nTo: it@example.com\r\nSubject: beacon\r\n\r\nBeacon to c2.bad.org seen.\r\n")
    let result = try f.scan(["--iocs", f.iocs.path, "--hunt-only"])
    let expectedInLog = [
      "1:4 10.1.1.1", "3:8 evil.com", "5:4 evil.com", "7:5 2001:db8::1", "9:4 http://evil.net/gate.php",
      "11:4 10.1.1.1",
    ]
    func places(_ path: String, _ within: [String]) -> [String] {
      f.hunts(result)
        .filter { f.relative($0["path"]) == path && $0["within"] as! [String] == within }
        .map { "\($0["line"]!):\($0["column"]!) \($0["ioc"]!)" }
    }
    #expect(places("var/log/app.log", []) == expectedInLog)
    #expect(places("logs.zip", ["old/app.log"]) == expectedInLog)
    #expect(places("mail/alert.eml", ["body"]) == ["1:11 c2.bad.org"])
    #expect(f.hunts(result).count == 13)
    // 90, 80, 75, 70 strongest first: 100 × (1 − 0.1 × 0.6 × 0.8125 × 0.9125) ≈ 96.
    let first = try #require(f.hunts(result).first { f.relative($0["path"]) == "var/log/app.log" })
    #expect(first["total"] as? Int == 96)
    #expect(first["level"] as? String == "alert")
    #expect(first["type"] as? String == "ipv4")
    #expect(first["offset"] as? Int == 3)
    #expect(first["description"] as? String == "C2 servers")
    let warnings = try #require(f.huntSummary(result)["warnings"] as? [String])
    #expect(
      warnings.count == 1
        && warnings[0].hasSuffix(
          ":7: '10.0.0.0/8': address ranges (CIDR) are not supported, only single addresses")
    )
  }

  @Test func stixBundleWithUnsupportedPatternsListed() throws {
    let f = try HuntFixture()
    let payload = Array("stage two payload\n".utf8)
    let sha256 = Self.hex(SHA256.hash(data: payload))
    let bundleFile = try f.indicators(
      "report.json",
      """
      {
        "type": "bundle",
        "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
        "objects": [
          {
            "type": "indicator", "spec_version": "2.1", "id": "indicator--a1",
            "name": "Stage two hash",
            "pattern": "[file:hashes.'SHA-256' = '\(sha256)']",
            "pattern_type": "stix", "valid_from": "2014-11-24T00:00:00Z"
          },
          {
            "type": "indicator", "spec_version": "2.1", "id": "indicator--a2", "name": "C2",
            "pattern": "[domain-name:value = 'stix-evil.org'] OR [url:value = 'http://stix-evil.org/a']",
            "pattern_type": "stix", "valid_from": "2014-11-24T00:00:00Z"
          },
          {
            "type": "indicator", "spec_version": "2.1", "id": "indicator--a3", "name": "Dropper",
            "pattern": "[file:name = 'dropper.exe']", "pattern_type": "stix", "valid_from": "2014-11-24T00:00:00Z"
          },
          { "type": "indicator", "id": "indicator--b1", "pattern": "[process:name = 'evil.exe']", "pattern_type": "stix" },
          { "type": "indicator", "id": "indicator--b2", "pattern": "[file:hashes.MD5 = '\(String(repeating: "ab", count: 16))' AND file:name = 'x.exe']", "pattern_type": "stix" },
          { "type": "indicator", "id": "indicator--b3", "pattern": "[ipv4-addr:value = '10.0.0.0/8']", "pattern_type": "stix" },
          { "type": "indicator", "id": "indicator--b4", "pattern": "rule x { condition: true }", "pattern_type": "yara" },
          { "type": "indicator", "id": "indicator--b5", "pattern": "[ipv4-addr:value = '192.0.2.1'] WITHIN 300 SECONDS", "pattern_type": "stix" },
          { "type": "malware", "id": "malware--1", "name": "Destover", "is_family": true }
        ]
      }

      """)
    try f.write("payload.bin", payload)
    try f.write("bin/dropper.exe", "MZ\n")
    try f.write("bin/dropper.exe.txt", "MZ\n")
    try f.write("net.log", "dns stix-evil.org\nget http://stix-evil.org/a\nno stix-evil.org.uk\n")
    let result = try f.scan(["--iocs", bundleFile, "--hunt-only"])
    #expect(
      f.describe(result) == [
        "bin/dropper.exe [] filename dropper.exe warning",
        "net.log [] network http://stix-evil.org/a alert",
        "net.log [] network stix-evil.org alert",
        "net.log [] network stix-evil.org alert",
        "payload.bin [] hash \(sha256) alert",
      ])
    let hash = try #require(f.hunts(result).first { $0["match"] as? String == "hash" })
    #expect(hash["stix_id"] as? String == "indicator--a1")
    #expect(hash["description"] as? String == "Stage two hash")
    #expect((hash["source"] as? [String: Any])?["line"] as? Int == 8)
    let warnings = try #require(f.huntSummary(result)["warnings"] as? [String])
    #expect(warnings.count == 5)
    for (id, reason) in [
      ("b1", "process:name is not supported"), ("b2", "AND inside an observation is not supported"),
      ("b3", "address ranges (CIDR) are not supported"), ("b4", "pattern type 'yara' is not supported"),
      ("b5", "WITHIN between observations is not supported"),
    ] {
      #expect(
        warnings.contains { $0.contains("indicator--\(id)") && $0.contains(reason) }, "\(id): \(warnings)")
    }
    #expect(
      f.huntSummary(result)["indicators"] as? [String: Int] == ["hash": 1, "filename": 1, "network": 2])
  }

  @Test func indicatorFilesThatCannotBeToldApartStopTheScan() throws {
    let f = try HuntFixture()
    let file = try f.indicators("list.txt", "10.1.1.1\n")
    try f.write("a.txt", "x\n")
    let result = try f.scan(["--iocs", file])
    #expect(result.status == 2)
    #expect(result.stderr.contains("\(file): cannot tell what the file holds"))
  }
}
