import CArchive
import Foundation

/// Writes archives for the container tests with libarchive's writer, so every fixture is made
/// by the test that uses it.
enum ArchiveFixture {
  enum Format {
    case zip, tar, sevenZip
    /// One compressed file, no archive (`.gz`).
    case raw
  }

  enum Filter: Sendable {
    case none, gzip, bzip2, xz
  }

  static func make(
    _ format: Format, filter: Filter = .none, entries: [(String, [UInt8])], password: String? = nil
  ) throws -> [UInt8] {
    let a = archive_write_new()!
    defer { archive_write_free(a) }
    switch format {
    case .zip: archive_write_set_format_zip(a)
    case .tar: archive_write_set_format_pax_restricted(a)
    case .sevenZip: archive_write_set_format_7zip(a)
    case .raw: archive_write_set_format_raw(a)
    }
    switch filter {
    case .none: break
    case .gzip: archive_write_add_filter_gzip(a)
    case .bzip2: archive_write_add_filter_bzip2(a)
    case .xz: archive_write_add_filter_xz(a)
    }
    if let password {
      archive_write_set_options(a, "zip:encryption=traditional")
      archive_write_set_passphrase(a, password)
    }
    let capacity = entries.reduce(1 << 20) { $0 + $1.1.count * 2 + 512 }
    var out = [UInt8](repeating: 0, count: capacity)
    var used = 0
    let status = out.withUnsafeMutableBytes { archive_write_open_memory(a, $0.baseAddress, capacity, &used) }
    guard status == ARCHIVE_OK else { throw Failure(a) }
    for (name, bytes) in entries {
      let entry = archive_entry_new()!
      defer { archive_entry_free(entry) }
      archive_entry_set_pathname(entry, name)
      archive_entry_set_size(entry, la_int64_t(bytes.count))
      archive_entry_set_filetype(entry, 0o100000)
      archive_entry_set_perm(entry, 0o644)
      guard archive_write_header(a, entry) == ARCHIVE_OK else { throw Failure(a) }
      let written = bytes.withUnsafeBytes { archive_write_data(a, $0.baseAddress, $0.count) }
      guard written == bytes.count else { throw Failure(a) }
    }
    guard archive_write_close(a) == ARCHIVE_OK else { throw Failure(a) }
    return Array(out[0..<used])
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ a: OpaquePointer) {
      description = archive_error_string(a).map { String(cString: $0) } ?? "libarchive write failed"
    }
  }
}
