package import BlastRadiusBase
import CPff

/// A file or message attached to a message of an Outlook store. A file's bytes are not read
/// here: `source(at:)` streams them to the scanner, so a large attachment costs no memory.
package struct OutlookAttachment {
  package enum Content {
    /// A file, `size` bytes long.
    case data(size: Int)
    /// A message attached as one (read already, one level down).
    case message(OutlookMessage)
    /// A link to a file elsewhere, or nothing: no bytes to read.
    case none
  }

  package var name: String
  package var content: Content = .none
  package var problem: OutlookStore.Problem?
  let item: PffItem

  init(_ item: PffItem, index: Int, limits: ExtractionLimits, depth: Int) {
    self.item = item
    name = item.string(0x3707) ?? item.string(0x3704) ?? item.string(0x3001) ?? "attachment \(index + 1)"
    do {
      var type: Int32 = 0
      try pff { libpff_attachment_get_type(item.pointer, &type, $0) }
      switch UInt8(truncatingIfNeeded: type) {
      case UInt8(ascii: "d"):
        var size: size64_t = 0
        try pff { libpff_attachment_get_data_size(item.pointer, &size, $0) }
        content = .data(size: Int(size))
      case UInt8(ascii: "i"):
        guard depth + 1 < limits.maxDepth else {
          problem = OutlookStore.Problem(
            code: .limitExceeded,
            message: "pst: messages attached deeper than \(limits.maxDepth) (--max-depth)")
          return
        }
        if let attached = try PffItem.get({ libpff_attachment_get_item(item.pointer, $0, $1) }) {
          content = .message(OutlookMessage(attached, folder: [], limits: limits, depth: depth + 1))
        }
      default:
        break
      }
    } catch {
      problem = OutlookStore.Problem(code: .corrupt, message: "pst: attachment: \(error.message)")
    }
  }

  /// The attachment's bytes from the start, read through libpff as the scanner asks for them;
  /// `place` names the attachment in the error record of a failed read.
  package func source(at place: ItemPlace) -> OutlookAttachmentSource {
    OutlookAttachmentSource(item: item, place: place)
  }
}
