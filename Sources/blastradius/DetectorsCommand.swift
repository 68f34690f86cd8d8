import ArgumentParser
import BlastRadiusBase
import BlastRadiusDetect

/// `blastradius detectors`: the reference of every built-in detector, to read before trusting
/// a scan.
struct DetectorsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "detectors", abstract: "List the built-in detectors, and those of rules files.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(help: "text or json.")
  var format: Format = .text

  @Option(help: ArgumentHelp("Also list the detectors of a YAML rules file (repeatable).", valueName: "FILE"))
  var rules: [String] = []

  @Flag(
    help: """
      Print the Vectorscan databases a scan compiles instead, one pattern a line: database, flags \
      (i caseless, l leftmost, s single match, - none), expression; tab-separated.
      """)
  var vectorscan = false

  func run() throws {
    let all = BuiltinDetectors.all + (try CustomRuleFiles.load(rules))
    if vectorscan {
      let set = try DetectorSet(all)
      for (name, patterns) in set.databases {
        for p in patterns {
          let flags = (p.caseless ? "i" : "") + (p.leftmost ? "l" : "") + (p.singleMatch ? "s" : "")
          print("\(name)\t\(flags.isEmpty ? "-" : flags)\t\(p.expression)")
        }
      }
      return
    }
    switch format {
    case .text:
      for spec in all {
        print("\(spec.id)  [\(spec.category)]  e.g. \(spec.example)")
        print("    \(spec.summary)")
      }
    case .json:
      var json = JSONBuilder()
      json.raw("[")
      for (i, spec) in all.enumerated() {
        if i > 0 { json.raw(",") }
        json.raw("{")
        json.key("id", first: true); json.string(spec.id)
        json.key("category"); json.string(spec.category)
        json.key("description"); json.string(spec.summary)
        json.key("example"); json.string(spec.example)
        json.raw("}")
      }
      json.raw("]\n")
      print(String(decoding: json.bytes, as: UTF8.self), terminator: "")
    }
  }
}
