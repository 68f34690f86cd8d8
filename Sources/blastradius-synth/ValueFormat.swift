/// The ways real files write the same identifier; the scanner must find each of them, so the sample uses them all.
enum ValueFormat {
  /// `123-45-6789` from nine digits.
  static func dashedSSN(_ digits: String) -> String {
    grouped(digits, sizes: [3, 2, 4], separator: "-")
  }

  /// Cards in the groups printed on them: 4-4-4-4, or 4-6-5 for 15-digit Amex.
  static func card(_ digits: String, separator: String) -> String {
    let sizes = digits.count == 15 ? [4, 6, 5] : [4, 4, 4, 4]
    return grouped(digits, sizes: sizes, separator: separator)
  }

  enum PhoneStyle: CaseIterable {
    /// `(212) 555-0147`
    case parenthesized
    /// `212-555-0147`
    case dashed
  }

  static func phone(_ digits: String, style: PhoneStyle) -> String {
    let parts = split(digits, sizes: [3, 3, 4])
    switch style {
    case .parenthesized: return "(\(parts[0])) \(parts[1])-\(parts[2])"
    case .dashed: return parts.joined(separator: "-")
    }
  }

  /// IBANs as printed: groups of four separated by spaces.
  static func spacedIBAN(_ compact: String) -> String {
    var sizes = Array(repeating: 4, count: compact.count / 4)
    if compact.count % 4 != 0 { sizes.append(compact.count % 4) }
    return grouped(compact, sizes: sizes, separator: " ")
  }

  private static func grouped(_ text: String, sizes: [Int], separator: String) -> String {
    split(text, sizes: sizes).joined(separator: separator)
  }

  private static func split(_ text: String, sizes: [Int]) -> [String] {
    var parts: [String] = []
    var rest = Substring(text)
    for size in sizes {
      parts.append(String(rest.prefix(size)))
      rest = rest.dropFirst(size)
    }
    return parts
  }
}

/// Zero-padded decimal of fixed width.
func digits(_ value: Int, _ width: Int) -> String {
  let text = String(value)
  return String(repeating: "0", count: max(0, width - text.count)) + text
}
