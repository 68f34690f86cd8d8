import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusReport
import BlastRadiusStore
import Foundation
import Synchronization

/// The impact report of the current view (people, notification triggers, hunt hits), made by
/// the code behind `report --store`, on a thread of its own: it reads every record of the view,
/// so it is made again only when the view changed, and pages show the last one meanwhile,
/// marked as being brought up to date. False positives are counted out, as in the report.
final class ImpactCache: Sendable {
  /// One hit of the attacker's tools, as the hunt page lists it.
  struct HuntRow: Sendable {
    var path: String
    var within: [String]
    var match: String
    var name: String
    var level: String
    var score: Int
  }

  struct Made: Sendable {
    var version: String
    var report: ImpactReport
    var hunts: [HuntRow]
    var seconds: Double
  }

  struct State {
    var made: Made?
    /// The version being made, if one is.
    var making: String?
    /// Why the last attempt failed, for which version, and when: a failed count is tried again
    /// at most every 30 seconds, not on every request.
    var failure: String?
    var failed: (version: String, at: Date)?
  }

  let state = Mutex(State())
  let database: any ConsoleDatabase

  init(database: any ConsoleDatabase) { self.database = database }

  /// The report for `version`, waiting up to `wait` seconds for it to be made; else the last
  /// one made (or nil), with `current` false.
  func report(version: String, wait: Double) async -> (made: Made?, current: Bool, failure: String?) {
    let start = state.withLock { s -> Bool in
      guard s.made?.version != version, s.making == nil else { return false }
      if let failed = s.failed, failed.version == version, Date().timeIntervalSince(failed.at) < 30 {
        return false
      }
      s.making = version
      return true
    }
    if start {
      let database = database
      Thread.detachNewThread { [self] in
        let began = Date()
        do {
          let (report, hunts) = try Self.make(database)
          state.withLock {
            $0.made = Made(
              version: version, report: report, hunts: hunts, seconds: Date().timeIntervalSince(began))
            $0.making = nil
            $0.failure = nil
            $0.failed = nil
          }
        } catch {
          state.withLock {
            $0.making = nil
            $0.failure = "\(error)"
            $0.failed = (version, Date())
          }
        }
      }
    }
    let deadline = Date().addingTimeInterval(wait)
    while true {
      let s = state.withLock { $0 }
      if s.made?.version == version { return (s.made, true, nil) }
      if s.making == nil, let failure = s.failure { return (s.made, false, failure) }
      if Date() >= deadline { return (s.made, false, nil) }
      try? await Task.sleep(for: .milliseconds(20))
    }
  }

  static let huntPrefix = Array("{\"kind\":\"hunt\"".utf8)

  static func make(_ database: any ConsoleDatabase) throws -> (ImpactReport, [HuntRow]) {
    var hunts: [HuntRow] = []
    let report = try ReportJob.run(name: "console", outputs: .init(), catalog: BuiltinDetectors.catalog) {
      (line: (UnsafeRawBufferPointer) -> Void) throws(BlastRadiusError) in
      try database.forEachRecord(withoutFalsePositives: true) { bytes in
        if bytes.starts(with: huntPrefix), let v = try? JSONParser.parse(bytes) {
          hunts.append(
            HuntRow(
              path: v["path"]?.string ?? "", within: v["within"]?.array?.compactMap(\.string) ?? [],
              match: v["match"]?.string ?? "", name: v["rule"]?.string ?? v["ioc"]?.string ?? "",
              level: v["level"]?.string ?? "", score: v["score"]?.int ?? 0))
        }
        bytes.withUnsafeBytes { raw in
          line(UnsafeRawBufferPointer(rebasing: raw[..<(raw.last == 0x0A ? raw.count - 1 : raw.count)]))
        }
      }
    }
    let order = Dictionary(uniqueKeysWithValues: HuntLevel.allCases.enumerated().map { ($1.rawValue, $0) })
    hunts.sort { (order[$0.level] ?? 9, -$0.score, $0.path) < (order[$1.level] ?? 9, -$1.score, $1.path) }
    return (report, hunts)
  }
}
