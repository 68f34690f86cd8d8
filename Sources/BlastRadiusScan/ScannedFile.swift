public import BlastRadiusBase

/// A file on disk as a worker opened it: what a store compares with what it saw before.
public struct ScannedFile: Sendable {
  public let path: String
  public let stamp: FileStamp
  public let mode: Int
  public let uid: Int
  public let gid: Int
  /// The open descriptor, valid during `recall` only: a store may hash the content through it.
  public let descriptor: Int32

  public init(path: String, stamp: FileStamp, mode: Int, uid: Int, gid: Int, descriptor: Int32) {
    self.path = path
    self.stamp = stamp
    self.mode = mode
    self.uid = uid
    self.gid = gid
    self.descriptor = descriptor
  }

  /// The `file` record of this file, holding `findings`.
  public func facts(findings: Int) -> FileFacts {
    FileFacts(
      path: path, size: Int(stamp.size), mode: mode, uid: uid, gid: gid,
      owner: FileFacts.userName(UInt32(truncatingIfNeeded: uid)),
      findings: findings)
  }
}
