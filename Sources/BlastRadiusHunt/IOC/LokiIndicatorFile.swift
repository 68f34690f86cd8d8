import BlastRadiusBase

/// Loki's indicator files, as responders already keep them (signature-base `iocs/`):
///
/// - hashes: `hash;description` (or `hash;score;description`), MD5, SHA-1 or SHA-256 by length;
/// - file names: `regex;score;false-positive-regex` (the last field optional);
/// - network: `indicator;score` (score optional): IPv4 and IPv6 addresses, domains, URLs.
///
/// Lines starting with `#` are comments; the last comment line above an indicator describes it,
/// as in Loki. Which of the three a file holds is told by its name, as Loki does (`hash`,
/// `filename`, `c2` or `network` in it).
enum LokiIndicatorFile {
  enum Kind {
    case hash, filename, network
  }

  static func kind(ofFileNamed name: String) -> Kind? {
    let lower = name.lowercased()
    if lower.contains("hash") { return .hash }
    if lower.contains("filename") { return .filename }
    if lower.contains("c2") || lower.contains("network") { return .network }
    return nil
  }

  static func parse(_ bytes: [UInt8], kind: Kind, file: String, into set: inout IndicatorSet) {
    var comment: String?
    var lineNumber = 0
    for rawLine in bytes.split(separator: ASCII.newline, omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = String(decoding: rawLine, as: UTF8.self).trimmingWhitespace()
      if line.isEmpty { continue }
      if line.hasPrefix("#") {
        let text = String(line.dropFirst()).trimmingWhitespace()
        comment = text.isEmpty ? nil : text
        continue
      }
      func warn(_ message: String) { set.warnings.append("--iocs: \(file):\(lineNumber): \(message)") }
      var origin = IndicatorOrigin(file: file, line: lineNumber, description: comment)
      let fields = line.split(separator: ";", omittingEmptySubsequences: false).map {
        String($0).trimmingWhitespace()
      }
      switch kind {
      case .hash:
        guard let digest = Hex.bytes(Substring(fields[0])),
          let hashKind = HashKind(digestLength: digest.count)
        else {
          warn("'\(fields[0])' is not an MD5, SHA-1 or SHA-256 hash")
          continue
        }
        var score = IndicatorSet.hashScore
        var rest = fields.dropFirst()
        if rest.count >= 2, let value = Int(rest.first!) {
          score = value
          rest = rest.dropFirst()
        }
        let description = rest.joined(separator: ";")
        if !description.isEmpty { origin.description = description }
        set.hashes.append(HashIndicator(kind: hashKind, digest: digest, score: score, origin: origin))
      case .filename:
        guard !fields[0].isEmpty else { continue }
        var score = IndicatorSet.filenameScore
        if fields.count > 1, !fields[1].isEmpty {
          guard let value = Int(fields[1]) else {
            warn("score '\(fields[1])' is not a number")
            continue
          }
          score = value
        }
        let falsePositive = fields.count > 2 && !fields[2].isEmpty ? fields[2...].joined(separator: ";") : nil
        set.filenames.append(
          FilenameIndicator(
            text: fields[0], expression: unixPath(fields[0]), falsePositive: falsePositive.map(unixPath),
            score: score, type: "regex", origin: origin))
      case .network:
        var score = IndicatorSet.networkScore
        if fields.count > 1, !fields[1].isEmpty {
          // `indicator;score`; some lists put a note there instead.
          if let value = Int(fields[1]) { score = value } else { origin.description = fields[1] }
        }
        switch NetworkAddress.parse(fields[0]) {
        case .success(let (value, networkKind)):
          set.network.append(NetworkIndicator(value: value, kind: networkKind, score: score, origin: origin))
        case .failure(let problem):
          warn("'\(fields[0])': \(problem.message)")
        }
      }
    }
  }

  /// Loki's transformation of Windows path expressions on other systems: an escaped backslash
  /// (`\\`) becomes `/` and drive letters `C:` go, so `\\Windows\\Temp\\x\.exe` matches
  /// `/mnt/share/Windows/Temp/x.exe`.
  static func unixPath(_ expression: String) -> String {
    expression.replacing("\\\\", with: "/").replacing("C:", with: "")
  }
}

extension String {
  /// Without spaces, tabs and carriage returns at either end.
  func trimmingWhitespace() -> String {
    let bytes = Array(utf8)
    var start = 0
    var end = bytes.count
    while start < end, ASCII.isSpace(bytes[start]) { start += 1 }
    while end > start, ASCII.isSpace(bytes[end - 1]) { end -= 1 }
    return start == 0 && end == bytes.count ? self : String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
