#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `--exclude GLOB`: a glob without `/` matches any file or folder name (a matching folder is
/// not entered); one with `/` matches the whole path or any trailing part of it.
package struct ExcludeFilter: Sendable {
  let namePatterns: [String]
  let pathPatterns: [String]

  package init(_ globs: [String]) {
    namePatterns = globs.filter { !$0.contains("/") }
    pathPatterns = globs.filter { $0.contains("/") }.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }
  }

  package var isEmpty: Bool { namePatterns.isEmpty && pathPatterns.isEmpty }

  package func excludes(name: String, path: String) -> Bool {
    for p in namePatterns where fnmatch(p, name, 0) == 0 { return true }
    guard !pathPatterns.isEmpty else { return false }
    var suffixes = [Substring(path)]
    var rest = Substring(path)
    while let slash = rest.firstIndex(of: "/") {
      rest = rest[rest.index(after: slash)...]
      suffixes.append(rest)
    }
    for p in pathPatterns {
      for s in suffixes where fnmatch(p, String(s), 0) == 0 { return true }
    }
    return false
  }
}
