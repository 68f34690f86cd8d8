public import BlastRadiusAggregate
package import BlastRadiusBase

/// Every figure of a breach impact report, computed once from a scan's records and written as
/// HTML, JSON, CSV and SARIF. Holds people and files, never a raw value except names kept with
/// consent for the notification list.
public struct ImpactReport: Sendable {
  /// The JSONL it was made from.
  package var input: String
  /// What a baseline diff found, when one was given (`report --changes`).
  public var changes: ChangeDigest?
  /// The scan's summary record; nil when the scan did not finish (no summary line).
  package var summary: ScanSummary?
  /// Lines that were not records (a cut last line, text from elsewhere).
  package var unreadableLines = 0
  package var findings = 0
  /// Distinct Social Security numbers found, linked to a name or not.
  public var uniqueSSNs = 0
  /// Distinct credential values (passwords, keys, tokens).
  public var credentials = 0
  public var people: [Person] = []
  /// People per trigger, every trigger listed.
  public var triggers: [(trigger: NotificationTrigger, people: Int)] = []
  /// People with at least one trigger: those to notify.
  public var peopleToNotify = 0
  /// People with health data and their name (HIPAA's count).
  public var healthPeople = 0
  /// Findings per category, most first.
  package var categories: [(category: String, findings: Int)] = []
  package var detectors: [ScanSummary.DetectorCount] = []
  /// Files with findings, riskiest first.
  package var files: [FileImpact] = []
  /// Folders holding findings, riskiest first.
  package var folders: [FolderImpact] = []
  /// Error records, the first `issueLimit` of them; `issueCount` counts all.
  package var issues: [LoggedIssue] = []
  package var issueCount = 0
  /// Error records on files and folders on disk (not read at all).
  package var notReadOnDisk = 0
  /// Files on disk that were read but a member or part of them was not.
  package var partlyRead = 0
  package static let issueLimit = 10_000

  /// Whether the scan read everything it was asked to.
  public var complete: Bool { summary.map { $0.complete && unreadableLines == 0 } ?? false }
  package var filesRead: Int { summary?.files ?? files.count }
  package var skipped: [String: Int] { summary?.skipped ?? [:] }
  /// Items per format read, skipped and failed (the scan summary's `formats`).
  package var formats: [String: FormatCount] { summary?.formats ?? [:] }
  /// The formats not wholly read, for a headline; nil when all were.
  public var unreadDescription: String? { summary?.unreadDescription }
  package var errorsByCode: [String: Int] {
    if let s = summary { return s.errorsByCode }
    var out: [String: Int] = [:]
    for i in issues { out[i.code, default: 0] += 1 }
    return out
  }
  public var hipaaThresholdReached: Bool { healthPeople >= NotificationTrigger.hipaaThreshold }
}
