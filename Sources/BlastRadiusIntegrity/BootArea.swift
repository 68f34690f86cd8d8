#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
public import BlastRadiusBase

/// The first mebibyte of a disk or disk image (MBR boot code and partition table, GPT header
/// and entries, boot loader gap), recorded by hash per region: a wiper overwrites it first.
public struct BootArea: Sendable, Equatable {
  public var path: String
  /// Bytes read: 1 MiB, or less for a smaller image.
  package var bytes: Int
  package var content: ContentProfile
  /// One SHA-256 per region of `regions`, over the bytes of it that were read.
  package var regionDigests: [ContentDigest]

  package static let size = 1 << 20
  package static let regions: [(name: String, range: Range<Int>)] = [
    ("boot_code", 0..<446), ("partition_table", 446..<512), ("gpt_header", 512..<1024),
    ("gpt_entries", 1024..<17_408), ("boot_gap", 17_408..<size),
  ]

  package init(path: String, bytes: Int, content: ContentProfile, regionDigests: [ContentDigest]) {
    self.path = path
    self.bytes = bytes
    self.content = content
    self.regionDigests = regionDigests
  }

  /// Reads the first mebibyte of `path` (a block device or an image file).
  public static func read(_ path: String) -> Result<BootArea, ScanIssueError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      return .failure(ScanIssueError(.fromErrno(errno, path: path, doing: "cannot open device")))
    }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: size)
    var total = 0
    while total < size {
      let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + total, size - total, off_t(total)) }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(ScanIssueError(.fromErrno(errno, path: path, doing: "cannot read device")))
      }
      if n == 0 { break }
      total += n
    }
    let read = Array(bytes.prefix(total))
    let content = ContentReader.profile(of: read)
    let digests = regions.map { region in
      let range = min(region.range.lowerBound, total)..<min(region.range.upperBound, total)
      return ContentReader.profile(of: Array(read[range])).sha256
    }
    return .success(BootArea(path: path, bytes: total, content: content, regionDigests: digests))
  }

  /// How the area changed in `now`, or nil when it is the same.
  public func change(to now: BootArea) -> BootChange? {
    guard now.content.sha256 != content.sha256 || now.bytes != bytes else { return nil }
    let changed = Self.regions.indices.filter { regionDigests[$0] != now.regionDigests[$0] }.map {
      Self.regions[$0].name
    }
    let changeClass: ChangeClass =
      if now.content.period > 0 { .wiped } else if now.content.nearRandom && !content.nearRandom {
        .encrypted
      } else { .overwritten }
    return BootChange(changeClass: changeClass, regions: changed, before: self, after: now)
  }
}
