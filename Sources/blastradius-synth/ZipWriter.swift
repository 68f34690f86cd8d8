import CArchive

/// Builds a zip archive in memory with libarchive's writer (deflate, sizes known up front), for the
/// Office packages and backups of the document corpus. Members keep the order they are added in.
struct ZipWriter {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Collects what libarchive writes; passed to the C callback as its client data.
  private final class Sink {
    var bytes: [UInt8] = []
  }

  private var entries: [(name: String, bytes: [UInt8], modified: Int)] = []

  /// Adds a regular file; `modified` is its time in seconds since 1970 (zip stores it to two seconds).
  mutating func add(_ name: String, _ bytes: [UInt8], modified: Int) {
    entries.append((name, bytes, modified))
  }

  mutating func add(_ name: String, _ text: String, modified: Int) {
    add(name, Array(text.utf8), modified: modified)
  }

  /// The archive's bytes.
  func archive() throws -> [UInt8] {
    guard let a = archive_write_new() else { throw Failure(description: "archive_write_new failed") }
    defer { archive_write_free(a) }
    let sink = Sink()
    sink.bytes.reserveCapacity(entries.reduce(4096) { $0 + $1.bytes.count / 2 + 128 })
    guard archive_write_set_format_zip(a) == ARCHIVE_OK,
      // No blocking: libarchive would pad the last block with zeros after the central directory.
      archive_write_set_bytes_per_block(a, 0) == ARCHIVE_OK
    else { throw failure(a) }
    let context = Unmanaged.passUnretained(sink).toOpaque()
    let status = archive_write_open(
      a, context, nil,
      { _, context, buffer, length in
        guard let context, let buffer else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
        return la_ssize_t(length)
      }, nil)
    guard status == ARCHIVE_OK else { throw failure(a) }
    for (name, bytes, modified) in entries {
      guard let entry = archive_entry_new() else { throw Failure(description: "archive_entry_new failed") }
      defer { archive_entry_free(entry) }
      archive_entry_set_pathname(entry, name)
      archive_entry_set_size(entry, la_int64_t(bytes.count))
      archive_entry_set_filetype(entry, 0o100000)
      archive_entry_set_perm(entry, 0o644)
      archive_entry_set_mtime(entry, time_t(modified), 0)
      guard archive_write_header(a, entry) == ARCHIVE_OK else { throw failure(a) }
      if !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { archive_write_data(a, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw failure(a) }
      }
    }
    guard archive_write_close(a) == ARCHIVE_OK else { throw failure(a) }
    return withExtendedLifetime(sink) { sink.bytes }
  }

  private func failure(_ a: OpaquePointer) -> Failure {
    Failure(description: archive_error_string(a).map { String(cString: $0) } ?? "libarchive write failed")
  }
}
