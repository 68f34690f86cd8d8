/// Writes an Outlook message file (`.msg`): each MAPI property a `__substg1.0_TTTTYYYY` stream,
/// recipients and attachments storages of their own, from the same message description a PST
/// holds, so one fixture can be saved both ways.
package enum MessageFileWriter {
  typealias W = CompoundFileWriter

  /// The compound file's nodes for `message`.
  package static func nodes(_ message: PSTWriter.Message) -> [CompoundFileWriter.Node] {
    func string(_ tag: String, _ value: String) -> W.Node {
      .stream("__substg1.0_\(tag)001F", W.utf16(value))
    }
    func binary(_ tag: String, _ value: [UInt8]) -> W.Node { .stream("__substg1.0_\(tag)0102", value) }
    var nodes: [W.Node] = [
      .stream("__properties_version1.0", [UInt8](repeating: 0, count: 32)), string("0037", message.subject),
    ]
    if let sender = message.sender { nodes += [string("0C1A", sender.name), string("0C1F", sender.address)] }
    if let body = message.body { nodes.append(string("1000", body)) }
    if let html = message.html { nodes.append(binary("1013", Array(html.utf8))) }
    if let rtf = message.compressedRTF { nodes.append(binary("1009", rtf)) }
    for (k, person) in message.recipients.enumerated() {
      nodes.append(
        .storage(
          "__recip_version1.0_#\(hex8(k))", [string("3001", person.name), string("39FE", person.address)]))
    }
    for (k, attachment) in message.attachments.enumerated() {
      nodes.append(
        .storage(
          "__attach_version1.0_#\(hex8(k))",
          [string("3707", attachment.name), binary("3701", attachment.data)]))
    }
    return nodes
  }

  /// The `.msg` file's bytes.
  package static func file(_ message: PSTWriter.Message) -> [UInt8] { W.make(nodes(message)).bytes }

  static func hex8(_ n: Int) -> String {
    let digits = String(n, radix: 16, uppercase: true)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }
}
