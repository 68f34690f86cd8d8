import BlastRadiusBase
import CPff

/// One message of an Outlook store, read through libpff: what a person reads of it (headers,
/// plain, HTML and RTF bodies) and its attachments, each to be scanned as an item of its own.
package struct OutlookMessage {
  /// Where the message is: its folder's path, its subject and the day it was delivered (or
  /// sent, or written), as in `Inbox/Quarterly numbers (2014-11-03)`.
  package var name: String
  package var texts: [DocumentText] = []
  /// Problems met reading it; their `within` is relative to the message.
  package var problems: [OutlookStore.Problem] = []
  package var attachments: [OutlookAttachment] = []

  init(_ item: PffItem, folder: [String], limits: ExtractionLimits, depth: Int) {
    let subject = Self.subject(item)
    let day = Self.day(item).map { " (\($0))" } ?? ""
    name = (folder + ["\(subject ?? "(no subject)")\(day)"]).joined(separator: "/")

    var recipients: [String] = []
    do {
      if let list = try PffItem.get({ libpff_message_get_recipients(item.pointer, $0, $1) }) {
        for set in 0..<list.recordSets {
          if let who = MAPIMessageText.person(
            list.string(0x3001, set: set), list.string(0x39FE, set: set) ?? list.string(0x3003, set: set))
          {
            recipients.append(who)
          }
        }
      }
    } catch {
      problem(.corrupt, "recipients: \(error.message)")
    }
    if let headers = MAPIMessageText.headers(
      { $0 == 0x0037 ? subject : item.string(UInt32($0)) }, recipients: recipients)
    {
      texts.append(headers)
    }
    // The RTF body is decompressed here rather than by libpff, which refuses the uncompressed
    // (`MELA`) form and any body whose CRC is off.
    let bodies = MAPIMessageText.bodies(
      plain: body(item, 0x1000, "plain text body", limits), html: body(item, 0x1013, "HTML body", limits),
      compressedRTF: body(item, 0x1009, "RTF body", limits))
    texts += bodies.texts
    if !bodies.rtfRead { problem(.corrupt, "the compressed RTF body has an unknown header") }

    var count: Int32 = 0
    do {
      try pff { libpff_message_get_number_of_attachments(item.pointer, &count, $0) }
    } catch {
      problem(.corrupt, "attachments: \(error.message)")
    }
    for index in 0..<count {
      do {
        guard let attachment = try PffItem.get({ libpff_message_get_attachment(item.pointer, index, $0, $1) })
        else { continue }
        attachments.append(OutlookAttachment(attachment, index: Int(index), limits: limits, depth: depth))
      } catch {
        problem(.corrupt, "attachment \(index + 1): \(error.message)")
      }
    }
  }

  mutating func problem(_ code: ScanIssue.Code, _ message: String) {
    problems.append(OutlookStore.Problem(code: code, message: "pst: \(message)"))
  }

  /// A body property, within `--max-document-bytes`.
  mutating func body(_ item: PffItem, _ tag: UInt32, _ what: String, _ limits: ExtractionLimits) -> [UInt8]? {
    do {
      switch try item.value(tag, limit: limits.maxDocumentBytes) {
      case .bytes(let b)?: return b.isEmpty ? nil : b
      case .tooLarge(let size)?:
        problem(
          .limitExceeded,
          "\(what) of \(size) bytes, larger than \(limits.maxDocumentBytes), was not read (--max-document-bytes)"
        )
      case nil: break
      }
    } catch {
      problem(.corrupt, "\(what): \(error.message)")
    }
    return nil
  }

  /// The subject without the prefix marker Outlook may store first (U+0001 and the prefix's
  /// length).
  static func subject(_ item: PffItem) -> String? {
    guard case .bytes(var b)? = try? item.value(0x0037, limit: 1 << 16) else { return nil }
    if b.first == 0x01, b.count >= 2 { b.removeFirst(2) }
    let clean = b.map { $0 < 0x20 ? 0x20 : $0 }
    return clean.allSatisfy({ $0 == 0x20 }) ? nil : String(decoding: clean, as: UTF8.self)
  }

  /// The day (UTC, `yyyy-mm-dd`) the message was delivered, else sent, else written.
  static func day(_ item: PffItem) -> String? {
    var filetime: UInt64 = 0
    for call in [
      libpff_message_get_delivery_time, libpff_message_get_client_submit_time,
      libpff_message_get_creation_time,
    ] {
      if (try? pff({ call(item.pointer, &filetime, $0) })) == true, filetime > 0 { break }
      filetime = 0
    }
    guard filetime > 0 else { return nil }
    // FILETIME counts 100 ns from 1601-01-01, 134 774 days before 1970-01-01.
    let (year, month, day) = CivilDay.date(daysSince1970: Int(filetime / 864_000_000_000) - 134_774)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(day))"
  }
}
