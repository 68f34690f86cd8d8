/// A parsed JSON value. The report reads scan records with it; the scan itself writes JSON with
/// `JSONBuilder` and never parses.
package enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  package subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  package var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  package var int: Int? {
    if case .number(let d) = self, d.rounded() == d, abs(d) < 9.0e15 { return Int(d) }
    return nil
  }

  package var double: Double? {
    if case .number(let d) = self { return d }
    return nil
  }

  package var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  package var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  package var object: [String: JSONValue]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// An object of counts (`errors_by_code`, `skipped`), non-numbers left out.
  package var counts: [String: Int] {
    (object ?? [:]).compactMapValues(\.int)
  }
}
