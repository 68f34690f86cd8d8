import BlastRadiusBase
import BlastRadiusDetect

/// Loads `--rules` files for a command; a bad file stops the command with its message.
enum CustomRuleFiles {
  static func load(_ paths: [String]) throws -> [DetectorSpec] {
    var specs: [DetectorSpec] = []
    for path in paths {
      let loaded = try CustomRules.load(path: path)
      for spec in loaded where specs.contains(where: { $0.id == spec.id }) {
        throw BlastRadiusError(.rules, "rule '\(spec.id)' is defined twice", path: path)
      }
      specs += loaded
    }
    return specs
  }
}
