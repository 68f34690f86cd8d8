import BlastRadiusBase

/// Where the record around a finding lies, and who it names: the unit in which a name is linked
/// to the identifiers next to it (a delimited row, a spreadsheet row, or a short paragraph of
/// labelled lines in text and mail).
///
/// The scanner only marks records and reads names; linking people across records and files is
/// the report's job (`PeopleIndex`), which groups findings by their `record`.
package enum PersonRecord {
  /// The detector names are reported under: only in records that hold a personal identifier.
  package static let nameSpec = DetectorSpec(
    id: "person_name", category: "personal",
    summary:
      "A person's name in a record that holds their identifiers: a name, first/last name column, or a Name:/Employee:/Patient:/Dear label; links the record's data to one person in the report.",
    example: "J. R.",
    validate: { _ in nil },
    mask: .custom(mask))

  /// Categories whose values belong to a person, and the credential that does (a password,
  /// with the login next to it).
  static let linkableCategories: Set<String> = ["national_id", "financial", "contact", "personal", "medical"]

  static func isLinkable(_ spec: DetectorSpec) -> Bool {
    spec.documentClass == nil && spec.id != nameSpec.id
      && (linkableCategories.contains(spec.category) || spec.id == "password")
  }

  /// A paragraph longer than this many lines is not one record: each of its lines is.
  static let maxParagraphLines = 12
  /// How far a paragraph record may reach on either side of a finding.
  static let reach = 2048

  /// The record holding `position`: its line in delimited data, else the paragraph (blank-line
  /// bounded, at most `maxParagraphLines` lines) or, in longer blocks, the line.
  package static func bounds(of position: Int, in buffer: UnsafeRawBufferPointer, delimited: Bool) -> Range<
    Int
  > {
    let line = lineBounds(of: position, in: buffer)
    if delimited { return line }
    var start = line.lowerBound
    var lines = 1
    while start > 0, line.lowerBound - start < reach, lines <= maxParagraphLines {
      // start is a line start; look at the previous line
      let previous = lineBounds(of: start - 1, in: buffer)
      if isBlank(previous, buffer) { break }
      start = previous.lowerBound
      lines += 1
    }
    var end = line.upperBound
    while end < buffer.count, end - line.upperBound < reach, lines <= maxParagraphLines {
      let next = lineBounds(of: end + 1 < buffer.count ? end + 1 : end, in: buffer)
      if next.lowerBound <= end || isBlank(next, buffer) { break }
      end = next.upperBound
      lines += 1
    }
    return lines > maxParagraphLines ? line : start..<end
  }

  /// The line around `position`, without its newline.
  package static func lineBounds(of position: Int, in buffer: UnsafeRawBufferPointer) -> Range<Int> {
    let at = min(position, buffer.count)
    let start = (ByteSearch.lastIndex(of: ASCII.newline, in: buffer, before: at) ?? -1) + 1
    let end = ByteSearch.firstIndex(of: ASCII.newline, in: buffer, from: at) ?? buffer.count
    return start..<end
  }

  static func isBlank(_ line: Range<Int>, _ buffer: UnsafeRawBufferPointer) -> Bool {
    line.allSatisfy {
      buffer[$0] == ASCII.space || buffer[$0] == ASCII.tab || buffer[$0] == ASCII.carriageReturn
    }
  }

  /// A name found in a record: where it is and its text.
  package struct Name {
    package var range: Range<Int>
    package var text: [UInt8]
  }

  /// Names in a delimited row: the name column, or first and last name columns joined.
  package static func names(inRow row: Range<Int>, _ buffer: UnsafeRawBufferPointer, header: DelimitedHeader)
    -> [Name]
  {
    let fields = DelimitedHeader.fields(Array(buffer[row]), delimiter: header.delimiter)
    var out: [Name] = []
    var first: Name?
    for (i, field) in fields.enumerated() where i < header.columns.count {
      let range = (row.lowerBound + field.lowerBound)..<(row.lowerBound + field.upperBound)
      let text = Array(buffer[range])
      guard isName(text) else { continue }
      switch header.columns[i] {
      case .name?: out.append(Name(range: range, text: text))
      case .firstName?: first = Name(range: range, text: text)
      case .lastName?:
        if let f = first {
          out.append(Name(range: f.range.lowerBound..<range.upperBound, text: f.text + [ASCII.space] + text))
          first = nil
        } else {
          out.append(Name(range: range, text: text))
        }
      default: break
      }
    }
    if let first { out.append(first) }
    return out
  }

  /// Label phrases that introduce a person's name in text, lowercase.
  static let nameLabels: [[UInt8]] = [
    "full name", "employee name", "patient name", "customer name", "cardholder name", "account holder",
    "member name", "insured name", "name", "employee", "patient", "cardholder", "dear",
  ].map { Array($0.utf8) }

  /// Names after a label in a text record: `Name: Jane Roe`, `"name": "Jane Roe"`, `Dear Jane Roe,`.
  package static func names(inText record: Range<Int>, _ buffer: UnsafeRawBufferPointer) -> [Name] {
    var out: [Name] = []
    var i = record.lowerBound
    while i < record.upperBound {
      let b = ASCII.lower(buffer[i])
      guard
        b == 0x6E || b == 0x66 || b == 0x65 || b == 0x70 || b == 0x63 || b == 0x61 || b == 0x6D || b == 0x64,
        i == 0 || !ASCII.isAlnum(buffer[i - 1])
      else {
        i += 1
        continue
      }
      var matched = false
      for label in nameLabels where i + label.count <= record.upperBound {
        guard (0..<label.count).allSatisfy({ ASCII.lower(buffer[i + $0]) == label[$0] }) else { continue }
        let end = i + label.count
        if end < buffer.count, ASCII.isAlnum(buffer[end]) { continue }
        if let name = nameAfter(end, record, buffer, dear: label == nameLabels.last!) {
          out.append(name)
          i = name.range.upperBound
          matched = true
        }
        break
      }
      if !matched { i += 1 }
    }
    return out
  }

  /// One to four capitalised words after a label and its punctuation.
  static func nameAfter(_ labelEnd: Int, _ record: Range<Int>, _ buffer: UnsafeRawBufferPointer, dear: Bool)
    -> Name?
  {
    var i = labelEnd
    if !dear {
      // `name:`, `name =`, `"name": "`, `name -`
      var sawSeparator = false
      while i < record.upperBound, i - labelEnd < 6,
        buffer[i] == ASCII.space || buffer[i] == ASCII.quote || buffer[i] == 0x3A || buffer[i] == 0x3D
          || buffer[i] == 0x27 || buffer[i] == ASCII.tab || buffer[i] == ASCII.hyphen
      {
        if buffer[i] == 0x3A || buffer[i] == 0x3D || buffer[i] == ASCII.hyphen { sawSeparator = true }
        i += 1
      }
      guard sawSeparator else { return nil }
    } else {
      guard i < record.upperBound, buffer[i] == ASCII.space else { return nil }
      i += 1
    }
    let start = i
    var words = 0
    var end = i
    while i < record.upperBound, words < 4, ASCII.isUpper(buffer[i]) {
      var j = i + 1
      while j < record.upperBound,
        ASCII.isLetter(buffer[j]) || buffer[j] == 0x27 || buffer[j] == ASCII.hyphen || buffer[j] == ASCII.dot
      { j += 1 }
      words += 1
      end = j
      guard j < record.upperBound, buffer[j] == ASCII.space, j + 1 < record.upperBound,
        ASCII.isUpper(buffer[j + 1])
      else { break }
      i = j + 1
    }
    guard words >= 1, end - start >= 2 else { return nil }
    let text = Array(buffer[start..<end])
    return isName(text) ? Name(range: start..<end, text: text) : nil
  }

  /// Letters (with spaces, apostrophes, hyphens, dots) and at least two of them: not a number,
  /// not an empty cell.
  static func isName(_ text: [UInt8]) -> Bool {
    var letters = 0
    for b in text {
      if ASCII.isLetter(b) {
        letters += 1
      } else if !(b == ASCII.space || b == 0x27 || b == ASCII.hyphen || b == ASCII.dot || b >= 0x80) {
        return false
      }
    }
    return letters >= 2 && text.count <= 64
  }

  /// The canonical form fingerprinted: lowercase letters, words single-spaced.
  package static func canonical(_ text: [UInt8]) -> String {
    var out: [UInt8] = []
    for b in text {
      if ASCII.isLetter(b) || b >= 0x80 {
        out.append(ASCII.lower(b))
      } else if b == ASCII.space, let last = out.last, last != ASCII.space {
        out.append(ASCII.space)
      }
    }
    while out.last == ASCII.space { out.removeLast() }
    return String(decoding: out, as: UTF8.self)
  }

  /// Initials only: `J. R.`
  @Sendable package static func mask(_ text: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(12)
    var atWordStart = true
    for b in text {
      if b == ASCII.space {
        atWordStart = true
      } else if atWordStart {
        if !out.isEmpty { out.append(ASCII.space) }
        out.append(b < 0x80 ? ASCII.upper(b) : 0x3F)
        out.append(ASCII.dot)
        atWordStart = false
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
