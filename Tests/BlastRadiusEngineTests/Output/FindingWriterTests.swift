import Testing
@testable import BlastRadiusBase

/// The compact path writes what the `Finding` path writes, byte for byte: the batch writer
/// against `RecordFormatter` over the same findings, the mask rules' bytes against their
/// strings, the fingerprint memo against the HMAC.
struct FindingWriterTests {
  static let names = DetectorNames(
    ids: ["us_ssn", "email_address", "odd\"id"], categories: ["national_id", "contact", "we\\ird"])

  /// A batch of findings at `place`, each with its masked text and optional value.
  static func batch(_ place: ItemPlace, _ rows: [(detector: Int, masked: String, value: String?)])
    -> FindingBatch
  {
    var batch = FindingBatch(place: place, names: names)
    for (i, row) in rows.enumerated() {
      let masked = CompactFinding.Span(start: batch.text.count, count: row.masked.utf8.count)
      batch.text += Array(row.masked.utf8)
      var value: CompactFinding.Span?
      if let v = row.value {
        value = CompactFinding.Span(start: batch.text.count, count: v.utf8.count)
        batch.text += Array(v.utf8)
      }
      var reasons: Reasons = [.check(.ssnRules)]
      if i % 2 == 1 { reasons = [.issuer(.visa), .label(.ssn), .notColumn(.phone), .check(.luhn)] }
      if i % 3 == 2 { reasons = [] }
      batch.findings.append(
        CompactFinding(
          detector: row.detector, confidence: Confidence.allCases[i % 3], reasons: reasons,
          line: [1, 9, 10, 99_999, 1_000_000][i % 5], column: [1, 26, 27, 702, 703, 18_278][i % 6],
          offset: i * 1_234_567, record: i % 4 == 0 ? nil : i * 17,
          fingerprint: Fingerprint(
            word0: UInt64(i) &* 0x0123_4567_89AB_CDEF, word1: .max, word2: 0, word3: UInt64(i)),
          masked: masked, value: value))
    }
    return batch
  }

  static let rows: [(detector: Int, masked: String, value: String?)] = [
    (0, "***-**-6789", nil),
    (1, "j***@example.com", "jane@example.com"),
    (2, "a\"b\\c\nd\u{1}\u{7F}é", "tab\there\r\"q\""),
    (0, "", ""),
    (1, "ü***@bücher.de", nil),
    (2, "x", "naïve ✓"),
  ]

  @Test(arguments: [
    ItemPlace(path: "/share/hr/roster.csv"),
    ItemPlace(path: "/share/odd \"name\"\\x.txt", within: ["a.zip", "b/c \"d\".xlsx"]),
    ItemPlace(path: RawPath.decode([0x2F, 0x74, 0xFF, 0x2E, 0x74, 0x78, 0x74])),
    ItemPlace(path: "/share/pay.xlsx", within: ["pay.xlsx"]).with(sheet: "Q1 \"all\""),
    ItemPlace(path: "/share/report.pdf").with(page: 12),
    ItemPlace(path: "/share/both.bin").with(sheet: "S", page: 3),
  ])
  func writerMatchesRecordFormatter(place: ItemPlace) {
    let batch = Self.batch(place, Self.rows)
    var writer = FindingWriter(capacity: 64)  // grows while writing
    writer.append(batch)
    var json = JSONBuilder()
    for f in batch.materialized { RecordFormatter.append(f, to: &json) }
    let written = Array(writer.buffer.bytes)
    #expect(written.count > 6 * 200)
    #expect(String(decoding: written, as: UTF8.self) == String(decoding: json.bytes, as: UTF8.self))
    #expect(written == json.bytes)
  }

  /// Every optional field at its longest: the writer reserves once per record and then writes
  /// unchecked, so its bound must hold for the widest numbers and fully escaped text.
  @Test func widestRecordIsWrittenWhole() {
    var batch = FindingBatch(
      place: ItemPlace(path: "/w.xlsx").with(sheet: "S", page: .max), names: Self.names)
    let control = [UInt8](repeating: 0x01, count: 300)
    batch.text = control + control
    batch.findings.append(
      CompactFinding(
        detector: 2, confidence: .high,
        reasons: [
          .check(.luhn), .issuer(.visa), .label(.ssn), .column(.ssn),
          .notLabel(.invoice), .notColumn(.order), .ocr, .check(.entropy),
        ],
        line: .max, column: .max, offset: .min, record: .max,
        fingerprint: Fingerprint(word0: .max, word1: .max, word2: .max, word3: .max),
        masked: CompactFinding.Span(start: 0, count: 300), value: CompactFinding.Span(start: 300, count: 300))
    )
    var writer = FindingWriter(capacity: 64)
    writer.append(batch)
    var json = JSONBuilder()
    for f in batch.materialized { RecordFormatter.append(f, to: &json) }
    #expect(Array(writer.buffer.bytes) == json.bytes)
  }

  @Test func materializedFindingsCarryTheSheetCellsAndRecords() {
    let place = ItemPlace(path: "/p.xlsx").with(sheet: "S")
    let found = Self.batch(place, Self.rows).materialized
    #expect(found.map(\.cell) == ["A1", "Z9", "AA10", "ZZ99999", "AAA1000000", "ZZZ1"])
    #expect(found.map(\.row) == [1, 9, 10, 99_999, 1_000_000, 1])
    #expect(found.map(\.record) == [nil, 17, 34, 51, nil, 85])
    #expect(found.map(\.value) == [nil, "jane@example.com", "tab\there\r\"q\"", "", nil, "naïve ✓"])
    #expect(
      found.map(\.detector) == ["us_ssn", "email_address", "odd\"id", "us_ssn", "email_address", "odd\"id"])
  }

  @Test func maskRulesWriteTheirStringsBytes() {
    let values: [[UInt8]] = [
      Array("123-45-6789".utf8), Array("4111 1111 1111 1111".utf8), Array("jane.doe@example.com".utf8),
      Array("DE89 3704 0044 0532 0130 00".utf8), Array("ü@bücher.de".utf8), Array("@x.de".utf8),
      [0x61, 0x40, 0x62, 0xFF, 0x2E, 0x64, 0x65], [0xC3, 0xA9, 0x31, 0x32], [], Array("ab".utf8),
    ]
    let rules: [MaskRule] = [
      .keepLast4, .keep(first: 2, last: 4), .keep(first: 2, last: 2), .email, .custom(Masker.hidden),
    ]
    for rule in rules {
      for value in values {
        var out: [UInt8] = [0x21]
        value.withUnsafeBytes { rule.write($0, to: &out) }
        #expect(out == [0x21] + Array(rule(value).utf8), "\(value)")
      }
    }
    // Random bytes of every kind (letters, digits, punctuation, UTF-8) through the rules that
    // keep only the last letters or digits, including fewer of them than the rule keeps.
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("aZ09-. (@".utf8) + [0x80, 0xC3, 0xFF]
    for _ in 0..<2_000 {
      let value = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
        alphabet.randomElement(using: &generator)!
      }
      for rule in [MaskRule.keepLast4, .keep(first: 0, last: 0), .keep(first: 0, last: 2)] {
        var out: [UInt8] = [0x21]
        value.withUnsafeBytes { rule.write($0, to: &out) }
        #expect(out == [0x21] + Array(rule(value).utf8), "\(value)")
      }
    }
    // Malformed UTF-8 in a domain is repaired, as `String` repairs it.
    var out: [UInt8] = []
    let malformed: [UInt8] = [0x61, 0x40, 0x62, 0xFF, 0x2E, 0x64, 0x65]
    malformed.withUnsafeBytes { MaskRule.email.write($0, to: &out) }
    #expect(String(decoding: out, as: UTF8.self) == "a***@b\u{FFFD}.de")
  }

  /// Reasons are stored by code (kind and case index): `LabelClass.index` must be the case's
  /// place in `allCases`, and every reason must come back from its code.
  @Test func reasonCodesRoundTrip() {
    for (i, label) in LabelClass.allCases.enumerated() {
      #expect(label.index == i, "\(label)")
      #expect(label.bit == 1 << UInt64(i))
    }
    var all: [Reason] = [.ocr]
    all += Reason.Check.allCases.map { .check($0) } + CardBrand.allCases.map { .issuer($0) }
    for label in LabelClass.allCases {
      all += [.label(label), .column(label), .notLabel(label), .notColumn(label)]
    }
    for reason in all {
      #expect(Reason(code: reason.code) == reason)
      // The writer keeps a reasons text in a slot: eight of the longest must fit one.
      var json = JSONBuilder()
      json.reasons(Reasons(reason))
      #expect(8 * json.bytes.count <= FindingWriter.reasonsSlotSize, "\(reason)")
      let packed = Reasons(reason)
      #expect(Array(packed) == [reason])
      #expect(packed.contains(reason))
    }
    var eight = Reasons()
    for reason in all { eight.append(reason) }
    #expect(eight.count == 8 && Array(eight) == Array(all.prefix(8)))
  }

  @Test func memoGivesTheHMACAndSaysWhatIsNew() {
    let key = Array(repeating: UInt8(1), count: 32)
    let memo = FingerprintMemo(key: key)
    let plain = Fingerprinter(key: key)
    let long = String(repeating: "x", count: FingerprintMemo.longestKey + 1)
    // Far more values than slots: evicted values come back as new, always with the right HMAC.
    let values = (0..<20_000).map { "user\($0)@example.com" } + ["", "123456789", long]
    for round in 0..<2 {
      for (i, v) in values.enumerated() {
        let (fp, fresh) = memo.fingerprint(v, detector: 1)
        #expect(fp == plain.fingerprint(v))
        if round == 0 { #expect(fresh, "\(v)") }
        if v == long { #expect(fresh) }
        // Seen again right away: remembered, unless too long to keep.
        let again = memo.fingerprint(v, detector: 1)
        #expect(again.0 == fp && again.fresh == (v == long), "\(i)")
      }
    }
    // The same value for another detector is new to that detector's count.
    #expect(memo.fingerprint("123456789", detector: 2).fresh)
    #expect(memo.fingerprint("123456789", detector: 2).0 == plain.fingerprint("123456789"))
    #expect(memo.fingerprint("123456789", detector: 2).fresh == false)
    #expect(memo.fingerprint("", detector: 0).0.hex == plain.fingerprint("").hex)
  }

  /// Requests give what `fingerprint` would, whichever way they are served: from the memo, hashed
  /// two at a time, the waiting value asked for again, a value too long to keep, the last one
  /// hashed alone by `drain`, and a direct `fingerprint` between requests.
  @Test func requestsAreServedInPairsWithTheRightResults() {
    let key = Array(repeating: UInt8(3), count: 32)
    let memo = FingerprintMemo(key: key)
    let plain = Fingerprinter(key: key)
    let long = String(repeating: "y", count: FingerprintMemo.longestKey + 9)
    let requests: [(String, Int, fresh: Bool)] = [
      ("a@example.com", 1, true), ("a@example.com", 1, false),  // the waiting value again
      ("b@example.com", 1, true), ("c@example.com", 1, true),  // a pair
      ("b@example.com", 1, false), ("b@example.com", 2, true),  // from the memo; another detector
      (long, 1, true), (long, 1, true), (long, 1, false),  // not kept; then waiting again
      ("", 1, true), ("d@example.com", 1, true),
      ("c@example.com", 1, false), ("e@example.com", 1, true),  // left waiting for drain
    ]
    memo.reserve(requests.count)
    for (i, (value, detector, _)) in requests.enumerated() {
      var text = value
      text.withUTF8 { memo.request(UnsafeRawBufferPointer($0), detector: detector, index: i) }
    }
    memo.drain()
    for (i, (value, _, fresh)) in requests.enumerated() {
      #expect(memo.results[i].0 == plain.fingerprint(value), "\(i)")
      #expect(memo.results[i].fresh == fresh, "\(i)")
    }
    // A direct lookup hashes a waiting request first, so the two agree on which one is new.
    memo.reserve(1)
    var f = "f@example.com"
    f.withUTF8 { memo.request(UnsafeRawBufferPointer($0), detector: 1, index: 0) }
    #expect(memo.fingerprint("f@example.com", detector: 1) == (plain.fingerprint("f@example.com"), false))
    #expect(memo.results[0] == (plain.fingerprint("f@example.com"), true))
  }

  /// A detector whose values the memo rarely has passes it by for a while (its values are then
  /// all fresh, with the right HMAC), then probes it again; another detector keeps using it.
  @Test func aDetectorThatRarelyHitsPassesTheMemoByForAWhile() {
    let key = Array(repeating: UInt8(5), count: 32)
    let memo = FingerprintMemo(key: key)
    let plain = Fingerprinter(key: key)
    let probes = Int(FingerprintMemo.probeRun)
    let skips = Int(FingerprintMemo.skipRun)
    var requests: [(String, Int)] = (0..<probes).map { ("\($0)@distinct.example", 1) }
    // Passed by: a value seen four requests before is fresh again; detector 2 still hits.
    let passedBy = requests.count
    requests += [
      ("again@example.com", 1), ("k@example.com", 2), ("other@example.com", 1), ("k@example.com", 2),
      ("again@example.com", 1),
    ]
    // The rest of the run passed by, then the memo is probed again and remembers.
    requests += (0..<(skips - 3)).map { ("\($0)@filler.example", 1) }
    let probedAgain = requests.count
    requests += [("back@example.com", 1), ("between@example.com", 1), ("back@example.com", 1)]
    memo.reserve(requests.count)
    for (i, (value, detector)) in requests.enumerated() {
      var text = value
      text.withUTF8 { memo.request(UnsafeRawBufferPointer($0), detector: detector, index: i) }
    }
    memo.drain()
    let checked = Array(0..<8) + Array(probes - 4..<passedBy + 5) + Array(probedAgain - 2..<requests.count)
    for i in checked { #expect(memo.results[i].0 == plain.fingerprint(requests[i].0), "\(i)") }
    let fresh = (passedBy..<passedBy + 5).map { memo.results[$0].fresh }
    #expect(fresh == [true, true, true, false, true])
    #expect((probedAgain..<requests.count).map { memo.results[$0].fresh } == [true, true, false])
  }
}
