import Crypto
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase

/// Reads files for one snapshot thread: SHA-256 over every byte in chunks through one reused
/// buffer, a byte histogram of the first bytes of each chunk (entropy), the type from the first
/// bytes, and whether the file repeats one short pattern (a wiper's fill).
final class ContentReader {
  let chunkSize: Int
  let buffer: UnsafeMutableRawPointer
  /// 256 counters for the sampled bytes.
  let histogram = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
  /// The first bytes of a file that looks periodic, to check later chunks against.
  let pattern: UnsafeMutableRawPointer
  /// Bytes of `pattern` filled.
  var patternLength = 0
  /// Called after the first chunk of every file is read (tests use it to change the file then).
  let afterFirstChunk: (@Sendable (String) -> Void)?

  /// Bytes of each chunk that go into the histogram.
  static let sampleBytes = 4096
  /// Longest pattern a wiped file may repeat, and the bytes compared at once against it.
  static let maxPeriod = 4096
  static let patternPiece = 8192
  static let periods = Array(1...16) + [24, 32, 64, 128, 256, 512, 1024, 2048, 4096]

  init(chunkSize: Int, afterFirstChunk: (@Sendable (String) -> Void)? = nil) {
    self.chunkSize = max(chunkSize, Self.maxPeriod + Self.patternPiece)
    buffer = .allocate(byteCount: self.chunkSize, alignment: 64)
    pattern = .allocate(byteCount: Self.maxPeriod + Self.patternPiece, alignment: 64)
    self.afterFirstChunk = afterFirstChunk
  }

  deinit {
    buffer.deallocate()
    histogram.deallocate()
    pattern.deallocate()
  }

  /// Reads an open file to its end. Fails on a read error, and when the file was deleted or
  /// changed while it was read: its content is then unknown.
  func profile(fd: Int32, path: String, opened: stat) -> Result<(ContentProfile, bytes: Int), ScanIssueError>
  {
    var hasher = SHA256()
    histogram.initialize(repeating: 0, count: 256)
    var total = 0
    var sampled = 0
    var type = ContentType.empty
    var period = 0
    while true {
      let n = read(fd, buffer, chunkSize)
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(ScanIssueError(.fromErrno(errno, path: path, doing: "cannot read file")))
      }
      if n == 0 { break }
      let chunk = UnsafeRawBufferPointer(start: buffer, count: n)
      hasher.update(bufferPointer: chunk)
      let sample = min(n, Self.sampleBytes)
      count(chunk.baseAddress!.assumingMemoryBound(to: UInt8.self), sample)
      sampled += sample
      if total == 0 {
        type = ContentType.sniff(UnsafeRawBufferPointer(rebasing: chunk.prefix(Self.sampleBytes)))
        period = firstPeriod(chunk)
        afterFirstChunk?(path)
      } else if period > 0, !continues(chunk, at: total, period: period) {
        period = 0
      }
      total += n
      // No read to meet the end of a file whose size is reached: the closing fstat tells
      // whether it grew meanwhile. (A size of 0 is read anyway: some files report none.)
      if total >= Int(opened.st_size) && opened.st_size > 0 { break }
    }
    var closing = stat()
    guard fstat(fd, &closing) == 0 else {
      return .failure(ScanIssueError(.fromErrno(errno, path: path, doing: "cannot stat file")))
    }
    if closing.st_nlink == 0 {
      return .failure(
        ScanIssueError(ScanIssue(code: .notFound, message: "deleted while being hashed", path: path)))
    }
    if total != Int(opened.st_size) || closing.st_size != opened.st_size
      || FileStamp(closing).mtime != FileStamp(opened).mtime
    {
      return .failure(
        ScanIssueError(ScanIssue(code: .changedWhileRead, message: "changed while being hashed", path: path)))
    }
    let digest = hasher.finalize().withUnsafeBytes { ContentDigest(bytes: $0) }
    let profile = ContentProfile(
      sha256: digest, entropy: entropy(sampled), sampled: sampled, type: type, period: total >= 2 ? period : 0
    )
    return .success((profile, total))
  }

  /// The profile of bytes in memory, as if read from a file in one chunk (a boot area).
  package static func profile(of bytes: [UInt8]) -> ContentProfile {
    let reader = ContentReader(chunkSize: 0)
    return bytes.withUnsafeBytes { raw in
      reader.histogram.initialize(repeating: 0, count: 256)
      let sample = min(raw.count, sampleBytes)
      if sample > 0 { reader.count(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), sample) }
      let head = UnsafeRawBufferPointer(rebasing: raw.prefix(sampleBytes))
      return ContentProfile(
        sha256: SHA256.hash(data: raw).withUnsafeBytes { ContentDigest(bytes: $0) },
        entropy: reader.entropy(sample), sampled: sample, type: ContentType.sniff(head),
        period: raw.count >= 2 ? reader.firstPeriod(raw) : 0)
    }
  }

  func count(_ p: UnsafePointer<UInt8>, _ n: Int) {
    for i in 0..<n { histogram[Int(p[i])] &+= 1 }
  }

  func entropy(_ n: Int) -> Double {
    guard n > 0 else { return 0 }
    var bits = 0.0
    let total = Double(n)
    for i in 0..<256 where histogram[i] > 0 {
      let p = Double(histogram[i]) / total
      bits -= p * log2(p)
    }
    return bits
  }

  /// The shortest candidate period the first chunk repeats, or 0. A mismatch is usually found
  /// within a few bytes, so ordinary files cost a few short `memcmp`s.
  func firstPeriod(_ chunk: UnsafeRawBufferPointer) -> Int {
    let n = chunk.count
    let base = chunk.baseAddress!
    for p in Self.periods where 2 * p <= n {
      if memcmp(base, base + p, n - p) == 0 {
        patternLength = min(n, Self.maxPeriod + Self.patternPiece)
        pattern.copyMemory(from: base, byteCount: patternLength)
        return p
      }
    }
    return 0
  }

  /// Whether a later chunk, starting `offset` bytes into the file, goes on repeating the pattern.
  func continues(_ chunk: UnsafeRawBufferPointer, at offset: Int, period: Int) -> Bool {
    // The kept bytes hold the pattern from any phase for `step` bytes.
    let step = (patternLength - period) / period * period
    guard step > 0 else { return false }
    var j = 0
    while j < chunk.count {
      let length = min(step, chunk.count - j)
      let phase = (offset + j) % period
      if memcmp(chunk.baseAddress! + j, pattern + phase, length) != 0 { return false }
      j += length
    }
    return true
  }
}
