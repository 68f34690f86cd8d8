import Yams
public import BlastRadiusBase
import BlastRadiusMatch

/// Loads user detectors from a YAML rules file (`--rules FILE`) so a company can add its own
/// employee-id or project-codename detectors without recompiling.
public enum CustomRules {
  public static func load(path: String) throws(BlastRadiusError) -> [DetectorSpec] {
    guard let bytes = FileReader.readAll(path) else {
      throw BlastRadiusError(.rules, "cannot read the rules file", path: path)
    }
    return try parse(String(decoding: bytes, as: UTF8.self), path: path)
  }

  package static func parse(_ text: String, path: String) throws(BlastRadiusError) -> [DetectorSpec] {
    let file: CustomRulesFile
    do {
      file = try YAMLDecoder().decode(CustomRulesFile.self, from: text)
    } catch {
      throw BlastRadiusError(.rules, "not a rules file: \(error)", path: path)
    }
    var seen: Set<String> = Set(BuiltinDetectors.all.map(\.id))
    var specs: [DetectorSpec] = []
    for rule in file.rules {
      let spec = try makeSpec(rule, path: path)
      guard !seen.contains(rule.id) else {
        throw BlastRadiusError(.rules, "rule '\(rule.id)': the id is already taken", path: path)
      }
      seen.insert(rule.id)
      specs.append(spec)
    }
    return specs
  }

  static func isSnakeCase(_ s: String) -> Bool {
    guard let first = s.utf8.first, ASCII.isLower(first) else { return false }
    return s.utf8.allSatisfy { ASCII.isLower($0) || ASCII.isDigit($0) || $0 == 0x5F }
  }

  static func makeSpec(_ rule: CustomRule, path: String) throws(BlastRadiusError) -> DetectorSpec {
    func fail(_ message: String) -> BlastRadiusError {
      BlastRadiusError(.rules, "rule '\(rule.id)': \(message)", path: path)
    }
    guard isSnakeCase(rule.id) else { throw fail("ids are snake_case (a-z, 0-9, _)") }
    guard isSnakeCase(rule.category) else { throw fail("categories are snake_case") }
    guard !rule.patterns.isEmpty else { throw fail("no patterns") }
    let check: Reason.Check?
    switch rule.validator ?? "none" {
    case "none": check = nil
    case "luhn": check = .luhn
    case "mod97": check = .mod97
    case let other: throw fail("unknown validator '\(other)' (luhn, mod97 or none)")
    }
    let confidence: Confidence
    if let name = rule.confidence {
      guard let c = Confidence(name: name) else { throw fail("confidence must be high, medium or low") }
      confidence = c
    } else {
      confidence = .medium
    }
    let caseless = rule.caseless ?? false
    // Compile each pattern now, so an error names its rule rather than the whole set.
    for pattern in rule.patterns {
      do {
        _ = try VectorscanDatabase(patterns: [
          VectorscanPattern(pattern, id: 0, caseless: caseless, leftmost: true)
        ])
      } catch {
        throw fail("pattern \(pattern): \(error.message)")
      }
    }
    let keywords = (rule.keywords ?? []).map { Array($0.lowercased().utf8) }
    let context = (rule.context ?? []).map { Array($0.lowercased().utf8) }
    let allowlist = Set(rule.allowlist ?? [])
    let minEntropy = rule.minEntropy ?? 0
    let lineCheck: @Sendable (UnsafeRawBufferPointer, Range<Int>) -> Range<Int>? = { buffer, match in
      guard !context.isEmpty else { return match }
      var lo = match.lowerBound
      while lo > 0, match.lowerBound - lo < 512, buffer[lo - 1] != ASCII.newline { lo -= 1 }
      var hi = match.upperBound
      while hi < buffer.count, hi - match.upperBound < 512, buffer[hi] != ASCII.newline { hi += 1 }
      let line = buffer[lo..<hi].map(ASCII.lower)
      return context.contains { ByteSearch.contains(line, $0) } ? match : nil
    }
    return DetectorSpec(
      id: rule.id, category: rule.category,
      summary: rule.description ?? "User rule from \(path).",
      example: rule.example ?? "",
      patterns: rule.patterns.map {
        DetectorSpec.PatternRule(spanning: $0, caseless: caseless, check: lineCheck)
      },
      standalone: confidence,
      validate: { c in
        let value = c.bytes
        let text = String(decoding: value, as: UTF8.self)
        guard !value.isEmpty, !allowlist.contains(text) else { return nil }
        var reasons: Reasons = [.check(.rule)]
        if !keywords.isEmpty {
          let lowered = value.map(ASCII.lower)
          guard keywords.contains(where: { ByteSearch.contains(lowered, $0) }) else { return nil }
          reasons.append(.check(.keyword))
        }
        let canonical: String
        switch check {
        case .luhn?:
          let digits = value.filter(ASCII.isDigit).map { $0 - 0x30 }
          guard digits.count >= 2, Luhn.isValid(digits) else { return nil }
          canonical = String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
          reasons.append(.check(.luhn))
        case .mod97?:
          let alnum = value.filter(ASCII.isAlnum).map(ASCII.upper)
          guard alnum.count >= 5, IBANRules.rearrangedRemainder(alnum) == 1 else { return nil }
          canonical = String(decoding: alnum, as: UTF8.self)
          reasons.append(.check(.mod97))
        default:
          canonical = text
        }
        var verdict: Confidence?
        if minEntropy > 0 {
          if Entropy.bitsPerByte(value) < minEntropy {
            reasons.append(.check(.lowEntropy))
            verdict = .low
          } else {
            reasons.append(.check(.entropy))
          }
        }
        return Validation(length: value.count, canonical: canonical, reasons: reasons, confidence: verdict)
      })
  }
}
