package import BlastRadiusBase
package import BlastRadiusScan

/// A read as a store has it, to decide whether a file must be read again.
package struct PriorRead: Sendable {
  package var id: Int64
  package var path: String
  package var stamp: FileStamp
  package var sha256: [UInt8]?
  package var configHash: String
  package var complete: Bool
  package var wholeItem: Bool
  package var tally: FileTally?

  package init(
    id: Int64, path: String, stamp: FileStamp, sha256: [UInt8]?, configHash: String, complete: Bool,
    wholeItem: Bool, tally: FileTally?
  ) {
    self.id = id
    self.path = path
    self.stamp = stamp
    self.sha256 = sha256
    self.configHash = configHash
    self.complete = complete
    self.wholeItem = wholeItem
    self.tally = tally
  }
}
