/// Office prose for the document corpus: sentences drawn from `NameBank`'s words, sentences that carry one labelled
/// SSN, and decoy sentences whose numbers (invoices, phones, amounts, years) must not read as SSNs.
///
/// Every planted SSN stands right after an `SSN:` label, so it is reported whatever words surround it: a label
/// naming something else (`account`, `invoice`) further back on the line cannot lower it.
enum DocumentProse {
  static func word(_ rng: inout SplitMix64) -> String {
    let table = rng.percent(50) ? NameBank.commonWords : NameBank.contentWords
    return rng.pick(table)
  }

  /// 6–18 words, capitalized, an occasional comma, a full stop.
  static func sentence(_ rng: inout SplitMix64) -> String {
    let count = rng.int(in: 6...18)
    var words: [String] = []
    words.reserveCapacity(count)
    for index in 0..<count {
      var next = word(&rng)
      if index == 0 { next = next.prefix(1).uppercased() + next.dropFirst() }
      if index < count - 1, index > 1, rng.percent(8) { next += "," }
      words.append(next)
    }
    return words.joined(separator: " ") + "."
  }

  static func paragraph(_ rng: inout SplitMix64, sentences: ClosedRange<Int> = 3...7) -> String {
    (0..<rng.int(in: sentences)).map { _ in sentence(&rng) }.joined(separator: " ")
  }

  /// A sentence with `ssn` (already formatted, dashed or bare) right after an `SSN:` label.
  static func plantedSentence(name: String, ssn: String, _ rng: inout SplitMix64) -> String {
    switch rng.below(4) {
    case 0: return "Employee SSN: \(ssn) belongs to \(name) in \(rng.pick(NameBank.departments))."
    case 1: return "The file for \(name) (SSN: \(ssn)) was updated by payroll."
    case 2: return "Please verify SSN: \(ssn) for \(name) before the next run."
    default: return "\(name), SSN: \(ssn), asked for a copy of the record."
    }
  }

  /// A sentence with numbers that are not SSNs: a nine-digit invoice number, a phone number, an amount, a date.
  static func decoySentence(_ rng: inout SplitMix64) -> String {
    switch rng.below(4) {
    case 0:
      return "Invoice \(rng.int(in: 100_000_000...999_999_999)) was approved on \(date(&rng).longForm)."
    case 1:
      let phone =
        "\(rng.pick(NameBank.areaCodes))" + digits(rng.int(in: 200...999), 3) + digits(rng.below(10_000), 4)
      return "Questions can go to the help desk at \(ValueFormat.phone(phone, style: .dashed))."
    case 2:
      let amount = rng.int(in: 10...9_999) * 100
      return
        "The \(rng.pick(NameBank.departments)) budget was $\(grouped(amount)) for fiscal year \(rng.int(in: 2015...2025))."
    default:
      return "Retention for \(rng.int(in: 2...900)) records ends on \(date(&rng).iso)."
    }
  }

  /// A date in 2015–2025, for letters, reports and decoys.
  static func date(_ rng: inout SplitMix64) -> CivilDate {
    let year = rng.int(in: 2015...2025)
    let month = rng.int(in: 1...12)
    return CivilDate(year: year, month: month, day: rng.int(in: 1...CivilDate.daysInMonth(month, year: year)))
  }

  /// `1234500` as `1,234,500`.
  static func grouped(_ value: Int) -> String {
    var text = String(value)
    var index = text.count - 3
    while index > 0 {
      text.insert(",", at: text.index(text.startIndex, offsetBy: index))
      index -= 3
    }
    return text
  }

  /// Greedy word wrap to lines of at most `width` characters (a longer word gets a line of its own).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
