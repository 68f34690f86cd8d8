/// One entry of a snapshot: the metadata of a file, folder, link or special file, and for a
/// file what its content was. A snapshot is a set of these, one per path.
public struct EntryRecord: Sendable, Equatable {
  /// The folder holding the entry (absolute), and its name there.
  package var dir: String
  package var name: String
  /// The first folder below the root that the entry sits in (the root itself for entries
  /// directly in it): summaries count damage per top folder.
  package var top: String
  package var kind: EntryKind
  /// Permission bits with setuid, setgid and sticky (`st_mode & 07777`).
  package var mode: UInt32
  package var uid: UInt32
  package var gid: UInt32
  package var device: UInt64
  package var inode: UInt64
  package var links: UInt64
  package var size: Int64
  /// Modification and status-change times in nanoseconds since the epoch.
  package var mtime: Int64
  package var ctime: Int64
  /// A link's target, as stored in the link.
  package var target: String? = nil
  /// A file's content; nil for other kinds, and for a file that could not be read.
  package var content: ContentProfile? = nil
  /// False for a folder that could not be listed: what was under it is unknown, not gone.
  package var listed = true

  package init(
    dir: String, name: String, top: String, kind: EntryKind, mode: UInt32, uid: UInt32, gid: UInt32,
    device: UInt64, inode: UInt64, links: UInt64, size: Int64, mtime: Int64, ctime: Int64
  ) {
    self.dir = dir
    self.name = name
    self.top = top
    self.kind = kind
    self.mode = mode
    self.uid = uid
    self.gid = gid
    self.device = device
    self.inode = inode
    self.links = links
    self.size = size
    self.mtime = mtime
    self.ctime = ctime
  }

  package var path: String { Self.join(dir, name) }

  /// `dir/name`, for a root dir too (`/` and `etc` give `/etc`).
  package static func join(_ dir: String, _ name: String) -> String {
    dir.isEmpty ? name : dir.hasSuffix("/") ? dir + name : dir + "/" + name
  }

  /// Whether a file may keep its stored content without being read again: same inode, size and
  /// times. The ctime cannot be set back by a process, so a rewrite that restores the mtime is
  /// still seen.
  package func sameStat(as other: EntryRecord) -> Bool {
    kind == other.kind && size == other.size && mtime == other.mtime && ctime == other.ctime
      && inode == other.inode && device == other.device
  }
}
