import BlastRadiusBase

/// Escaping and number formats shared by the report's writers.
public enum TextFormat {
  /// Text for HTML element content and attribute values.
  package static func html(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// `47,123`: counsel reads these aloud.
  public static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }

  /// One decimal, no trailing `.0` noise beyond it: `12.5`, `3.0`.
  package static func decimal(_ d: Double) -> String {
    let tenths = Int((d * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
  }

  /// A long path shortened in the middle, so its start (the share) and end (the file) show.
  package static func middle(_ s: String, _ limit: Int) -> String {
    guard s.count > limit, limit > 3 else { return s }
    let head = (limit - 1) / 2
    return String(s.prefix(head)) + "…" + String(s.suffix(limit - 1 - head))
  }

  /// A CSV field: quoted when needed, and a leading `=`, `+`, `-`, `@` defused so a
  /// spreadsheet does not run it as a formula.
  package static func csv(_ s: String) -> String {
    var s = s
    if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { s = "'" + s }
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
  }

  /// A path as a URI reference (SARIF `artifactLocation.uri`): absolute paths become `file://`
  /// URIs, every byte but unreserved ones and `/` percent-encoded.
  package static func uri(_ path: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = path.hasPrefix("/") ? Array("file://".utf8) : []
    for b in path.utf8 {
      if ASCII.isAlnum(b) || b == ASCII.hyphen || b == ASCII.dot || b == 0x5F || b == 0x7E || b == 0x2F {
        out.append(b)
      } else {
        out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

extension String {
  /// Every `target` replaced, without Foundation.
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
