/// Generates one benchmark file line by line straight into the block writer. Several decisions share one 64-bit draw
/// where they can: the random generator is the largest cost left per word.
struct BenchFileGenerator {
  let out: ByteBlockWriter
  let vocabulary: BenchVocabulary
  var rng: SplitMix64
  let target: Int
  let plantEvery: Int
  private var nextPlant: Int
  private(set) var plantedSSN = 0
  private(set) var csvRows = 0

  private static let powersOfTen = (0...18).map { exponent in
    (0..<exponent).reduce(1) { value, _ in value * 10 }
  }

  init(out: ByteBlockWriter, vocabulary: BenchVocabulary, rng: SplitMix64, target: Int, plantEvery: Int) {
    self.out = out
    self.vocabulary = vocabulary
    self.rng = rng
    self.target = target
    self.plantEvery = plantEvery
    // A uniform first offset keeps the expected count at size / plantEvery even for files a few spacings long.
    nextPlant = 0
    nextPlant = self.rng.below(plantEvery)
  }

  /// Between half and one and a half spacings, so plants are not on a grid but average one per `plantEvery`.
  private mutating func nextPlantGap() -> Int {
    plantEvery / 2 + rng.below(plantEvery)
  }

  private mutating func plantIsDue() -> Bool {
    guard out.fileBytes >= nextPlant else { return false }
    nextPlant = out.fileBytes + nextPlantGap()
    plantedSSN += 1
    return true
  }

  private mutating func appendSSN() {
    let (area, group, serial) = FakeDataFactory.randomSSN(using: &rng)
    out.appendDigits(area, width: 3)
    out.append(UInt8(ascii: "-"))
    out.appendDigits(group, width: 2)
    out.append(UInt8(ascii: "-"))
    out.appendDigits(serial, width: 4)
  }

  /// A number of exactly `width` digits, never starting with 0.
  private mutating func appendNumber(width: Int) {
    let low = Self.powersOfTen[width - 1]
    out.appendDigits(low + rng.below(low * 9), width: width)
  }

  /// Picks an index below `count` from the low 32 bits of `bits`.
  @inline(__always)
  private func index(_ bits: UInt64, below count: Int) -> Int {
    Int(truncatingIfNeeded: ((bits & 0xFFFF_FFFF) &* UInt64(count)) >> 32)
  }

  @inline(__always)
  private func index(_ bits: UInt64, in table: ByteTable) -> Int {
    index(bits, below: table.count)
  }

  // MARK: Prose

  mutating func writeProse() throws {
    while out.fileBytes < target {
      var column = 0
      for _ in 0..<rng.int(in: 3...7) {
        let words = rng.int(in: 6...18)
        for word in 0..<words {
          let bits = rng.next()
          let table = bits & (1 << 40) == 0 ? vocabulary.commonWords : vocabulary.contentWords
          let entry = index(bits, in: table)
          out.append(table, entry)
          let length = table.length(entry)
          column += length + 1
          if word == 0 { out.capitalize(back: length) }
          if word == words - 1 {
            out.append(UInt8(ascii: "."))
            column += 1
          } else if bits >> 60 == 0 {
            out.append(UInt8(ascii: ","))
            column += 1
          }
          if column >= 72 {
            out.append(UInt8(ascii: "\n"))
            column = 0
          } else {
            out.append(UInt8(ascii: " "))
          }
        }
      }
      if column > 0 { out.replaceLast(with: UInt8(ascii: "\n")) }
      out.append(UInt8(ascii: "\n"))
      if plantIsDue() {
        out.append("Employee SSN: ")
        appendSSN()
        out.append("\n\n")
      }
      try out.flushIfFull()
    }
  }

  // MARK: Logs

  /// `2024-03-14T08:15:02.331Z INFO svc=auth req=483920175 user=48213377 ip=10.4.77.190 "GET /api/v2/orders/5531"
  /// status=200 latency=12ms bytes=5123`: nine-digit request ids and 7–10-digit user ids are the decoys.
  mutating func writeLog(start: CivilDate) throws {
    var clock = LogClock(start: start, millisecondOfDay: rng.below(86_400_000))
    while out.fileBytes < target {
      clock.advance(milliseconds: rng.below(40))
      clock.write(to: out)
      out.append(UInt8(ascii: " "))
      if plantIsDue() {
        out.append("WARN svc=hr req=")
        appendNumber(width: 9)
        out.append(" msg=\"Employee SSN: ")
        appendSSN()
        out.append(" found in upload\"\n")
        try out.flushIfFull()
        continue
      }
      var bits = rng.next()
      out.append(vocabulary.logLevels, index(bits, in: vocabulary.logLevels))
      out.append(" svc=")
      bits >>= 32
      out.append(vocabulary.services, index(bits, in: vocabulary.services))
      out.append(" req=")
      appendNumber(width: 9)
      out.append(" user=")
      appendNumber(width: 7 + rng.below(4))
      out.append(" ip=")
      bits = rng.next()
      out.appendNumber(Int(bits & 0xFF) % 2 == 0 ? 10 : 172)
      out.append(UInt8(ascii: "."))
      out.appendNumber(Int((bits >> 8) & 0xFF))
      out.append(UInt8(ascii: "."))
      out.appendNumber(Int((bits >> 16) & 0xFF))
      out.append(UInt8(ascii: "."))
      out.appendNumber(Int((bits >> 24) & 0xFF))
      out.append(" \"")
      bits = rng.next()
      out.append(vocabulary.methods, index(bits, in: vocabulary.methods))
      out.append(" /api/v2/")
      out.append(vocabulary.resources, index(bits >> 32, in: vocabulary.resources))
      out.append(UInt8(ascii: "/"))
      out.appendNumber(rng.below(10_000_000))
      out.append("\" status=")
      out.appendNumber(vocabulary.statuses[rng.below(vocabulary.statuses.count)])
      out.append(" latency=")
      out.appendNumber(1 + rng.below(900))
      out.append("ms bytes=")
      out.appendNumber(rng.below(200_000))
      out.append(UInt8(ascii: "\n"))
      try out.flushIfFull()
    }
  }

  // MARK: CSV

  /// `name,phone,email,city` rows: every row holds a valid phone number and an email address.
  /// Contact rows; `wide` ones end in a zip code and an amount instead of a city (issue 20's CRM export).
  mutating func writeCSV(wide: Bool = false) throws {
    out.append(wide ? "name,phone,email,zip,amount\n" : "name,phone,email,city\n")
    while out.fileBytes < target {
      var bits = rng.next()
      let first = index(bits, in: vocabulary.firstNames)
      let last = index(bits >> 32, in: vocabulary.lastNames)
      out.append(vocabulary.firstNames, first)
      out.append(UInt8(ascii: " "))
      out.append(vocabulary.lastNames, last)
      out.append(UInt8(ascii: ","))

      bits = rng.next()
      let area = vocabulary.areaCodes[index(bits, below: vocabulary.areaCodes.count)]
      var exchange = 200 + Int((bits >> 32) & 0xFFFF) % 800
      if exchange % 100 == 11 { exchange += 1 }
      let line = Int(bits >> 48) % 10_000
      if bits & (1 << 31) == 0 {
        out.append(UInt8(ascii: "("))
        out.appendDigits(area, width: 3)
        out.append(") ")
      } else {
        out.appendDigits(area, width: 3)
        out.append(UInt8(ascii: "-"))
      }
      out.appendDigits(exchange, width: 3)
      out.append(UInt8(ascii: "-"))
      out.appendDigits(line, width: 4)
      out.append(UInt8(ascii: ","))

      bits = rng.next()
      switch bits % 3 {
      case 0:
        out.append(vocabulary.firstNamesLower, first)
        out.append(UInt8(ascii: "."))
        out.append(vocabulary.lastNamesLower, last)
      case 1:
        out.append(vocabulary.firstNamesLower.firstByte(first))
        out.append(vocabulary.lastNamesLower, last)
        out.appendNumber(Int((bits >> 8) % 100))
      default:
        out.append(vocabulary.firstNamesLower, first)
        out.append(UInt8(ascii: "_"))
        out.append(vocabulary.lastNamesLower, last)
        out.appendNumber(Int((bits >> 8) % 1000))
      }
      out.append(UInt8(ascii: "@"))
      out.append(vocabulary.emailDomains, index(bits >> 20, in: vocabulary.emailDomains))
      out.append(UInt8(ascii: ","))
      if wide {
        bits = rng.next()
        out.appendDigits(Int(bits % 100_000), width: 5)
        out.append(UInt8(ascii: ","))
        out.appendNumber(Int((bits >> 20) % 100_000))
        out.append(UInt8(ascii: "."))
        out.appendDigits(Int((bits >> 40) % 100), width: 2)
      } else {
        out.append(vocabulary.cities, index(rng.next(), in: vocabulary.cities))
      }
      out.append(UInt8(ascii: "\n"))
      csvRows += 1
      try out.flushIfFull()
    }
  }
}
