import CArchive
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
package import BlastRadiusBase

/// One container opened with libarchive, streaming: members are read one at a time and never
/// written anywhere, so a member named `../../etc/passwd` is only a name in a report.
///
/// Its bytes come from a `ByteSource` (the file, or a member of the enclosing container), after
/// the `prefix` the scanner already read to recognise the format.
package final class ArchiveReader {
  /// A member's header.
  package struct Entry {
    package var name: String
    package var size: Int?
    package var isRegularFile: Bool
    package var isEncrypted: Bool
  }

  /// Feeds libarchive: the prefix first, then the source, through one buffer.
  final class Feed {
    var prefix: [UInt8]
    var source: any ByteSource
    let buffer: UnsafeMutableRawPointer
    let capacity = 64 * 1024
    var failure: ScanIssueError?
    /// Bytes handed to libarchive so far: the container's size as far as read.
    var consumed = 0
    /// The first bytes handed to libarchive, kept so that the stream can be read again from its
    /// start (`ArchiveReader.replay`), unless libarchive seeked or read past them.
    var recorded: [UInt8] = []
    var seeked = false
    /// No longer kept once the archive has shown a member.
    var keeping = true
    static let replayLimit = 1 << 20

    init(prefix: [UInt8], source: any ByteSource) {
      self.prefix = prefix
      self.source = source
      buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Moves to `offset` of a seekable source (the prefix is its first bytes, read again).
    func seek(_ offset: Int64, _ whence: Int32) -> Int64 {
      guard var seekable = source as? any SeekableByteSource else { return -1 }
      let base: Int =
        switch whence {
        case SEEK_SET: 0
        case SEEK_CUR: consumed
        default: seekable.size
        }
      let target = max(0, min(seekable.size, base + Int(offset)))
      seekable.seek(to: target)
      source = seekable
      prefix = []
      consumed = target
      seeked = true
      return Int64(target)
    }

    func next() -> Int {
      if !prefix.isEmpty {
        let n = min(prefix.count, capacity)
        prefix.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: n) }
        prefix.removeFirst(n)
        record(n)
        return n
      }
      do {
        let n = try source.read(into: buffer, count: capacity)
        record(n)
        return n
      } catch {
        failure = error
        return -1
      }
    }

    func record(_ n: Int) {
      if keeping, consumed + n <= Self.replayLimit {
        recorded.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: n))
      }
      consumed += n
    }
  }

  let archive: OpaquePointer
  let feed: Feed
  package let kind: ContainerKind

  /// With `rawOnly`, the stream is one compressed file whatever its content looks like.
  package init(kind: ContainerKind, prefix: [UInt8], source: any ByteSource, rawOnly: Bool = false) {
    self.kind = kind
    archive = archive_read_new()
    archive_read_support_filter_all(archive)
    feed = Feed(prefix: prefix, source: source)
    if rawOnly {
      archive_read_support_format_raw(archive)
      return
    }
    // Archive formats by name: libarchive's "all" includes mtree, which reads any decompressed
    // text file as a damaged file list ("Can't parse line 122").
    archive_read_support_format_7zip(archive)
    archive_read_support_format_ar(archive)
    archive_read_support_format_cab(archive)
    archive_read_support_format_cpio(archive)
    archive_read_support_format_iso9660(archive)
    archive_read_support_format_lha(archive)
    archive_read_support_format_rar(archive)
    archive_read_support_format_rar5(archive)
    archive_read_support_format_tar(archive)
    archive_read_support_format_xar(archive)
    archive_read_support_format_zip(archive)
    // A lone compressed file (`.log.gz`) is one member named "data".
    archive_read_support_format_raw(archive)
  }

  deinit { archive_read_free(archive) }

  /// Opens the stream; a failure is the container's error.
  package func open() -> String? {
    if feed.source is any SeekableByteSource {
      archive_read_set_seek_callback(archive) { _, client, offset, whence in
        Unmanaged<Feed>.fromOpaque(client!).takeUnretainedValue().seek(offset, whence)
      }
    }
    let status = archive_read_open(
      archive, Unmanaged.passUnretained(feed).toOpaque(), nil,
      { _, client, out in
        let feed = Unmanaged<Feed>.fromOpaque(client!).takeUnretainedValue()
        let n = feed.next()
        out?.pointee = UnsafeRawPointer(feed.buffer)
        return n
      }, nil)
    return status == ARCHIVE_OK ? nil : message()
  }

  /// The next member's header, nil at the end; throws the reason when the container is corrupt.
  package func next() throws(ArchiveFailure) -> Entry? {
    var entry: OpaquePointer?
    let status = archive_read_next_header(archive, &entry)
    if status == ARCHIVE_EOF { return nil }
    guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
      throw ArchiveFailure(message: message(), source: feed.failure)
    }
    // A stream with a member is read as what it is: nothing to replay.
    feed.keeping = false
    feed.recorded = []
    let name = archive_entry_pathname(entry).map { String(cString: $0) } ?? "?"
    return Entry(
      name: name,
      size: archive_entry_size_is_set(entry) != 0 ? Int(archive_entry_size(entry)) : nil,
      // AE_IFREG (a cast macro Swift does not import); raw streams have no type at all.
      isRegularFile: archive_entry_filetype(entry) == 0o100000 || archive_entry_filetype(entry) == 0,
      isEncrypted: archive_entry_is_encrypted(entry) != 0)
  }

  /// Reads the current member's data; 0 at its end.
  package func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ArchiveFailure) -> Int {
    let n = archive_read_data(archive, buffer, count)
    if n < 0 { throw ArchiveFailure(message: message(), source: feed.failure) }
    return n
  }

  /// Whether libarchive treats the stream as a lone compressed file.
  package var isRaw: Bool { archive_format(archive) == ARCHIVE_FORMAT_RAW }

  /// Whether the stream is compressed (gzip, bzip2, xz…) under the archive format.
  package var isCompressed: Bool { archive_filter_count(archive) > 1 }

  /// The stream from its first byte again, for a second reading with other formats; nil when
  /// libarchive seeked or read past what was kept.
  package func replay() -> (prefix: [UInt8], source: any ByteSource)? {
    guard feed.keeping, !feed.seeked, feed.consumed <= feed.recorded.count, feed.failure == nil else {
      return nil
    }
    // What libarchive took, then what it had not taken yet of the prefix, then the source.
    return (feed.recorded + feed.prefix, feed.source)
  }

  /// After the last member of an uncompressed tar, cpio or ar read from a file: the bytes past
  /// the archive's end when one of them is not zero (text appended to an archive), from the
  /// first such byte; nil otherwise. libarchive stops at the end-of-archive marker.
  package func trailer() -> (prefix: [UInt8], source: any ByteSource)? {
    let base = archive_format(archive) & ARCHIVE_FORMAT_BASE_MASK
    guard !isCompressed, [ARCHIVE_FORMAT_TAR, ARCHIVE_FORMAT_CPIO, ARCHIVE_FORMAT_AR].contains(base),
      var rest = feed.source as? any SeekableByteSource
    else { return nil }
    let end = Int(archive_filter_bytes(archive, 0))
    guard end >= 0, end < rest.size else { return nil }
    rest.seek(to: end)
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n: Int
      do {
        n = try chunk.withUnsafeMutableBytes { b throws(ScanIssueError) in
          try rest.read(into: b.baseAddress!, count: b.count)
        }
      } catch {
        return nil
      }
      if n == 0 { return nil }
      if let first = chunk[0..<n].firstIndex(where: { $0 != 0 }) {
        return (Array(chunk[first..<n]), rest)
      }
    }
  }

  func message() -> String {
    archive_error_string(archive).map { String(cString: $0) } ?? "unreadable \(kind.rawValue) data"
  }
}

/// A container could not be read further: libarchive's message, or the read error under it.
package struct ArchiveFailure: Error {
  package var message: String
  package var source: ScanIssueError?
}

/// The current member of an `ArchiveReader`, as a `ByteSource`.
package struct MemberSource: ByteSource {
  let reader: ArchiveReader
  let path: String
  let within: [String]

  package init(reader: ArchiveReader, path: String, within: [String]) {
    self.reader = reader
    self.path = path
    self.within = within
  }

  package mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ScanIssueError) -> Int {
    do {
      return try reader.read(into: buffer, count: count)
    } catch {
      if let underlying = error.source { throw underlying }
      throw ScanIssueError(ScanIssue(code: .corrupt, message: error.message, path: path, within: within))
    }
  }
}
