import Foundation

/// A mail message (`.eml`) as HR sends them: multipart/mixed, a quoted-printable text body of long paragraphs with
/// labelled SSNs (the soft line breaks fall where they fall, so some SSNs are split by `=\r\n`), and a base64 CSV
/// attachment of employees with an `ssn` column.
struct MailBuilder {
  var factory: FakeDataFactory
  private(set) var planted = 0

  static let subjects = [
    "Employee census", "Payroll corrections", "Benefits enrollment file", "New hire paperwork",
    "Records for the audit", "Updated staff list",
  ]

  init(factory: FakeDataFactory) {
    self.factory = factory
  }

  /// Day of the week of a date, 0 = Sunday (Sakamoto's method).
  static func weekday(_ date: CivilDate) -> Int {
    let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
    let year = date.month < 3 ? date.year - 1 : date.year
    return (year + year / 4 - year / 100 + year / 400 + offsets[date.month - 1] + date.day) % 7
  }

  static func rfc5322Date(_ date: CivilDate, hour: Int, minute: Int, zone: String) -> String {
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = NameBank.monthNames.map { String($0.prefix(3)) }
    return "\(days[weekday(date)]), \(digits(date.day, 2)) \(months[date.month - 1]) \(date.year) "
      + "\(digits(hour, 2)):\(digits(minute, 2)):00 \(zone)"
  }

  private mutating func hex(_ count: Int) -> String {
    let alphabet = Array("0123456789abcdef")
    return String((0..<count).map { _ in alphabet[factory.rng.below(16)] })
  }

  mutating func build(attachmentRows: Int) -> GeneratedDocument {
    planted = 0
    let sender = factory.person()
    let recipient = factory.person()
    let date = DocumentProse.date(&factory.rng)
    let department = factory.rng.pick(NameBank.departments)
    let subject = "\(factory.rng.pick(Self.subjects)) - \(department)"
    let boundary = "----=_Part_\(factory.rng.int(in: 1000...99999))_\(hex(12))"
    let attachmentName = "\(department.lowercased().replacingOccurrences(of: " ", with: "_"))_staff.csv"

    // The body: paragraphs as single long lines; plants inside them after an `SSN:` label.
    var paragraphs = ["Hi \(recipient.firstName),"]
    for _ in 0..<factory.rng.int(in: 2...6) {
      var sentences = (0..<factory.rng.int(in: 3...7)).map { _ in DocumentProse.sentence(&factory.rng) }
      for _ in 0..<factory.rng.int(in: 0...2) {
        let person = factory.person()
        let ssn = factory.rng.percent(25) ? person.ssn : ValueFormat.dashedSSN(person.ssn)
        planted += 1
        sentences.insert(
          DocumentProse.plantedSentence(name: person.fullName, ssn: ssn, &factory.rng),
          at: factory.rng.int(in: 0...sentences.count))
      }
      if factory.rng.percent(30) { sentences.append(DocumentProse.decoySentence(&factory.rng)) }
      paragraphs.append(sentences.joined(separator: " "))
    }
    paragraphs.append("The full list is attached as \(attachmentName).")
    paragraphs.append("Thanks,\n\(sender.fullName)\n\(department)")
    let body = QuotedPrintable.encode(paragraphs.joined(separator: "\n\n") + "\n")

    var csv = EmployeeCSVBuilder(factory: factory)
    let attachment = csv.build(rows: attachmentRows, lineEnding: "\r\n")
    factory = csv.factory
    planted += attachment.plantedSSN
    let encoded = Data(attachment.bytes).base64EncodedString()
    var base64Lines: [Substring] = []
    var start = encoded.startIndex
    while start < encoded.endIndex {
      let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
      base64Lines.append(encoded[start..<end])
      start = end
    }

    let domain = sender.email.split(separator: "@").last.map(String.init) ?? "example.com"
    let headers = [
      "From: \(sender.fullName) <\(sender.email)>",
      "To: \(recipient.fullName) <\(recipient.email)>",
      "Subject: \(subject)",
      "Date: \(Self.rfc5322Date(date, hour: factory.rng.int(in: 7...18), minute: factory.rng.below(60), zone: factory.rng.pick(["-0500", "-0800", "+0000", "-0600"])))",
      "Message-ID: <\(hex(16)).\(hex(8))@\(domain)>",
      "MIME-Version: 1.0",
      "Content-Type: multipart/mixed; boundary=\"\(boundary)\"",
    ]
    var message =
      headers.joined(separator: "\r\n") + "\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n"
    message += "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\n"
    message += "Content-Transfer-Encoding: quoted-printable\r\n\r\n\(body)\r\n"
    message += "--\(boundary)\r\nContent-Type: text/csv; name=\"\(attachmentName)\"\r\n"
    message += "Content-Disposition: attachment; filename=\"\(attachmentName)\"\r\n"
    message += "Content-Transfer-Encoding: base64\r\n\r\n"
    message += base64Lines.joined(separator: "\r\n") + "\r\n--\(boundary)--\r\n"
    return GeneratedDocument(bytes: Array(message.utf8), plantedSSN: planted)
  }
}
