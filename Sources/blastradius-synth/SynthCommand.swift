import ArgumentParser

/// Synthetic data for BlastRadius: a small sample share for demos and end-to-end tests, and a large corpus for
/// benchmarks. Everything is derived from `--seed`, so a test can regenerate exactly what it asserts against.
@main
struct SynthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "blastradius-synth",
    abstract: "Generate synthetic personal data for BlastRadius demos, tests and benchmarks.",
    discussion: "All data are synthetic and deterministic for a given --seed.",
    subcommands: [
      SampleCommand.self, BenchCommand.self, DocumentsCommand.self, TreeCommand.self, HuntCommand.self,
    ]
  )
}
