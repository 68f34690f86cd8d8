/// What a person reads of an Outlook message, from its MAPI properties: the same for a `.msg`
/// file and a message in a PST, whatever the container hands over the properties.
enum MAPIMessageText {
  /// A sender or recipient as a mail header shows one: `Name <address>`, or whichever is known.
  static func person(_ name: String?, _ address: String?) -> String? {
    switch (name, address) {
    case (let n?, let a?) where n != a: "\(n) <\(a)>"
    case (let n?, _): n
    case (nil, let a?): a
    default: nil
    }
  }

  /// "headers": subject, sender, the display lists and each recipient, from `string(tag)`.
  static func headers(_ string: (Int) -> String?, recipients: [String]) -> DocumentText? {
    var headers: [String] = []
    if let subject = string(0x0037) { headers.append("Subject: \(subject)") }
    let sender = person(string(0x0C1A), string(0x5D01) ?? string(0x0C1F))
    if let sender { headers.append("From: \(sender)") }
    if let behalf = person(string(0x0042), string(0x0065)), behalf != sender {
      headers.append("Sender: \(behalf)")
    }
    for (tag, label) in [(0x0E04, "To"), (0x0E03, "Cc"), (0x0E02, "Bcc")] {
      if let value = string(tag) { headers.append("\(label): \(value)") }
    }
    headers += recipients.map { "Recipient: \($0)" }
    guard !headers.isEmpty else { return nil }
    return DocumentText(
      part: "headers", text: Array((headers.joined(separator: "\n") + "\n").utf8), isTable: false)
  }

  /// "body" parts: plain, HTML and RTF, as a mail's alternative parts are. The RTF body is the
  /// compressed form Outlook stores (`PidTagRtfCompressed`); false when its header is unknown.
  static func bodies(plain: [UInt8]?, html: [UInt8]?, compressedRTF: [UInt8]?) -> (
    texts: [DocumentText], rtfRead: Bool
  ) {
    var texts: [DocumentText] = []
    if let plain { texts.append(DocumentText(part: "body", text: plain, isTable: false)) }
    if let html { texts.append(DocumentText(part: "body", text: MarkupText.html(html), isTable: false)) }
    guard let compressedRTF else { return (texts, true) }
    guard let rtf = CompressedRTF.decompress(compressedRTF, limit: DocumentText.defaultLimit) else {
      return (texts, false)
    }
    texts.append(DocumentText(part: "body", text: RTFText.text(rtf), isTable: false))
    return (texts, true)
  }
}
