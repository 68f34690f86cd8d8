/// A parsed JSON value. The report reads scan records with it; the scan itself writes JSON with
/// `JSONBuilder` and never parses.
package enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])
  /// A value and the line it starts on, from `JSONParser.parse(_:lines: true)`; every accessor
  /// looks through it.
  indirect case located(line: Int, JSONValue)

  /// The line the value starts on, when parsed with lines.
  package var line: Int? {
    if case .located(let line, _) = self { return line }
    return nil
  }

  /// The value without its line.
  package var bare: JSONValue {
    if case .located(_, let v) = self { return v.bare }
    return self
  }

  package subscript(key: String) -> JSONValue? {
    if case .object(let o) = bare { return o[key] }
    return nil
  }

  package var string: String? {
    if case .string(let s) = bare { return s }
    return nil
  }

  package var int: Int? {
    if case .number(let d) = bare, d.rounded() == d, abs(d) < 9.0e15 { return Int(d) }
    return nil
  }

  package var double: Double? {
    if case .number(let d) = bare { return d }
    return nil
  }

  package var bool: Bool? {
    if case .bool(let b) = bare { return b }
    return nil
  }

  package var array: [JSONValue]? {
    if case .array(let a) = bare { return a }
    return nil
  }

  package var object: [String: JSONValue]? {
    if case .object(let o) = bare { return o }
    return nil
  }

  /// An object of counts (`errors_by_code`, `skipped`), non-numbers left out.
  package var counts: [String: Int] {
    (object ?? [:]).compactMapValues(\.int)
  }
}
