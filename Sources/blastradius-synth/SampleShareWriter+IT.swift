/// The IT folder: logs full of nine-digit request ids (which must not be SSN findings) and JSON user records whose
/// SSNs are known only by their key.
extension SampleShareWriter {
  static let logUsers = [
    "jdoe", "asmith", "mgarcia", "tnguyen", "kpatel", "lchen", "rjohnson", "bwilliams", "svc_backup", "admin",
  ]

  mutating func writeAppLog(lines count: Int) throws {
    var lines: [String] = []
    lines.reserveCapacity(count)
    var millis = (8 * 3600 + 15 * 60) * 1000
    for _ in 0..<count {
      millis += factory.rng.int(in: 1...900)
      let time =
        "\(digits(millis / 3_600_000, 2)):\(digits(millis / 60_000 % 60, 2)):"
        + "\(digits(millis / 1000 % 60, 2)).\(digits(millis % 1000, 3))"
      lines.append(
        "2024-03-14T\(time)Z \(factory.rng.pick(NameBank.logLevels)) svc=\(factory.rng.pick(NameBank.services)) "
          + "req=\(factory.rng.int(in: 100_000_000...999_999_999)) user=\(factory.rng.pick(Self.logUsers)) "
          + "latency=\(factory.rng.int(in: 1...850))ms")
    }
    try write("logs/app.log", lines.joined(separator: "\n") + "\n")
  }

  mutating func writeUsers(minified: Int, pretty: Int) throws {
    let compact = userRecords(minified, file: "it/users.json").map { record in
      "{" + record.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
    }
    try write("it/users.json", "[" + compact.joined(separator: ",") + "]\n")

    let indented = userRecords(pretty, file: "it/users_pretty.json").map { record in
      "  {\n" + record.map { "    \"\($0.key)\": \"\($0.value)\"" }.joined(separator: ",\n") + "\n  }"
    }
    try write("it/users_pretty.json", "[\n" + indented.joined(separator: ",\n") + "\n]\n")
  }

  /// Key–value pairs in a fixed order; names and values are plain ASCII, so no JSON escaping is needed.
  private mutating func userRecords(_ count: Int, file: String) -> [KeyValuePairs<String, String>] {
    (0..<count).map { _ in
      let person = factory.person()
      plant(.usSSN, person.ssn, in: file)
      plant(.emailAddress, person.email, in: file)
      return [
        "name": person.fullName, "ssn": person.ssn, "email": person.email,
        "order_id": factory.number(digits: 9),
      ]
    }
  }
}
