import Crypto
import Foundation
import Testing

/// YARA in the sweep: rules written by the tests, matched in files, archive members and mail
/// attachments; externals, errors, timeouts and the compiled-rules cache.
struct YaraHuntTests {
  static let eicarRule = """
    rule EICAR_Test_File : test av
    {
      meta:
        description = "EICAR antivirus test file"
        author = "BlastRadius tests"
        score = 100
      strings:
        $head = { 58 35 4F 21 50 25 40 41 50 }
        $text = "STANDARD-ANTIVIRUS-TEST-FILE" ascii
      condition:
        $head at 0 and $text and filesize < 128
    }

    """

  @Test func eicarInAFileAZipAndAnAttachment() throws {
    let f = try HuntFixture()
    try f.rule("av/eicar.yar", Self.eicarRule)
    try f.write("downloads/eicar.com", HuntFixture.eicar)
    try f.write(
      "downloads/pack.zip",
      try ArchiveFixture.make(
        .zip, entries: [("dl/eicar.com", HuntFixture.eicar), ("readme.txt", Array("hello\n".utf8))]))
    try f.write("mail/update.eml", HuntFixture.mail(attaching: "eicar.com", HuntFixture.eicar))
    try f.write("downloads/clean.txt", "X5O!P is not at the start here: STANDARD-ANTIVIRUS-TEST-FILE\n")
    let result = try f.scan(["--yara", f.rules.path, "--hunt-only"])
    #expect(result.status == 1)
    #expect(
      f.describe(result) == [
        "downloads/eicar.com [] yara EICAR_Test_File alert",
        "downloads/pack.zip [dl/eicar.com] yara EICAR_Test_File alert",
        "mail/update.eml [attachment: eicar.com] yara EICAR_Test_File alert",
      ])
    let hit = try #require(f.hunts(result).first { f.relative($0["path"]) == "downloads/eicar.com" })
    #expect(hit["namespace"] as? String == "av/eicar.yar")
    #expect(hit["tags"] as? [String] == ["test", "av"])
    let meta = try #require(hit["meta"] as? [String: Any])
    #expect(meta["description"] as? String == "EICAR antivirus test file")
    #expect(meta["author"] as? String == "BlastRadius tests")
    #expect(meta["score"] as? Int == 100)
    #expect(hit["score"] as? Int == 100)
    #expect(hit["total"] as? Int == 100)
    let strings = try #require(hit["strings"] as? [[String: Any]])
    #expect(
      strings.map { "\($0["id"]!) \($0["offsets"] as! [Int]) \($0["count"]!)" } == [
        "$head [0] 1", "$text [34] 1",
      ])
    #expect(strings.allSatisfy { $0["data"] == nil })  // matched bytes only with --reveal
    let source = try #require(hit["source"] as? [String: Any])
    #expect(source["file"] as? String == f.rules.path + "/av/eicar.yar")
    #expect(source["line"] as? Int == 1)
    #expect(result.summary["findings"] as? Int == 0)
    let hunt = f.huntSummary(result)
    #expect(hunt["levels"] as? [String: Int] == ["alert": 3, "warning": 0, "notice": 0])
    #expect(hunt["hits"] as? [String: Int] == ["yara": 3])
    #expect(hunt["second_reads"] as? Int == 0)
    #expect(result.errors.isEmpty)
  }

  @Test func revealShowsMatchedBytes() throws {
    let f = try HuntFixture()
    try f.rule("eicar.yar", Self.eicarRule)
    try f.write("eicar.com", HuntFixture.eicar)
    let result = try f.scan(["--yara", f.rules.path, "--hunt-only", "--reveal"])
    let strings = try #require(f.hunts(result).first?["strings"] as? [[String: Any]])
    #expect(strings.first?["data"] as? [String] == ["58354f215025404150"])
  }

  /// A rule in the style of signature-base: meta block, `wide ascii` strings, and the externals
  /// Loki and THOR define, which must compile and run unchanged.
  @Test func communityStyleRuleWithExternals() throws {
    let f = try HuntFixture()
    var binary: [UInt8] = [0x4D, 0x5A, 0x90, 0x00] + [UInt8](repeating: 0, count: 60)
    binary += Array("This program cannot be run in DOS mode.\0PsExec Service Host\0".utf8)
    binary +=
      Array("Sysinternals".utf8) + [0] + Array("PsExec Service Host".utf16).flatMap { [UInt8($0), 0] }
    let md5 = Insecure.MD5.hash(data: binary).map { String(format: "%02x", $0) }.joined()
    try f.rule(
      "apt_renamed_tools.yar",
      """
      /*
         Community-style rules: they read the Loki/THOR externals.
      */
      rule SUSP_Renamed_PsExec_Test_1 {
         meta:
            description = "Detects a renamed PsExec service binary"
            author = "BlastRadius tests"
            reference = "https://example.com/psexec"
            date = "2024-05-01"
            score = 65
         strings:
            $s1 = "PsExec Service Host" wide ascii
            $s2 = "Sysinternals" fullword ascii
         condition:
            uint16(0) == 0x5a4d and filesize < 100KB and all of them
            and not filename matches /^psexec(64|svc)?\\.exe$/i
            and extension == ".exe" and filetype == "EXE"
            and filepath contains "/tools" and owner != ""
      }

      rule HKTL_Known_Sample_By_MD5 {
         meta:
            description = "A sample known by its MD5 (the md5 external)"
            score = 50
         condition:
            md5 == "\(md5)"
      }

      """)
    try f.write("tools/svc-update.exe", binary)
    try f.write("tools/PsExec.exe", binary)  // its own name: not suspicious
    try f.write("tools/kit.zip", try ArchiveFixture.make(.zip, entries: [("x/update.exe", binary)]))
    try f.write("other/update.exe", binary)  // not under a tools folder
    try f.write("other/update.txt", binary)  // not an .exe
    let result = try f.scan(["--yara", f.rules.path, "--hunt-only"])
    #expect(result.errors.isEmpty)
    #expect(
      f.describe(result) == [
        "other/update.exe [] yara HKTL_Known_Sample_By_MD5 notice",
        "other/update.txt [] yara HKTL_Known_Sample_By_MD5 notice",
        "tools/PsExec.exe [] yara HKTL_Known_Sample_By_MD5 notice",
        "tools/kit.zip [x/update.exe] yara HKTL_Known_Sample_By_MD5 warning",
        "tools/kit.zip [x/update.exe] yara SUSP_Renamed_PsExec_Test_1 warning",
        "tools/svc-update.exe [] yara HKTL_Known_Sample_By_MD5 warning",
        "tools/svc-update.exe [] yara SUSP_Renamed_PsExec_Test_1 warning",
      ])
    // 65 and 50, strongest first: 100 × (1 − 0.35 × 0.75) = 73.75.
    #expect(
      f.hunts(result).filter { f.relative($0["path"]) == "tools/svc-update.exe" }.map { $0["total"] as! Int }
        == [74, 74])
  }

  @Test func ruleFileWithASyntaxErrorStopsTheScan() throws {
    let f = try HuntFixture()
    try f.rule("good.yar", Self.eicarRule)
    try f.rule("zz_bad.yar", "rule Broken {\n  strings:\n    $a = \"x\"\n  condition:\n    $a and and\n}\n")
    try f.write("eicar.com", HuntFixture.eicar)
    let result = try f.scan(["--yara", f.rules.path])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("\(f.rules.path)/zz_bad.yar:5: syntax error"))
  }

  @Test func aSlowRuleTimesOutOnALargeFileOnly() throws {
    let f = try HuntFixture()
    try f.rule(
      "slow.yar",
      "rule Slow_Loop {\n  condition:\n    for all i in (0..filesize - 1) : (for all j in (0..19) : (uint8(i) + j < 300))\n}\n"
    )
    try f.write("large.bin", [UInt8](repeating: 0, count: 8_000_000))
    try f.write("small.bin", [UInt8](repeating: 0, count: 1000))
    let result = try f.scan(["--yara", f.rules.path, "--hunt-only", "--yara-timeout", "1"])
    #expect(f.describe(result) == ["small.bin [] yara Slow_Loop warning"])
    // No score meta: the record's score is the default, and the meta says nothing.
    #expect(f.hunts(result).first?["score"] as? Int == 75)
    #expect((f.hunts(result).first?["meta"] as? [String: Any])?.isEmpty == true)
    #expect(result.errors.count == 1)
    let error = try #require(result.errors.first)
    #expect(f.relative(error["path"]) == "large.bin")
    #expect(error["code"] as? String == "limit_exceeded")
    #expect(error["message"] as? String == "YARA scan stopped after 1 s (--yara-timeout)")
    #expect(result.summary["complete"] as? Bool == false)
  }

  @Test func compiledRulesAreCachedAndReused() throws {
    let f = try HuntFixture()
    try f.rule("eicar.yar", Self.eicarRule)
    try f.write("eicar.com", HuntFixture.eicar)
    func yaraStats() throws -> [String: Any] {
      let result = try f.scan(["--yara", f.rules.path, "--hunt-only"])
      #expect(f.describe(result) == ["eicar.com [] yara EICAR_Test_File alert"])
      return try #require(f.huntSummary(result)["yara"] as? [String: Any])
    }
    let first = try yaraStats()
    #expect(first["compiled"] as? Bool == true)
    #expect(first["cache"] as? String == "miss")
    let cached = try FileManager.default.contentsOfDirectory(
      atPath: f.cache.appendingPathComponent("blastradius/yara").path)
    #expect(cached.count == 1 && cached[0].hasSuffix(".yarc"))

    let second = try yaraStats()
    #expect(second["compiled"] as? Bool == false)
    #expect(second["cache"] as? String == "hit")
    #expect(second["rules"] as? Int == 1)

    // Changed sources are compiled again.
    try f.rule("eicar.yar", Self.eicarRule + "\nrule Another { condition: false }\n")
    let third = try yaraStats()
    #expect(third["cache"] as? String == "miss")
    #expect(third["rules"] as? Int == 2)
  }

  /// A compiled-rules cache that was truncated or damaged is not loaded (libyara trusts it and
  /// may crash): it is compiled again, and the next run hits the new cache.
  @Test func damagedCacheIsRebuilt() throws {
    let f = try HuntFixture()
    try f.rule("eicar.yar", Self.eicarRule)
    try f.write("eicar.com", HuntFixture.eicar)
    func run() throws -> String? {
      let result = try f.scan(["--yara", f.rules.path, "--hunt-only"])
      #expect(result.status == 1, "\(result.stderr)")
      #expect(f.describe(result) == ["eicar.com [] yara EICAR_Test_File alert"])
      return (f.huntSummary(result)["yara"] as? [String: Any])?["cache"] as? String
    }
    #expect(try run() == "miss")
    let dir = f.cache.appendingPathComponent("blastradius/yara")
    let file = dir.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: dir.path)[0])
    let good = try Data(contentsOf: file)
    for damage in [Data(good.prefix(good.count / 2)), Data(good.map { $0 ^ 0x5A }), Data()] {
      try damage.write(to: file)
      #expect(try run() == "miss")
      #expect(try run() == "hit")
    }
  }

  @Test func aFileLargerThanTheHuntLimitIsReadAgainByYaraAndSaysSo() throws {
    let f = try HuntFixture()
    try f.rule("eicar.yar", Self.eicarRule.replacingOccurrences(of: "filesize < 128", with: "filesize < 4KB"))
    try f.write("big.com", HuntFixture.eicar + [UInt8](repeating: 0x20, count: 2000))
    try f.write(
      "bundle.zip",
      try ArchiveFixture.make(
        .zip, entries: [("big.com", HuntFixture.eicar + [UInt8](repeating: 0x20, count: 2000))]))
    let result = try f.scan(["--yara", f.rules.path, "--hunt-only", "--max-hunt-bytes", "1024"])
    #expect(f.describe(result) == ["big.com [] yara EICAR_Test_File alert"])
    #expect(f.huntSummary(result)["second_reads"] as? Int == 1)
    #expect(
      result.errors.map {
        "\(f.relative($0["path"])) [\(($0["within"] as! [String]).joined())] \($0["message"]!)"
      } == [
        "bundle.zip [big.com] member larger than 1024 bytes was not scanned with YARA (--max-hunt-bytes)"
      ])
  }

  @Test func oneSweepFindsExposureAndCompromise() throws {
    let f = try HuntFixture()
    try f.rule("eicar.yar", Self.eicarRule)
    try f.write("share/hr.csv", "name,ssn\nAnn,123-45-6789\n")
    try f.write("share/eicar.com", HuntFixture.eicar)
    let both = try f.scan(["--yara", f.rules.path])
    #expect(both.status == 1)
    // The SSN, and Ann's name in its row.
    #expect(Set(both.findings.map { $0["detector"] as! String }) == ["us_ssn", "person_name"])
    #expect(f.describe(both) == ["share/eicar.com [] yara EICAR_Test_File alert"])
    let huntOnly = try f.scan(["--yara", f.rules.path, "--hunt-only"])
    #expect(huntOnly.findings.isEmpty)
    #expect(huntOnly.summary["findings"] as? Int == 0)
    #expect(f.describe(huntOnly) == ["share/eicar.com [] yara EICAR_Test_File alert"])
  }

  /// Hunt records in a scan's log are not unreadable lines: the report of a complete scan is
  /// complete.
  @Test func reportOfAHuntingScanIsComplete() throws {
    let f = try HuntFixture()
    try f.rule("eicar.yar", Self.eicarRule)
    try f.write("share/hr.csv", "name,ssn\nAnn,123-45-6789\n")
    try f.write("share/eicar.com", HuntFixture.eicar)
    let dir = f.rules.deletingLastPathComponent().appendingPathComponent("report")
    let result = try f.scan(["--yara", f.rules.path, "--report", dir.path])
    #expect(result.status == 1)
    let report = try JSONSerialization.jsonObject(
      with: Data(contentsOf: dir.appendingPathComponent("report.json")))
    let coverage = try #require((report as? [String: Any])?["coverage"] as? [String: Any])
    #expect(coverage["complete"] as? Bool == true)
    #expect(coverage["unreadable_lines"] as? Int == 0)
  }

  @Test func tableListsAlertsFirst() throws {
    let f = try HuntFixture()
    try f.rule(
      "levels.yar",
      """
      rule Level_Notice { meta: score = 40 strings: $a = "notice-marker" condition: $a }
      rule Level_Warning { meta: score = 65 strings: $a = "warning-marker" condition: $a }
      rule Level_Alert { meta: score = 90 strings: $a = "alert-marker" condition: $a }

      """)
    try f.write("a-notice.txt", "notice-marker\n")
    try f.write("b-warning.txt", "warning-marker\n")
    try f.write("c-alert.txt", "alert-marker\n")
    let table = try CLI.run(
      "blastradius",
      [
        "scan", f.tree.path, "--format", "table", "--key-file", f.base.key.path, "--quiet", "--yara",
        f.rules.path, "--hunt-only",
      ],
      environment: ["XDG_CACHE_HOME": f.cache.path])
    #expect(table.status == 1)
    #expect(table.stdout.contains("Hunt: 1 alert, 1 warning, 1 notice"))
    let rows = table.stdout.split(separator: "\n").filter {
      $0.hasPrefix("alert") || $0.hasPrefix("warning") || $0.hasPrefix("notice")
    }
    #expect(rows.map { $0.split(separator: " ").first! } == ["alert", "warning", "notice"])
    #expect(rows.first?.contains("c-alert.txt") == true)

    // Warnings and notices alone do not make the exit status 1; an alert does.
    try FileManager.default.removeItem(atPath: f.tree.appendingPathComponent("c-alert.txt").path)
    let quiet = try f.scan(["--yara", f.rules.path, "--hunt-only"])
    #expect(quiet.status == 0)
    #expect(
      f.describe(quiet) == [
        "a-notice.txt [] yara Level_Notice notice", "b-warning.txt [] yara Level_Warning warning",
      ])
  }
}
