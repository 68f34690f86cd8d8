import BlastRadiusBase

/// An error record of a scan: what could not be read, and why.
package struct LoggedIssue: Sendable, Equatable {
  package var path: String
  package var within: [String]
  package var code: String
  package var message: String

  package init(path: String, within: [String], code: String, message: String) {
    self.path = path
    self.within = within
    self.code = code
    self.message = message
  }

  init?(_ v: JSONValue) {
    guard let path = v["path"]?.string else { return nil }
    self.init(
      path: path, within: v["within"]?.array?.compactMap(\.string) ?? [],
      code: v["code"]?.string ?? "unknown",
      message: v["message"]?.string ?? "")
  }
}
