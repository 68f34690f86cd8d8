#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who can read a file that holds findings: what the report's risk score weighs, so the files
/// to lock down first come first. Sent once per file on disk with findings (`kind: "file"`).
public struct FileFacts: Sendable, Equatable {
  public var path: String
  public var size: Int
  /// Permission bits, e.g. 0o644.
  public var mode: Int
  public var uid: Int
  public var gid: Int
  /// The owner's user name, when the system knows it.
  public var owner: String?
  public var findings: Int

  /// Anyone on the machine may read it (the `o+r` bit).
  public var worldReadable: Bool { mode & 0o004 != 0 }
  /// Its group may read it.
  public var groupReadable: Bool { mode & 0o040 != 0 }

  public init(path: String, size: Int, mode: Int, uid: Int, gid: Int, owner: String?, findings: Int) {
    self.path = path
    self.size = size
    self.mode = mode
    self.uid = uid
    self.gid = gid
    self.owner = owner
    self.findings = findings
  }

  /// The user name of `uid`, or nil.
  public static func userName(_ uid: UInt32) -> String? {
    var pwd = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getpwuid_r(uid_t(uid), &pwd, &buffer, buffer.count, &result) == 0, result != nil,
      let name = pwd.pw_name
    else { return nil }
    return String(cString: name)
  }
}
