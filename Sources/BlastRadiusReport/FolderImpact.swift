/// The files of one folder (not its subfolders) taken together: where the data sits.
package struct FolderImpact: Sendable {
  package var path: String
  package var files = 0
  package var findings = 0
  /// Distinct people in its files.
  package var people = 0
  /// The sum of its files' risk scores.
  package var risk = 0.0

  /// An empty folder at `path`, to add its files to.
  package init(path: String) { self.path = path }
}
