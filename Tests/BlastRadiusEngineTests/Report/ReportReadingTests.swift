import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport
@testable import BlastRadiusScan

/// Reading scan records back: the JSON parser and the decoding of each record kind.
struct JSONParserTests {
  @Test func parsesWhatTheScannerWrites() throws {
    let v = try JSONParser.parse(
      #"{"kind":"finding","within":["a \"b\"","c\\d"],"line":2,"x":-1.5e2,"ok":true,"none":null,"u":"\u00e9\ud83d\ude00\n"}"#
    )
    #expect(v["kind"]?.string == "finding")
    #expect(v["within"]?.array?.compactMap(\.string) == ["a \"b\"", "c\\d"])
    #expect(v["line"]?.int == 2)
    #expect(v["x"]?.double == -150)
    #expect(v["ok"]?.bool == true)
    #expect(v["none"] == .null)
    #expect(v["u"]?.string == "é😀\n")
    #expect(try JSONParser.parse(" [ ] ") == .array([]))
  }

  @Test func rejectsBrokenLines() {
    for bad in [
      #"{"kind":"finding""#, #"{"a":1,}"#, "[1 2]", #"{"a":tru}"#, #""abc"#, "{} x", #"{"a":"\q"}"#, "",
    ] {
      #expect(throws: JSONParser.Failure.self, "\(bad)") { try JSONParser.parse(bad) }
    }
  }

  @Test func decodesRecords() throws {
    let file = ScanRecord.decode(
      try JSONParser.parse(
        #"{"kind":"file","path":"a/b.csv","size":70,"mode":"0640","uid":1000,"gid":100,"world_readable":false,"findings":3}"#
      ), catalog: BuiltinDetectors.catalog)
    guard case .file(let facts)? = file else { Issue.record("not a file record"); return }
    #expect(facts.mode == 0o640 && facts.groupReadable && !facts.worldReadable && facts.owner == nil)
    let finding = ScanRecord.decode(
      try JSONParser.parse(
        #"{"kind":"finding","path":"p","within":[],"detector":"phi","category":"medical","offset":0,"masked":"","fingerprint":"ab","evidence":{"patient":3}}"#
      ), catalog: BuiltinDetectors.catalog)
    guard case .finding(let f)? = finding else { Issue.record("not a finding"); return }
    #expect(f.wholeItem && f.record == nil)
    let hunt = ScanRecord.decode(try JSONParser.parse(#"{"kind":"hunt"}"#), catalog: BuiltinDetectors.catalog)
    guard case .hunt? = hunt else {
      Issue.record("a hunt record is not read as one")
      return
    }
    #expect(
      ScanRecord.decode(try JSONParser.parse(#"{"kind":"later"}"#), catalog: BuiltinDetectors.catalog) == nil)
  }
}

/// Risk: the weights add up, people raise it slowly, and who can read the file multiplies it.
struct RiskScoreTests {
  @Test func exposureOrdersTheSameData() {
    func facts(_ mode: Int, owner: String? = "hr") -> FileFacts {
      FileFacts(path: "x", size: 1, mode: mode, uid: 1, gid: 1, owner: owner, findings: 1)
    }
    #expect(RiskScore.exposure(facts(0o600)) == 1)
    #expect(RiskScore.exposure(facts(0o640)) == 1.5)
    #expect(RiskScore.exposure(facts(0o644)) == 3)
    #expect(RiskScore.exposure(facts(0o600, owner: nil)) == 1.25)
    #expect(RiskScore.score(elementWeight: 11, people: 0, exposure: 1) == 11)
    #expect(RiskScore.score(elementWeight: 11, people: 1, exposure: 3) == 66)
    #expect(RiskScore.score(elementWeight: 11, people: 1023, exposure: 1) == 121)
    #expect(RiskScore.weight(detector: "github_token", category: "credential") == 7)
    #expect(RiskScore.weight(detector: "my_rule", category: "custom") == 2)
  }
}

/// Escaping in every output format.
struct TextFormatTests {
  @Test func escapes() {
    #expect(TextFormat.html(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    #expect(TextFormat.grouped(47123) == "47,123")
    #expect(TextFormat.grouped(999) == "999")
    #expect(TextFormat.grouped(1_000_000) == "1,000,000")
    #expect(TextFormat.csv("plain") == "plain")
    #expect(TextFormat.csv(#"a,"b""#) == #""a,""b""""#)
    #expect(TextFormat.csv("=cmd()") == "'=cmd()")
    #expect(TextFormat.uri("/srv/share/Q1 pay#1.csv") == "file:///srv/share/Q1%20pay%231.csv")
    #expect(TextFormat.uri("hr/é.csv") == "hr/%C3%A9.csv")
    #expect(TextFormat.middle("abcdefghij", 5) == "ab…ij")
  }
}
