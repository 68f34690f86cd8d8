package import BlastRadiusBase

/// Why a compound file, or one stream of it, could not be read: damage (a chain that loops or
/// points past the end, a size the chain cannot hold) or a limit of `ExtractionLimits`.
package struct CompoundFileError: Error, Sendable, Equatable {
  /// `corrupt` or `limitExceeded`: the error record the scanner writes.
  package var code: ScanIssue.Code
  package var message: String

  package init(_ code: ScanIssue.Code, _ message: String) {
    self.code = code
    self.message = message
  }

  static func corrupt(_ message: String) -> CompoundFileError { CompoundFileError(.corrupt, message) }
}
