import ArgumentParser
import BlastRadiusDetect

/// Loads `--rules` files for a command; a bad file stops the command with its message.
enum CustomRuleFiles {
  static func load(_ paths: [String]) throws -> [DetectorSpec] {
    var specs: [DetectorSpec] = []
    for path in paths {
      do {
        let loaded = try CustomRules.load(path: path)
        for spec in loaded where specs.contains(where: { $0.id == spec.id }) {
          throw ValidationError("\(path): rule '\(spec.id)' is defined twice")
        }
        specs += loaded
      } catch let error as CustomRulesError {
        throw ValidationError(error.description)
      }
    }
    return specs
  }
}
