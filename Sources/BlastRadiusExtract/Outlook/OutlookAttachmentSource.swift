package import BlastRadiusBase
import CPff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An attachment's bytes in a store, read through libpff a buffer at a time, so a zip attached
/// to a message is opened like any zip and nothing is held whole.
package struct OutlookAttachmentSource: ByteSource {
  let item: PffItem
  let place: ItemPlace
  var started = false

  init(item: PffItem, place: ItemPlace) {
    self.item = item
    self.place = place
  }

  package mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ScanIssueError) -> Int {
    do throws(PffFailure) {
      if !started {
        started = true
        var error: UnsafeMutablePointer<libpff_error_t>?
        if libpff_attachment_data_seek_offset(item.pointer, 0, SEEK_SET, &error) < 0 {
          defer { libpff_error_free(&error) }
          throw PffFailure(error)
        }
      }
      var error: UnsafeMutablePointer<libpff_error_t>?
      let n = libpff_attachment_data_read_buffer(
        item.pointer, buffer.assumingMemoryBound(to: UInt8.self), count, &error)
      if n < 0 {
        defer { libpff_error_free(&error) }
        throw PffFailure(error)
      }
      return n
    } catch {
      throw ScanIssueError(
        ScanIssue(
          code: .corrupt, message: "pst: attachment data: \(error.message)", path: place.path,
          within: place.within))
    }
  }
}
