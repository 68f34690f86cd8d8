import Synchronization
#if canImport(Glibc)
  package import Glibc
#elseif canImport(Darwin)
  package import Darwin
#endif
package import BlastRadiusBase

/// Lists one directory into work items, applying the walking rules: excludes, symlinks (not
/// followed unless asked, and then never in a loop), and no devices, FIFOs or sockets.
package final class DirectoryLister: Sendable {
  struct NodeID: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  let excludes: ExcludeFilter
  let followSymlinks: Bool
  /// Directories and files already taken, when following symlinks can reach them twice.
  let seen = Mutex<Set<NodeID>>([])

  package init(excludes: ExcludeFilter, followSymlinks: Bool) {
    self.excludes = excludes
    self.followSymlinks = followSymlinks
  }

  /// Marks a directory or file as taken; false if it was taken before.
  package func claim(_ st: stat) -> Bool {
    guard followSymlinks else { return true }
    let id = NodeID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    return seen.withLock { $0.insert(id).inserted }
  }

  /// The entries of `path`, or the issue that stopped the listing. `skip` is told why an entry
  /// was left out.
  package func list(_ path: String, skip: (String) -> Void) -> Result<[WorkItem], ScanIssueError> {
    var items: [WorkItem] = []
    let listed = forEachEntry(path, skip: skip) { name, child, dType in
      var type = dType
      // Following links, every entry is stat'ed: a folder or file reached twice is taken once.
      if type == Int32(DT_UNKNOWN) || followSymlinks {
        var st = stat()
        let rc = RawPath.withCString(child) { followSymlinks ? stat($0, &st) : lstat($0, &st) }
        if rc != 0 {
          skip(type == Int32(DT_LNK) ? "symlink" : "vanished")  // dangling link, or gone already
          return
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: type = Int32(DT_DIR)
        case S_IFREG: type = Int32(DT_REG)
        case S_IFLNK: type = Int32(DT_LNK)
        default: type = Int32(DT_FIFO)
        }
        if followSymlinks, type == Int32(DT_DIR) || type == Int32(DT_REG), !claim(st) {
          skip("duplicate")  // a link back up the tree, or a second way to the same node
          return
        }
      }
      switch type {
      case Int32(DT_DIR): items.append(.directory(child))
      case Int32(DT_REG): items.append(.file(child))
      case Int32(DT_LNK): skip("symlink")
      default: skip("special")
      }
    }
    return listed.map { items }
  }

  /// The names in `path` that the excludes let through, whatever their type, for walks that
  /// record every entry (an integrity snapshot).
  package func names(_ path: String) -> Result<[String], ScanIssueError> {
    var names: [String] = []
    return forEachEntry(path, skip: { _ in }) { name, _, _ in names.append(name) }.map { names }
  }

  /// Reads the directory, calling `body(name, path, d_type)` for every entry but `.`, `..` and
  /// the excluded ones.
  func forEachEntry(
    _ path: String, skip: (String) -> Void, _ body: (String, String, Int32) -> Void
  ) -> Result<Void, ScanIssueError> {
    guard let dir = RawPath.withCString(path, { opendir($0) }) else {
      return .failure(ScanIssueError(ScanIssue.fromErrno(errno, path: path, doing: "cannot open directory")))
    }
    defer { closedir(dir) }
    let prefix = path.hasSuffix("/") ? path : path + "/"
    while true {
      errno = 0
      guard let entry = readdir(dir) else {
        if errno != 0 {
          return .failure(
            ScanIssueError(ScanIssue.fromErrno(errno, path: path, doing: "cannot read directory")))
        }
        return .success(())
      }
      // Names are bytes: one that is not UTF-8 must still open by the same bytes (`RawPath`).
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        RawPath.decode(UnsafeRawBufferPointer(rebasing: raw.prefix(while: { $0 != 0 })))
      }
      if name == "." || name == ".." { continue }
      let child = prefix + name
      if !excludes.isEmpty, excludes.excludes(name: name, path: child) {
        skip("excluded")
        continue
      }
      body(name, child, Int32(entry.pointee.d_type))
    }
  }
}
