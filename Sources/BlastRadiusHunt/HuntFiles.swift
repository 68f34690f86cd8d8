#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase

/// Reading the rule and indicator files a hunt is given: a file, or a folder searched
/// recursively for the files of one kind, in a stable (sorted) order.
enum HuntFiles {
  /// One input file: where it is, and its name relative to the argument that named it.
  struct Entry {
    var path: String
    /// The file's own name when the argument is a file; its path under the folder otherwise.
    var relative: String
  }

  /// The files under `path` (or `path` itself when it is a file) that `accept` takes by name.
  static func list(
    _ path: String, code: BlastRadiusError.Code, accept: (String) -> Bool
  ) throws(BlastRadiusError) -> [Entry] {
    var st = stat()
    guard stat(path, &st) == 0 else {
      throw BlastRadiusError(code, "cannot read", path: path, cause: SystemCallError(errno: errno))
    }
    if st.st_mode & S_IFMT != S_IFDIR {
      let name = path.split(separator: "/").last.map(String.init) ?? path
      return [Entry(path: path, relative: name)]
    }
    var found: [Entry] = []
    try walk(path, relative: "", code: code, accept: accept, into: &found)
    return found.sorted { $0.relative < $1.relative }
  }

  private static func walk(
    _ dir: String, relative: String, code: BlastRadiusError.Code, accept: (String) -> Bool,
    into found: inout [Entry]
  ) throws(BlastRadiusError) {
    guard let handle = opendir(dir) else {
      throw BlastRadiusError(code, "cannot read", path: dir, cause: SystemCallError(errno: errno))
    }
    defer { closedir(handle) }
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name.hasPrefix(".") { continue }
      let path = dir + "/" + name
      let rel = relative.isEmpty ? name : relative + "/" + name
      var st = stat()
      guard stat(path, &st) == 0 else { continue }
      if st.st_mode & S_IFMT == S_IFDIR {
        try walk(path, relative: rel, code: code, accept: accept, into: &found)
      } else if st.st_mode & S_IFMT == S_IFREG, accept(name) {
        found.append(Entry(path: path, relative: rel))
      }
    }
  }

  /// The whole content of a (small) file.
  static func contents(_ path: String, code: BlastRadiusError.Code) throws(BlastRadiusError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw BlastRadiusError(code, "cannot read", path: path, cause: SystemCallError(errno: errno))
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw BlastRadiusError(code, "cannot read", path: path, cause: SystemCallError(errno: errno))
      }
      if n == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<n])
    }
  }

  /// Creates `dir` and its missing parents with mode 0700; true when it exists afterwards.
  static func makeDirectories(_ dir: String) -> Bool {
    var prefix = dir.hasPrefix("/") ? "/" : ""
    for part in dir.split(separator: "/") {
      prefix += part + "/"
      mkdir(prefix, 0o700)
    }
    var st = stat()
    return stat(dir, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
  }
}
