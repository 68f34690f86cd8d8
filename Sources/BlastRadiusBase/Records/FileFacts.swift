#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Who can read a file that holds findings: what the report's risk score weighs, so the files
/// to lock down first come first. Sent once per file on disk with findings (`kind: "file"`).
package struct FileFacts: Sendable, Equatable {
  package var path: String
  package var size: Int
  /// Permission bits, e.g. 0o644.
  package var mode: Int
  package var uid: Int
  package var gid: Int
  /// The owner's user name, when the system knows it.
  package var owner: String?
  package var findings: Int

  /// Anyone on the machine may read it (the `o+r` bit).
  package var worldReadable: Bool { mode & 0o004 != 0 }
  /// Its group may read it.
  package var groupReadable: Bool { mode & 0o040 != 0 }

  package init(path: String, size: Int, mode: Int, uid: Int, gid: Int, owner: String?, findings: Int) {
    self.path = path
    self.size = size
    self.mode = mode
    self.uid = uid
    self.gid = gid
    self.owner = owner
    self.findings = findings
  }

  /// The user name of `uid`, or nil.
  package static func userName(_ uid: UInt32) -> String? {
    var pwd = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getpwuid_r(uid_t(uid), &pwd, &buffer, buffer.count, &result) == 0, result != nil, let name = pwd.pw_name else { return nil }
    return String(cString: name)
  }
}
