import BlastRadiusBase
import BlastRadiusMatch

/// STIX 2.1 JSON: a bundle (or a lone indicator, or an array of objects) whose `indicator`
/// objects carry patterns. Supported patterns become hash, file name and network indicators;
/// every indicator whose pattern is not supported is named in a warning with the reason.
enum STIXBundle {
  static func parse(_ bytes: [UInt8], file: String, into set: inout IndicatorSet) throws(BlastRadiusError) {
    let root: JSONValue
    do { root = try JSONParser.parse(bytes, lines: true) } catch {
      throw BlastRadiusError(.indicators, "not valid JSON: \(error.reason)", path: file, line: error.line)
    }
    let objects = root["objects"]?.array ?? root.array ?? [root]
    var revoked = 0
    for object in objects where object["type"]?.string == "indicator" {
      if object["revoked"]?.bool == true {
        revoked += 1
        continue
      }
      let id = object["id"]?.string ?? "indicator"
      let name = object["name"]?.string ?? object["description"]?.string
      let patternNode = object["pattern"]
      let line = patternNode?.line ?? object.line ?? 1
      let label = "\(file):\(line): \(id)\(name.map { " (\($0))" } ?? "")"
      guard let pattern = patternNode?.string else {
        set.warnings.append("--iocs: \(label): no pattern; not used")
        continue
      }
      let type = object["pattern_type"]?.string ?? "stix"
      guard type == "stix" else {
        set.warnings.append("--iocs: \(label): pattern type '\(type)' is not supported; not used: \(pattern)")
        continue
      }
      let comparisons: [STIXPattern.Comparison]
      switch STIXPattern.parse(pattern) {
      case .success(let c): comparisons = c
      case .failure(let problem):
        set.warnings.append(
          "--iocs: \(label): unsupported pattern (\(problem.message)); not used: \(pattern)")
        continue
      }
      // Checked whole first: an indicator is used entirely or not at all.
      var hashes: [HashIndicator] = []
      var names: [FilenameIndicator] = []
      var network: [NetworkIndicator] = []
      var problem: String?
      let origin = IndicatorOrigin(file: file, line: line, description: name, stixID: id)
      for c in comparisons {
        if let kind = STIXPattern.hashKind(c.path) {
          guard let digest = Hex.bytes(Substring(c.value)), HashKind(digestLength: digest.count) == kind
          else {
            problem = "'\(c.value)' is not a \(kind.rawValue) hash"
            break
          }
          hashes.append(
            HashIndicator(kind: kind, digest: digest, score: IndicatorSet.hashScore, origin: origin))
        } else if c.path == "file:name" {
          names.append(
            FilenameIndicator(
              text: c.value, expression: "(^|/)" + VectorscanPattern.literal(c.value) + "$",
              falsePositive: nil,
              score: IndicatorSet.stixFilenameScore, type: "name", origin: origin))
        } else {
          switch NetworkAddress.parse(c.value) {
          case .success(let (value, kind)):
            network.append(
              NetworkIndicator(value: value, kind: kind, score: IndicatorSet.networkScore, origin: origin))
          case .failure(let p):
            problem = "'\(c.value)': \(p.message)"
          }
        }
        if problem != nil { break }
      }
      if let problem {
        set.warnings.append("--iocs: \(label): unsupported pattern (\(problem)); not used: \(pattern)")
        continue
      }
      set.hashes += hashes
      set.filenames += names
      set.network += network
    }
    if revoked > 0 { set.warnings.append("--iocs: \(file): \(revoked) revoked indicator(s) not used") }
  }
}
