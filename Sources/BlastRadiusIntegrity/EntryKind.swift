#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What an entry of a snapshot is. Only files have content; links have a target.
package enum EntryKind: String, Sendable {
  case file, directory, symlink
  /// FIFOs, sockets and device nodes: recorded by their metadata, never read.
  case other

  package init(mode: UInt32) {
    switch mode & UInt32(S_IFMT) {
    case UInt32(S_IFREG): self = .file
    case UInt32(S_IFDIR): self = .directory
    case UInt32(S_IFLNK): self = .symlink
    default: self = .other
    }
  }
}
