/// A `ScanIssue` thrown or returned as an error.
public struct ScanIssueError: Error {
  public var issue: ScanIssue
  public init(_ issue: ScanIssue) { self.issue = issue }
}
