import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport

struct HuntScoreTests {
  @Test func strongestEvidenceFirstWithHalvingWeights() {
    #expect(HuntScore.total([]) == 0)
    #expect(HuntScore.total([100]) == 100)
    #expect(HuntScore.total([75]) == 75)
    // 100 × (1 − 0.3 × 0.65) = 80.5
    #expect(HuntScore.total([70, 70]) == 81)
    // Order does not matter: sorted first. 100 × (1 − 0.5 × 0.75 × 0.875) = 67.19
    #expect(HuntScore.total([50, 50, 50]) == 67)
    #expect(HuntScore.total([40, 90]) == HuntScore.total([90, 40]))
    // Capped at 100, however much evidence.
    #expect(HuntScore.total(Array(repeating: 100, count: 10)) == 100)
    #expect(HuntScore.total([150]) == 100)
    // Known-good evidence lowers the total.
    #expect(HuntScore.total([100, -30]) == 70)
    #expect(HuntScore.total([-30]) == 0)
  }

  @Test func levels() {
    #expect(HuntScore.level(100) == .alert)
    #expect(HuntScore.level(80) == .alert)
    #expect(HuntScore.level(79) == .warning)
    #expect(HuntScore.level(60) == .warning)
    #expect(HuntScore.level(59) == .notice)
    #expect(HuntScore.level(0) == .notice)
    #expect([HuntLevel.notice, .alert, .warning].sorted() == [.alert, .warning, .notice])
  }
}

struct NetworkAddressTests {
  @Test func parsesAndNormalises() throws {
    func parsed(_ s: String) -> String {
      switch NetworkAddress.parse(s) {
      case .success(let (value, kind)): "\(kind.rawValue) \(value)"
      case .failure(let p): "\(p)"
      }
    }
    #expect(parsed("10.1.1.1") == "ipv4 10.1.1.1")
    #expect(parsed("10.1.1.1/32") == "ipv4 10.1.1.1")
    #expect(parsed("10.0.0.0/8") == "cidr")
    #expect(parsed("256.1.1.1") == "malformed")
    #expect(parsed("2001:DB8::1") == "ipv6 2001:db8::1")
    #expect(parsed("::ffff:10.1.1.1") == "ipv6 ::ffff:10.1.1.1")
    #expect(parsed("Evil.COM.") == "domain evil.com")
    #expect(parsed("*.evil.com") == "domain evil.com")
    #expect(parsed("localhost") == "malformed")
    #expect(parsed("HTTP://Evil.com/Gate.php") == "url http://evil.com/gate.php")
  }

  @Test func boundaries() {
    func found(_ text: String, _ indicator: String, _ kind: NetworkKind) -> [Int] {
      let bytes = Array(text.utf8)
      let needle = Array(indicator.utf8)
      guard bytes.count >= needle.count else { return [] }
      return bytes.withUnsafeBytes { raw in
        (0...(bytes.count - needle.count)).filter { start in
          bytes[start..<(start + needle.count)].map(ASCII.lower).elementsEqual(needle)
            && NetworkAddress.standsAlone(raw, start: start, end: start + needle.count, kind: kind)
        }
      }
    }
    #expect(found("10.1.1.1 110.1.1.12 10.1.1.123 10.1.1.1.", "10.1.1.1", .ipv4) == [0, 31])
    #expect(found("ip=10.1.1.1:80", "10.1.1.1", .ipv4) == [3])
    #expect(found("v1.10.1.1.1", "10.1.1.1", .ipv4) == [])
    #expect(
      found("sub.evil.com notevil.com evil.com.au evil.com. user@evil.com", "evil.com", .domain) == [
        4, 37, 52,
      ])
    #expect(found("my_evil.com evil.com-x", "evil.com", .domain) == [])
    #expect(found("[2001:db8::1] 2001:db8::10 2001:db8::1:5", "2001:db8::1", .ipv6) == [1])
    #expect(found("\"http://e.com/a\" http://e.com/ab http://e.com/a/b", "http://e.com/a", .url) == [1, 33])
  }
}

struct LokiIndicatorFileTests {
  @Test func hashLines() {
    var set = IndicatorSet()
    let text = """
      # Sony wiper
      D1C27EE7CE18675974EDF42D4EEA25C6;wiper (md5)
      b1d7f4c5a2f3e6d7c8b9a0e1f2d3c4b5a6978685;65;loader (sha1)
      0000000000000000000000000000000000000000000000000000000000000000
      1234;short
      """
    LokiIndicatorFile.parse(Array(text.utf8), kind: .hash, file: "hash-iocs.txt", into: &set)
    #expect(
      set.hashes.map { "\($0.kind) \($0.score) \($0.origin.line) \($0.origin.description ?? "-")" } == [
        "md5 100 2 wiper (md5)", "sha1 65 3 loader (sha1)", "sha256 100 4 Sony wiper",
      ])
    #expect(set.hashes[0].digest.first == 0xD1)
    #expect(set.warnings == ["--iocs: hash-iocs.txt:5: '1234' is not an MD5, SHA-1 or SHA-256 hash"])
  }

  @Test func filenameLinesAreTransformedForUnixPaths() {
    var set = IndicatorSet()
    let text = #"""
      \\Windows\\Temp\\[a-z]{8}\.exe;80;\\Windows\\Temp\\setup
      C:\\Users\\Public\\x\.dll;65
      igfxsvc\.exe
      bad;score
      """#
    LokiIndicatorFile.parse(Array(text.utf8), kind: .filename, file: "f.txt", into: &set)
    #expect(
      set.filenames.map(\.expression) == [
        #"/Windows/Temp/[a-z]{8}\.exe"#, #"/Users/Public/x\.dll"#, #"igfxsvc\.exe"#,
      ])
    #expect(set.filenames.map(\.falsePositive) == ["/Windows/Temp/setup", nil, nil])
    #expect(set.filenames.map(\.score) == [80, 65, IndicatorSet.filenameScore])
    #expect(set.warnings == ["--iocs: f.txt:4: score 'score' is not a number"])
  }

  @Test func networkLines() {
    var set = IndicatorSet()
    LokiIndicatorFile.parse(
      Array("10.1.1.1;90\nevil.com\n# note\nhttp://x.org/a;notes here\n10.0.0.0/8\n".utf8), kind: .network,
      file: "c2.txt", into: &set)
    #expect(
      set.network.map { "\($0.kind) \($0.value) \($0.score) \($0.origin.description ?? "-")" } == [
        "ipv4 10.1.1.1 90 -", "domain evil.com 75 -", "url http://x.org/a 75 notes here",
      ])
    #expect(set.warnings.count == 1)
  }

  @Test func fileKindsByName() {
    #expect(LokiIndicatorFile.kind(ofFileNamed: "hash-iocs.txt") == .hash)
    #expect(LokiIndicatorFile.kind(ofFileNamed: "filename-iocs.txt") == .filename)
    #expect(LokiIndicatorFile.kind(ofFileNamed: "c2-iocs.txt") == .network)
    #expect(LokiIndicatorFile.kind(ofFileNamed: "network.txt") == .network)
    #expect(LokiIndicatorFile.kind(ofFileNamed: "notes.txt") == nil)
  }
}

struct STIXPatternTests {
  func parsed(_ p: String) -> String {
    switch STIXPattern.parse(p) {
    case .success(let c): c.map { "\($0.path)=\($0.value)" }.joined(separator: " | ")
    case .failure(let e): "! " + e.message
    }
  }

  @Test func supportedForms() {
    #expect(parsed("[file:hashes.'SHA-256' = 'ab12']") == "file:hashes.SHA-256=ab12")
    #expect(
      parsed("[file:hashes.MD5 = 'ab' OR file:name = 'it\\'s.exe']")
        == "file:hashes.MD5=ab | file:name=it's.exe")
    #expect(
      parsed("([domain-name:value = 'a.com'] OR [url:value = 'http://a.com/x'])")
        == "domain-name:value=a.com | url:value=http://a.com/x")
    #expect(STIXPattern.hashKind("file:hashes.'SHA-1'") == .sha1)
    #expect(STIXPattern.hashKind("file:hashes.SHA256") == .sha256)
  }

  @Test func unsupportedFormsSayWhy() {
    #expect(parsed("[process:name = 'x']") == "! process:name is not supported")
    #expect(parsed("[file:name = 'a' AND file:size = 3]") == "! AND inside an observation is not supported")
    #expect(
      parsed("[file:name = 'a'] AND [file:name = 'b']") == "! AND between observations is not supported")
    #expect(
      parsed("[file:name = 'a'] FOLLOWEDBY [file:name = 'b']")
        == "! FOLLOWEDBY between observations is not supported")
    #expect(parsed("[file:name MATCHES '^a']") == "! only '=' comparisons are supported")
    #expect(parsed("[file:name = 'a'] REPEATS 5 TIMES") == "! REPEATS between observations is not supported")
    #expect(parsed("[file:name = 'a'") == "! unterminated observation")
  }
}

/// The JSON reader as indicator files use it: values with their lines, a byte-order mark.
struct JSONLinesTests {
  @Test func valuesWithLines() throws {
    let text = "\u{FEFF}{\n  \"a\": [1, true, null],\n  \"b\": \"x\\u00e9\\n\",\n  \"c\": {\"d\": -2.5e1}\n}"
    let root = try JSONParser.parse(text, lines: true)
    #expect(root.line == 1)
    #expect(root["a"]?.line == 2)
    #expect(root["a"]?.array?.count == 3)
    #expect(root["a"]?.array?[1].bool == true)
    #expect(root["b"]?.string == "xé\n")
    #expect(root["c"]?.line == 4)
    #expect(root["c"]?["d"]?.double == -25)
    #expect(try JSONParser.parse(text) == JSONParser.parse(text, lines: true).bare.stripped)
    let failure = #expect(throws: JSONParser.Failure.self) {
      try JSONParser.parse("{\"a\":\n }", lines: true)
    }
    #expect(failure?.line == 2)
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("[1] x") }
  }

  /// Lone and reversed surrogate escapes become U+FFFD, never a crash.
  @Test func loneSurrogates() throws {
    #expect(try JSONParser.parse(#""\uD800\uD800""#).string == "\u{FFFD}\u{FFFD}")
    #expect(try JSONParser.parse(#""\uDC00x""#).string == "\u{FFFD}x")
    #expect(try JSONParser.parse(#""\uD83D\uDE00""#).string == "\u{1F600}")
  }
}

extension JSONValue {
  /// The value with every line removed, at every depth.
  var stripped: JSONValue {
    switch bare {
    case .array(let a): .array(a.map(\.stripped))
    case .object(let o): .object(o.mapValues(\.stripped))
    case let v: v
    }
  }
}

struct YaraSourceScannerTests {
  @Test func ruleLinesMD5UseAndIncludes() {
    let text = """
      import "hash"
      // rule Commented { condition: md5 == "x" }
      private rule Helper { condition: true }
      rule A : tag1 {
        meta:
          md5 = "not a condition"
          note = "rule Fake {"
        strings:
          $h = { 4D 5A [2-4] }
          $r = /md5|rule X/
        condition:
          hash.md5(0, filesize) == "x" and $h and $r and #h > 0
      }
      rule B { condition: md5 == "44d88612fea8a8f36de82e1278abb02f" }
      """
    let s = YaraSourceScanner(Array(text.utf8))
    #expect(s.ruleLines == ["Helper": 3, "A": 4, "B": 14])
    #expect(s.usesMD5)
    #expect(!s.hasIncludes)
    #expect(
      !YaraSourceScanner(Array("rule A { meta: md5 = \"x\" condition: hash.md5(0, 1) == \"x\" }".utf8))
        .usesMD5)
    #expect(YaraSourceScanner(Array("include \"other.yar\"\nrule A { condition: true }".utf8)).hasIncludes)
  }
}

struct FilenameMatcherTests {
  @Test func falsePositivesAndRefusedExpressions() throws {
    var set = IndicatorSet()
    let text = #"""
      \\tools\\nc\.exe;70;\\Program Files\\
      (a)\1;50
      \.ps1$;40
      """#
    LokiIndicatorFile.parse(Array(text.utf8), kind: .filename, file: "f.txt", into: &set)
    var warnings: [String] = []
    let matcher = try #require(FilenameMatcher.build(set.filenames, warnings: &warnings))
    #expect(warnings.count == 1 && warnings[0].contains("'(a)\\1'"))
    let scratch = try matcher.makeScratch()
    #expect(matcher.matches("/share/TOOLS/NC.EXE", scratch: scratch) == [0])
    #expect(matcher.matches("/share/Program Files/tools/nc.exe", scratch: scratch) == [])
    #expect(matcher.matches("/share/x.ps1", scratch: scratch) == [2])
    #expect(matcher.matches("/share/x.ps1.txt", scratch: scratch) == [])
  }
}

struct HuntWorkerPathTests {
  @Test func logicalPathOfMembersAndAttachments() {
    #expect(HuntWorker.logicalPath(ItemPlace(path: "/s/a.zip", within: ["x/y.exe"])) == "/s/a.zip/x/y.exe")
    #expect(
      HuntWorker.logicalPath(ItemPlace(path: "/s/m.eml", within: ["attachment: e.com"])) == "/s/m.eml/e.com")
    #expect(FileType.of([0x4D, 0x5A, 0x90]) == "EXE")
    #expect(FileType.of(Array("hello".utf8)) == "UNKNOWN")
  }
}
