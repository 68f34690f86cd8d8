/// The files of one folder (not its subfolders) taken together: where the data sits.
package struct FolderImpact: Sendable {
  package var path: String
  package var files: Int
  package var findings: Int
  /// Distinct people in its files.
  package var people: Int
  /// The sum of its files' risk scores.
  package var risk: Double

  package init(path: String, files: Int, findings: Int, people: Int, risk: Double) {
    self.path = path
    self.files = files
    self.findings = findings
    self.people = people
    self.risk = risk
  }
}
