import ArgumentParser
import FoundationEssentials
import BlastRadiusBase
import BlastRadiusScan
import BlastRadiusStore
import BlastRadiusStorePostgres

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `blastradius agent --store URL --name NAME [--root PATH…]`: scans the work items of the scans
/// handed to agents, until stopped.
struct AgentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agent",
    abstract: "Take work from a PostgreSQL store's queue and scan it, until stopped.",
    discussion: """
      Scans are handed to agents with `blastradius scan --store URL --plan PATH…` or with --root \
      here. An agent takes the items of its host and of shared trees, renews its lease while it \
      scans one, and commits each item's findings with its completion in one transaction: an \
      agent killed midway loses nothing, and another agent takes its item once the lease \
      expires. Every agent must use the deployment's fingerprint key (--key-file); one with \
      another key, or other rules files, leaves that scan's items to the others.
      """)

  @Option(help: ArgumentHelp("The PostgreSQL store: postgres://USER@HOST[:PORT]/DB.", valueName: "URL"))
  var store: String

  @Option(help: "This agent's name, unique among the store's agents.")
  var name: String

  @Option(help: "The host whose files this agent reads (default: the host name).")
  var host: String?

  @Option(
    help: ArgumentHelp(
      "Also hand a scan of these folders of this host to the agents (repeatable).", valueName: "PATH"))
  var root: [String] = []

  @OptionGroup var settings: ScanSettings

  @Option(
    help: ArgumentHelp(
      "Skip files and folders matching GLOB, in scans of --root (repeatable).", valueName: "GLOB"))
  var exclude: [String] = []

  @Option(name: .shortAndLong, help: "Worker threads (default: the number of processors).")
  var jobs: Int?

  @Option(help: "Seconds a work item stays this agent's without a heartbeat.")
  var lease: Double = 60

  @Option(help: "With --root: a work item whose agents stopped this many times is marked failed.")
  var attempts: Int = 3

  @Flag(help: "Stop once no work item this agent could take is left, instead of waiting for more.")
  var exitWhenIdle = false

  @Flag(name: .shortAndLong, help: "No line per work item on stderr.")
  var quiet = false

  @Option(help: .hidden)
  var batchFiles: Int?

  @Option(help: .hidden)
  var batchBytes: Int64?

  /// For tests: the agent kills itself (SIGKILL) while committing its Nth item.
  @Option(help: .hidden)
  var testKillInItem: Int?

  func validate() throws {
    guard PostgresURL.isPostgres(store) else {
      throw ValidationError("--store must be a PostgreSQL URL: agents share one database")
    }
    if name.isEmpty || name.contains(where: \.isNewline) {
      throw ValidationError("--name must be a non-empty name on one line")
    }
    if let host, host.isEmpty || host.contains(where: \.isNewline) {
      throw ValidationError("--host must be a non-empty name on one line")
    }
    if lease < 1 { throw ValidationError("--lease must be at least 1 second") }
    if attempts < 1 { throw ValidationError("--attempts must be at least 1") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if !root.isEmpty && settings.followSymlinks {
      throw ValidationError(
        "--follow-symlinks is not taken with agents: links followed across agents could loop")
    }
  }

  func run() throws {
    let postgres = try PostgresStore(url: PostgresURL(store), create: false)
    let threads = jobs ?? ProcessInfo.processInfo.activeProcessorCount
    let keyFile = settings.keyFile
    let prepare: @Sendable (Agent.Plan) throws -> Agent.Setup = { plan in
      var parsed = try ScanSettings.parse(plan.arguments)
      parsed.keyFile = keyFile
      return try Self.setup(parsed, roots: [], jobs: threads, excludes: plan.excludes)
    }
    var options = Agent.Options(name: name, host: host ?? ScanSettings.hostName())
    options.leaseSeconds = lease
    options.jobs = threads
    options.exitWhenIdle = exitWhenIdle
    options.killInItem = testKillInItem
    if let batchFiles { options.batchFiles = max(1, batchFiles) }
    if let batchBytes { options.batchBytes = max(1, batchBytes) }
    if !root.isEmpty {
      let roots = StoreOptions.resolve(root)
      let setup = try Self.setup(settings, roots: roots, jobs: threads, excludes: exclude)
      let planned = try postgres.submitPlan(
        roots: roots, hosts: [options.host], sharedHost: options.host, configuration: setup.configuration,
        arguments: settings.arguments(), excludes: exclude, maxAttempts: attempts)
      for p in planned {
        FileHandleStderr.write(
          "blastradius: scan #\(p.scan) of \(roots.joined(separator: ", ")) on \(p.host) \(p.continued ? "goes on" : "handed to the agents")\n"
        )
      }
    }
    Interruption.install()
    let agent = Agent(store: postgres, options: options, prepare: prepare)
    let (quiet, agentName) = (quiet, options.name)
    let report = try agent.run(
      shouldStop: { Interruption.requested },
      log: { line in
        if !quiet {
          FileHandleStderr.write("blastradius: agent \(agentName): \(TerminalText.escaped(line))\n")
        }
      })
    FileHandleStderr.write("blastradius: agent \(options.name): \(report.text)\n")
  }

  /// The setup and configuration a scan of these settings runs with.
  static func setup(_ settings: ScanSettings, roots: [String], jobs: Int, excludes: [String]) throws
    -> Agent.Setup
  {
    let s = try settings.setup(roots: roots, jobs: jobs, excludes: excludes, reveal: false)
    let configuration = try ScanConfiguration(
      roots: roots, options: s.options, detectors: s.detectors, ruleFiles: s.ruleFiles, valuesKept: false)
    return Agent.Setup(
      options: s.options, detectors: s.detectors, hunt: s.hunt, configuration: configuration,
      rehash: settings.rehash)
  }
}
