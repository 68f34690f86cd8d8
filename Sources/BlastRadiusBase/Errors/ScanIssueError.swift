/// A `ScanIssue` thrown or returned as an error.
package struct ScanIssueError: Error {
  package var issue: ScanIssue
  package init(_ issue: ScanIssue) { self.issue = issue }
}
