import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusScan
import BlastRadiusStore
import Synchronization

/// Finds the raw value behind one stored finding, for "show a value": from the store's sealed
/// values when the server holds their key, else by scanning the file again with the fingerprint
/// key and taking the finding whose fingerprint is the stored one. The fingerprint check means a
/// file changed since the scan cannot show a different value under this finding's name.
struct ValueFinder: Sendable {
  let database: any ConsoleDatabase
  let valuesKey: [UInt8]?
  let fingerprintKey: [UInt8]?

  /// What a finding is: its file, its place in it, its fingerprint (64 hex digits).
  struct Target: Sendable {
    var path: String
    var within: [String]
    var offset: Int
    var fingerprint: String
  }

  enum Outcome: Equatable {
    /// The value, and how it was found (`store` or `file`).
    case found(String, from: String)
    case notFound(String)
  }

  func find(_ target: Target) -> Outcome {
    if let valuesKey {
      do {
        let records = try database.records(path: target.path, valuesKey: valuesKey) ?? []
        var any: String?
        for line in records {
          guard let v = try? JSONParser.parse(line), v["kind"]?.string == "finding",
            v["fingerprint"]?.string == target.fingerprint, let value = v["value"]?.string
          else { continue }
          if (v["within"]?.array?.compactMap(\.string) ?? []) == target.within,
            v["offset"]?.int == target.offset
          {
            return .found(value, from: "store")
          }
          any = any ?? value
        }
        if let any { return .found(any, from: "store") }
      } catch {
        return .notFound("the store's values could not be read: \(error)")
      }
    }
    guard let fingerprintKey else {
      return .notFound(
        "this server has neither the store's values key (--values-key) nor the fingerprint key (--key-file)")
    }
    let sink = MatchSink(fingerprint: target.fingerprint)
    var options = ScanOptions(roots: [target.path], jobs: 1, key: fingerprintKey)
    options.reveal = true
    options.minConfidence = .low
    options.scanBinary = true
    do {
      let scanner = Scanner(options: options, detectors: try DetectorSet.builtin(), sink: sink)
      _ = try scanner.run()
    } catch {
      return .notFound("the file could not be scanned again: \(error)")
    }
    let found = sink.found.withLock { $0 }
    if let exact = found.first(where: { $0.within == target.within && $0.offset == target.offset })
      ?? found.first,
      let value = exact.value
    {
      return .found(value, from: "file")
    }
    return .notFound(
      "the file no longer holds this value where it was found (changed, moved, or found by a custom rule)")
  }

  /// Keeps the findings of one fingerprint, with their values.
  final class MatchSink: ScanSink {
    let fingerprint: String
    let found = Mutex<[Finding]>([])

    init(fingerprint: String) { self.fingerprint = fingerprint }

    func receive(_ findings: [Finding]) {
      let matching = findings.filter { $0.fingerprint.hex == fingerprint }
      if !matching.isEmpty { found.withLock { $0 += matching } }
    }

    func receive(_ issue: ScanIssue) {}
  }
}
