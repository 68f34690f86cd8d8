#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files behind `--rules`, `--yara` and `--iocs` (folders listed, recursively), whose content
/// is part of a scan's configuration.
enum RuleFiles {
  static func expand(_ paths: [String]) -> [String] {
    var out: [String] = []
    for path in paths { collect(path, into: &out, depth: 0) }
    return out.sorted()
  }

  static func collect(_ path: String, into out: inout [String], depth: Int) {
    var st = stat()
    guard stat(path, &st) == 0 else { return }
    if st.st_mode & S_IFMT == S_IFREG {
      out.append(path)
      return
    }
    guard st.st_mode & S_IFMT == S_IFDIR, depth < 16, let dir = opendir(path) else { return }
    defer { closedir(dir) }
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
      }
      if name == "." || name == ".." { continue }
      collect(path + "/" + name, into: &out, depth: depth + 1)
    }
  }
}
