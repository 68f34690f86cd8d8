/// Writes small Outlook personal folders files (Unicode PST, `wVer` 23) for the tests and the sample share, from the
/// published format ([MS-PST]): the node database (header, node and block B-trees in 512-byte
/// pages, data blocks with trailers and CRCs, subnode blocks), the lists-tables-properties layer
/// (heaps on nodes, property contexts, table contexts) and the messaging layer (a message
/// store, a root folder holding the IPM subtree, folders with their hierarchy, contents and
/// associated contents tables, messages with recipients and attachments).
///
/// Only what a reader needs is written: no free map, no search folders, no templates. Values of
/// 1 KiB or more go to subnodes, so every heap fits one block.
package enum PSTWriter {
  package struct Folder {
    package var name: String
    package var folders: [Folder]
    package var messages: [Message]

    package init(name: String, folders: [Folder] = [], messages: [Message] = []) {
      self.name = name
      self.folders = folders
      self.messages = messages
    }
  }

  package struct Person {
    package var name: String
    package var address: String

    package init(name: String, address: String) {
      self.name = name
      self.address = address
    }
  }

  package struct Message {
    package var subject: String
    package var sender: Person?
    package var recipients: [Person]
    package var body: String?
    package var html: String?
    /// `PidTagRtfCompressed` as stored: compressed or the uncompressed (`MELA`) form.
    package var compressedRTF: [UInt8]?
    /// Delivery time, a FILETIME (100 ns since 1601-01-01).
    package var delivered: UInt64?
    package var attachments: [Attachment]

    package init(
      subject: String, sender: Person? = nil, recipients: [Person] = [], body: String? = nil,
      html: String? = nil, compressedRTF: [UInt8]? = nil, delivered: UInt64? = nil,
      attachments: [Attachment] = []
    ) {
      self.subject = subject
      self.sender = sender
      self.recipients = recipients
      self.body = body
      self.html = html
      self.compressedRTF = compressedRTF
      self.delivered = delivered
      self.attachments = attachments
    }
  }

  package struct Attachment {
    package var name: String
    package var data: [UInt8]

    package init(name: String, data: [UInt8]) {
      self.name = name
      self.data = data
    }
  }

  /// `bCryptMethod`: how the data of external blocks is encoded.
  package enum Encoding: UInt8 {
    case none = 0
    case permute = 1
    /// Windows Information Protection: only the header says so here, which is all a reader
    /// needs to refuse the store.
    case protected = 0x10
  }

  /// The file for a store whose IPM subtree holds `folders`.
  package static func make(_ folders: [Folder], encoding: Encoding = .none, name: String = "Personal Folders")
    -> [UInt8]
  {
    var store = StoreBuilder()
    store.build(folders, name: name)
    var layout = FileLayout(nodes: store.nodes, encoding: encoding)
    return layout.bytes()
  }

  /// FILETIME of a UTC date and time.
  package static func filetime(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) -> UInt64 {
    // Days from 1970-01-01 (Howard Hinnant's days_from_civil).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    let seconds = days * 86_400 + hour * 3600 + minute * 60
    return UInt64(seconds + 11_644_473_600) * 10_000_000
  }

  /// A compressed RTF body (`LZFu`) with its CRC set: libpff checks it, where Outlook's own
  /// readers and this project's do not.
  package static func withCRC(_ compressedRTF: [UInt8]) -> [UInt8] {
    var out = compressedRTF
    put(crc(out.dropFirst(16)), 4, at: 12, in: &out)
    return out
  }

  // MARK: - Bytes

  package static func le(_ v: some BinaryInteger, _ width: Int) -> [UInt8] {
    let x = UInt64(truncatingIfNeeded: v)
    return (0..<width).map { UInt8(truncatingIfNeeded: x >> (8 * UInt64($0))) }
  }

  package static func put(_ v: some BinaryInteger, _ width: Int, at offset: Int, in bytes: inout [UInt8]) {
    bytes.replaceSubrange(offset..<(offset + width), with: le(v, width))
  }

  package static func utf16(_ s: String) -> [UInt8] {
    s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }

  /// The format's CRC: CRC-32 (reflected 0xEDB88320) starting at 0, without a final inversion.
  static let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  package static func crc(_ bytes: some Sequence<UInt8>, start: UInt32 = 0) -> UInt32 {
    var c = start
    for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c
  }

  /// A page's or block's signature: its offset and id folded together.
  static func signature(ib: UInt64, bid: UInt64) -> UInt16 {
    let x = ib ^ bid
    return UInt16(truncatingIfNeeded: x >> 16) ^ UInt16(truncatingIfNeeded: x)
  }

  // MARK: - Lists, tables, properties

  /// A property's value as the writer knows them.
  enum Value {
    case int32(Int)
    case bool(Bool)
    case time(UInt64)
    case string(String)
    case binary([UInt8])

    var type: Int {
      switch self {
      case .int32: 0x0003
      case .bool: 0x000B
      case .time: 0x0040
      case .string: 0x001F
      case .binary: 0x0102
      }
    }
  }

  /// A node's bytes and the subnodes under it (their ids are local to the node).
  struct Node {
    var nid: UInt32
    var parent: UInt32 = 0
    var data: [UInt8]
    var subnodes: [Node] = []
  }

  /// The items of a heap-on-node, allocated in order; HIDs count from 1 in block 0.
  struct Heap {
    var items: [[UInt8]] = []
    /// Values too large for the heap, stored as subnodes of the node.
    var subnodes: [Node] = []

    mutating func add(_ item: [UInt8]) -> UInt32 {
      items.append(item)
      return UInt32(items.count) << 5
    }

    /// A variable-size value: a HID, or the NID of a subnode when it is large.
    mutating func store(_ data: [UInt8]) -> UInt32 {
      guard data.count >= 1024 else { return add(data) }
      let nid = UInt32(0x100 + subnodes.count) << 5 | 0x1F
      subnodes.append(Node(nid: nid, data: data))
      return nid
    }

    /// HNHDR, the items, the page map.
    func bytes(client: UInt8, root: UInt32) -> [UInt8] {
      var out = [UInt8](repeating: 0, count: 12)
      var offsets = [12]
      for item in items {
        out += item
        offsets.append(out.count)
      }
      if out.count % 2 == 1 { out.append(0) }
      let map = out.count
      out += PSTWriter.le(items.count, 2) + PSTWriter.le(0, 2) + offsets.flatMap { PSTWriter.le($0, 2) }
      PSTWriter.put(map, 2, at: 0, in: &out)
      out[2] = 0xEC
      out[3] = client
      PSTWriter.put(root, 4, at: 4, in: &out)
      precondition(out.count <= 8176, "a heap larger than one block")
      return out
    }
  }

  /// A BTree-on-heap of one leaf: its header's HID.
  static func bth(_ heap: inout Heap, keySize: Int, entrySize: Int, records: [[UInt8]]) -> UInt32 {
    let root = records.isEmpty ? 0 : heap.add(records.joined().map { $0 })
    return heap.add([0xB5, UInt8(keySize), UInt8(entrySize), 0] + le(root, 4))
  }

  /// A property context: a BTree-on-heap of (property id → type, value or HNID).
  static func propertyContext(_ properties: [(id: Int, value: Value)]) -> (data: [UInt8], subnodes: [Node]) {
    var heap = Heap()
    var records: [[UInt8]] = []
    for (id, value) in properties.sorted(by: { $0.id < $1.id }) {
      let cell: UInt32
      switch value {
      case .int32(let v): cell = UInt32(truncatingIfNeeded: v)
      case .bool(let v): cell = v ? 1 : 0
      case .time(let v): cell = heap.add(le(v, 8))
      case .string(let s): cell = heap.store(utf16(s))
      case .binary(let b): cell = heap.store(b)
      }
      records.append(le(id, 2) + le(value.type, 2) + le(cell, 4))
    }
    let root = bth(&heap, keySize: 2, entrySize: 6, records: records)
    return (heap.bytes(client: 0xBC, root: root), heap.subnodes)
  }

  /// A table context: its columns (property id and type) and rows (row id and a value per
  /// column, nil where the row has none).
  static func tableContext(columns: [(id: Int, type: Int)], rows: [(id: UInt32, values: [Value?])])
    -> (data: [UInt8], subnodes: [Node])
  {
    var heap = Heap()
    let tcinfo = heap.add([])  // filled in last; its HID is the user root
    // Row layout: the row id and version, 4- and 8-byte cells, then 2-, then 1-byte ones, then
    // the cell existence bitmap.
    func width(_ type: Int) -> Int {
      switch type {
      case 0x0040, 0x0014: 8
      case 0x000B: 1
      case 0x0002: 2
      default: 4
      }
    }
    let all = [(id: 0x67F2, type: 0x0003), (id: 0x67F3, type: 0x0003)] + columns
    var order = [0, 1]
    for w in [8, 4, 2, 1] {
      for i in 2..<all.count where width(all[i].type) == w { order.append(i) }
    }
    var offsets = [Int](repeating: 0, count: all.count)
    var (end4, end2, end1) = (0, 0, 0)
    for i in order {
      offsets[i] = end1
      end1 += width(all[i].type)
      if width(all[i].type) >= 4 { end4 = end1 }
      if width(all[i].type) >= 2 { end2 = end1 }
    }
    let rowSize = end1 + (all.count + 7) / 8

    var matrix: [UInt8] = []
    for (index, row) in rows.enumerated() {
      var bytes = [UInt8](repeating: 0, count: rowSize)
      let cells: [Value?] = [.int32(Int(row.id)), .int32(index)] + row.values
      for (i, cell) in cells.enumerated() {
        guard let cell else { continue }
        let data: [UInt8]
        switch cell {
        case .int32(let v): data = le(v, 4)
        case .bool(let v): data = [v ? 1 : 0]
        case .time(let v): data = le(v, 8)
        case .string(let s): data = le(heap.store(utf16(s)), 4)
        case .binary(let b): data = le(heap.store(b), 4)
        }
        bytes.replaceSubrange(offsets[i]..<(offsets[i] + data.count), with: data)
        bytes[end1 + i / 8] |= 0x80 >> UInt8(i % 8)
      }
      matrix += bytes
    }
    let rowIndex = bth(
      &heap, keySize: 4, entrySize: 4,
      records: rows.enumerated().sorted { $0.element.id < $1.element.id }.map {
        le($0.element.id, 4) + le($0.offset, 4)
      }
    )
    let rowsHNID: UInt32 = matrix.isEmpty ? 0 : heap.store(matrix)
    var info: [UInt8] = [0x7C, UInt8(all.count)] + le(end4, 2) + le(end2, 2) + le(end1, 2) + le(rowSize, 2)
    info += le(rowIndex, 4) + le(rowsHNID, 4) + le(0, 4)
    for i in all.indices.sorted(by: { (all[$0].id << 16 | all[$0].type) < (all[$1].id << 16 | all[$1].type) })
    {
      info +=
        le(all[i].id << 16 | all[i].type, 4) + le(offsets[i], 2) + [UInt8(width(all[i].type)), UInt8(i)]
    }
    heap.items[Int(tcinfo >> 5) - 1] = info
    return (heap.bytes(client: 0x7C, root: tcinfo), heap.subnodes)
  }

  // MARK: - Messaging

  /// Lays the folders and messages out as nodes.
  struct StoreBuilder {
    var nodes: [Node] = []
    var nextFolder = 0x400
    var nextMessage = 0x10000
    static let rootFolder: UInt32 = 0x122
    static let storeUID: [UInt8] = Array(0..<16).map { UInt8(0xA0 + $0) }

    static let hierarchyColumns = [
      (id: 0x3001, type: 0x001F), (id: 0x3602, type: 0x0003), (id: 0x3603, type: 0x0003),
      (id: 0x360A, type: 0x000B),
    ]
    static let contentsColumns = [
      (id: 0x001A, type: 0x001F), (id: 0x0037, type: 0x001F), (id: 0x0E06, type: 0x0040),
      (id: 0x0E07, type: 0x0003),
    ]

    mutating func add(_ nid: UInt32, parent: UInt32 = 0, _ content: (data: [UInt8], subnodes: [Node])) {
      nodes.append(Node(nid: nid, parent: parent, data: content.data, subnodes: content.subnodes))
    }

    mutating func build(_ folders: [Folder], name: String) {
      let ipm = UInt32(nextFolder) << 5 | 0x02
      nextFolder += 1
      add(
        0x21,
        PSTWriter.propertyContext([
          (0x0FF9, .binary(Self.storeUID)), (0x3001, .string(name)),
          (0x35E0, .binary(PSTWriter.le(0, 4) + Self.storeUID + PSTWriter.le(ipm, 4))),
          (0x35DF, .int32(1)), (0x67FF, .int32(0)),
        ]))
      // The named-property map: one numeric name in PS_MAPI (GUID index 1), as 0x8000.
      add(
        0x61,
        PSTWriter.propertyContext([
          (0x0001, .int32(251)), (0x0002, .binary(Self.storeUID)),
          (0x0003, .binary(PSTWriter.le(0x8501, 4) + PSTWriter.le(1 << 1, 2) + PSTWriter.le(0, 2))),
          (0x0004, .binary(PSTWriter.le(0, 4))),
        ]))
      folder(Self.rootFolder, parent: Self.rootFolder, name: nil, folders: [], messages: [], children: [ipm])
      folder(
        ipm, parent: Self.rootFolder, name: "Top of Personal Folders", folders: folders, messages: [],
        children: nil)
    }

    /// A folder's property context, its three tables, its subfolders and messages.
    /// `children` gives subfolders already numbered (the root's).
    mutating func folder(
      _ nid: UInt32, parent: UInt32, name: String?, folders: [Folder], messages: [Message],
      children: [UInt32]?
    ) {
      var subfolders: [(nid: UInt32, folder: Folder?)] = children?.map { ($0, nil) } ?? []
      for f in folders {
        subfolders.append((UInt32(nextFolder) << 5 | 0x02, f))
        nextFolder += 1
      }
      var props: [(id: Int, value: Value)] = [
        (0x3602, .int32(messages.count)), (0x3603, .int32(0)), (0x360A, .bool(!subfolders.isEmpty)),
      ]
      if let name { props.append((0x3001, .string(name))) }
      add(nid, parent: parent, PSTWriter.propertyContext(props))
      let base = nid & ~0x1F
      add(
        base | 0x0D,
        PSTWriter.tableContext(
          columns: Self.hierarchyColumns,
          rows: subfolders.map { sub in
            let f = sub.folder
            return (
              sub.nid,
              [
                .string(f?.name ?? "Top of Personal Folders"), .int32(f?.messages.count ?? 0), .int32(0),
                .bool(!(f?.folders.isEmpty ?? true)),
              ]
            )
          }))
      var messageNIDs: [UInt32] = []
      for _ in messages {
        messageNIDs.append(UInt32(nextMessage) << 5 | 0x04)
        nextMessage += 1
      }
      add(
        base | 0x0E,
        PSTWriter.tableContext(
          columns: Self.contentsColumns,
          rows: zip(messageNIDs, messages).map { nid, m in
            (nid, [.string("IPM.Note"), .string(m.subject), m.delivered.map { .time($0) }, .int32(1)])
          }))
      add(base | 0x0F, PSTWriter.tableContext(columns: [(id: 0x001A, type: 0x001F)], rows: []))
      for (messageNID, m) in zip(messageNIDs, messages) { message(messageNID, parent: nid, m) }
      for sub in subfolders {
        guard let f = sub.folder else { continue }
        folder(sub.nid, parent: nid, name: f.name, folders: f.folders, messages: f.messages, children: nil)
      }
    }

    mutating func message(_ nid: UInt32, parent: UInt32, _ m: Message) {
      var props: [(id: Int, value: Value)] = [
        (0x001A, .string("IPM.Note")), (0x0037, .string(m.subject)), (0x0E07, .int32(1)),
        (0x0E08, .int32(1024)),
      ]
      if let t = m.delivered { props += [(0x0E06, .time(t)), (0x0039, .time(t))] }
      if let s = m.sender { props += [(0x0C1A, .string(s.name)), (0x0C1F, .string(s.address))] }
      if !m.recipients.isEmpty {
        props.append((0x0E04, .string(m.recipients.map(\.name).joined(separator: "; "))))
      }
      if let body = m.body { props.append((0x1000, .string(body))) }
      if let html = m.html { props.append((0x1013, .binary(Array(html.utf8)))) }
      if let rtf = m.compressedRTF { props.append((0x1009, .binary(rtf))) }
      props.append((0x0E1B, .bool(!m.attachments.isEmpty)))
      var pc = PSTWriter.propertyContext(props)

      let recipients = PSTWriter.tableContext(
        columns: [
          (id: 0x0C15, type: 0x0003), (id: 0x3001, type: 0x001F), (id: 0x3002, type: 0x001F),
          (id: 0x3003, type: 0x001F), (id: 0x39FE, type: 0x001F),
        ],
        rows: m.recipients.enumerated().map { i, r in
          (UInt32(i), [.int32(1), .string(r.name), .string("SMTP"), .string(r.address), .string(r.address)])
        })
      pc.subnodes.append(Node(nid: 0x692, data: recipients.data, subnodes: recipients.subnodes))
      if !m.attachments.isEmpty {
        let ids = m.attachments.indices.map { UInt32(0x400 + $0) << 5 | 0x05 }
        let table = PSTWriter.tableContext(
          columns: [
            (id: 0x0E20, type: 0x0003), (id: 0x3705, type: 0x0003), (id: 0x3707, type: 0x001F),
            (id: 0x370B, type: 0x0003),
          ],
          rows: zip(ids, m.attachments).map { id, a in
            (id, [.int32(a.data.count), .int32(1), .string(a.name), .int32(-1)])
          })
        pc.subnodes.append(Node(nid: 0x671, data: table.data, subnodes: table.subnodes))
        for (id, a) in zip(ids, m.attachments) {
          let attachment = PSTWriter.propertyContext([
            (0x0E20, .int32(a.data.count)), (0x3705, .int32(1)), (0x3704, .string(a.name)),
            (0x3707, .string(a.name)), (0x370B, .int32(-1)), (0x3701, .binary(a.data)),
          ])
          pc.subnodes.append(Node(nid: id, data: attachment.data, subnodes: attachment.subnodes))
        }
      }
      add(nid, parent: parent, pc)
    }
  }

  // MARK: - Node database

  /// Places blocks and pages in the file and writes the header.
  struct FileLayout {
    let nodes: [Node]
    let encoding: Encoding
    var out: [UInt8] = []
    /// (bid, ib, cb) of every block.
    var blocks: [(bid: UInt64, ib: UInt64, cb: Int)] = []
    var nextBlock: UInt64 = 4
    var nextPage: UInt64 = 0x1_0000

    static let amap = 0x4400
    static let maxBlockData = 8176

    init(nodes: [Node], encoding: Encoding) {
      self.nodes = nodes
      self.encoding = encoding
    }

    /// Writes a block: its data, padding and trailer at a 64-byte boundary.
    mutating func block(_ data: [UInt8], isInternal: Bool) -> UInt64 {
      let bid = nextBlock | (isInternal ? 2 : 0)
      nextBlock += 4
      let ib = UInt64(out.count)
      let stored = isInternal ? data : PSTWriter.encode(data, encoding)
      let size = (stored.count + 16 + 63) / 64 * 64
      out += stored + [UInt8](repeating: 0, count: size - 16 - stored.count)
      out += PSTWriter.le(stored.count, 2) + PSTWriter.le(PSTWriter.signature(ib: ib, bid: bid), 2)
      out += PSTWriter.le(PSTWriter.crc(stored), 4) + PSTWriter.le(bid, 8)
      blocks.append((bid, ib, stored.count))
      return bid
    }

    /// A node's data: one block, or an XBLOCK over several.
    mutating func data(_ bytes: [UInt8]) -> UInt64 {
      if bytes.count <= Self.maxBlockData { return block(bytes, isInternal: false) }
      var bids: [UInt64] = []
      for start in stride(from: 0, to: bytes.count, by: Self.maxBlockData) {
        bids.append(
          block(Array(bytes[start..<min(start + Self.maxBlockData, bytes.count)]), isInternal: false))
      }
      precondition(bids.count <= 1021, "data too large for one XBLOCK")
      let x =
        [0x01, 0x01] + PSTWriter.le(bids.count, 2) + PSTWriter.le(bytes.count, 4)
        + bids.flatMap {
          PSTWriter.le($0, 8)
        }
      return block(x, isInternal: true)
    }

    /// A subnode tree: an SLBLOCK of (nid, data, subnodes), sorted by nid; 0 when empty.
    mutating func subnodes(_ list: [Node]) -> UInt64 {
      guard !list.isEmpty else { return 0 }
      var entries: [(nid: UInt32, data: UInt64, sub: UInt64)] = []
      for node in list.sorted(by: { $0.nid < $1.nid }) {
        entries.append((node.nid, data(node.data), subnodes(node.subnodes)))
      }
      let sl =
        [0x02, 0x00] + PSTWriter.le(entries.count, 2) + PSTWriter.le(0, 4)
        + entries.flatMap { PSTWriter.le($0.nid, 8) + PSTWriter.le($0.data, 8) + PSTWriter.le($0.sub, 8) }
      return block(sl, isInternal: true)
    }

    mutating func pad(to alignment: Int) {
      out += [UInt8](repeating: 0, count: (alignment - out.count % alignment) % alignment)
    }

    /// A 512-byte page: 496 bytes of content and the trailer.
    mutating func page(_ content: [UInt8], type: UInt8, bid: UInt64? = nil) -> (bid: UInt64, ib: UInt64) {
      precondition(content.count <= 496)
      let ib = UInt64(out.count)
      let pageBID = bid ?? nextPage
      if bid == nil { nextPage += 4 }
      let body = content + [UInt8](repeating: 0, count: 496 - content.count)
      let sig: UInt16 = type == 0x80 || type == 0x81 ? PSTWriter.signature(ib: ib, bid: pageBID) : 0
      out +=
        body + [type, type] + PSTWriter.le(sig, 2) + PSTWriter.le(PSTWriter.crc(body), 4)
        + PSTWriter.le(pageBID, 8)
      return (pageBID, ib)
    }

    /// A B-tree of pages over sorted leaf entries keyed by their first 8 bytes; its root.
    mutating func btree(_ entries: [[UInt8]], type: UInt8, entrySize: Int) -> (bid: UInt64, ib: UInt64) {
      var level: [(key: [UInt8], ref: (bid: UInt64, ib: UInt64))] = []
      var items = entries
      var cLevel = 0
      var size = entrySize
      while true {
        let perPage = 488 / size
        level = []
        for start in stride(from: 0, to: max(items.count, 1), by: perPage) {
          let chunk = Array(items[start..<min(start + perPage, items.count)])
          var content = chunk.flatMap { $0 }
          content += [UInt8](repeating: 0, count: 488 - content.count)
          content += [UInt8(chunk.count), UInt8(perPage), UInt8(size), UInt8(cLevel)] + PSTWriter.le(0, 4)
          let ref = page(content, type: type)
          level.append((Array((chunk.first ?? PSTWriter.le(0, 8)).prefix(8)), ref))
        }
        if level.count == 1 { return level[0].ref }
        items = level.map { $0.key + PSTWriter.le($0.ref.bid, 8) + PSTWriter.le($0.ref.ib, 8) }
        cLevel += 1
        size = 24
      }
    }

    mutating func bytes() -> [UInt8] {
      out = [UInt8](repeating: 0, count: Self.amap + 512)
      var nbt: [[UInt8]] = []
      for node in nodes.sorted(by: { $0.nid < $1.nid }) {
        let dataBID = data(node.data)
        let subBID = subnodes(node.subnodes)
        nbt.append(
          PSTWriter.le(node.nid, 8) + PSTWriter.le(dataBID, 8) + PSTWriter.le(subBID, 8)
            + PSTWriter.le(node.parent, 4) + PSTWriter.le(0, 4))
      }
      pad(to: 512)
      let bbt = blocks.sorted { $0.bid < $1.bid }.map {
        PSTWriter.le($0.bid, 8) + PSTWriter.le($0.ib, 8) + PSTWriter.le($0.cb, 2) + PSTWriter.le(2, 2)
          + PSTWriter.le(0, 4)
      }
      let nbtRoot = btree(nbt, type: 0x81, entrySize: 32)
      let bbtRoot = btree(bbt, type: 0x80, entrySize: 24)
      let eof = out.count

      // The allocation map: every 64 bytes from the map on, up to the end, in use.
      var bits = [UInt8](repeating: 0, count: 496)
      let used = min((eof - Self.amap + 63) / 64, 496 * 8)
      for i in 0..<used { bits[i / 8] |= 0x80 >> UInt8(i % 8) }
      let saved = out
      out = Array(out[0..<Self.amap])
      _ = page(bits, type: 0x84, bid: UInt64(Self.amap))
      out += saved[(Self.amap + 512)...]

      var header = [UInt8](repeating: 0, count: 564)
      header.replaceSubrange(0..<4, with: Array("!BDN".utf8))
      header.replaceSubrange(8..<10, with: Array("SM".utf8))
      PSTWriter.put(23, 2, at: 10, in: &header)  // wVer: Unicode
      PSTWriter.put(19, 2, at: 12, in: &header)  // wVerClient
      header[14] = 1
      header[15] = 1
      PSTWriter.put(nextPage, 8, at: 32, in: &header)  // bidNextP
      PSTWriter.put(1, 4, at: 40, in: &header)  // dwUnique
      for i in 0..<32 { PSTWriter.put(0x2_0000, 4, at: 44 + 4 * i, in: &header) }  // rgnid
      // ROOT
      PSTWriter.put(eof, 8, at: 184, in: &header)  // ibFileEof
      PSTWriter.put(Self.amap, 8, at: 192, in: &header)  // ibAMapLast
      PSTWriter.put((496 * 8 - used) * 64, 8, at: 200, in: &header)  // cbAMapFree
      PSTWriter.put(nbtRoot.bid, 8, at: 216, in: &header)
      PSTWriter.put(nbtRoot.ib, 8, at: 224, in: &header)
      PSTWriter.put(bbtRoot.bid, 8, at: 232, in: &header)
      PSTWriter.put(bbtRoot.ib, 8, at: 240, in: &header)
      header[248] = 2  // fAMapValid
      header.replaceSubrange(256..<512, with: [UInt8](repeating: 0xFF, count: 256))  // rgbFM, rgbFP
      header[512] = 0x80  // bSentinel
      header[513] = encoding.rawValue
      PSTWriter.put(nextBlock, 8, at: 516, in: &header)  // bidNextB
      PSTWriter.put(PSTWriter.crc(header[8..<479]), 4, at: 4, in: &header)
      PSTWriter.put(PSTWriter.crc(header[8..<524]), 4, at: 524, in: &header)
      out.replaceSubrange(0..<564, with: header)
      return out
    }
  }

  static func encode(_ data: [UInt8], _ encoding: Encoding) -> [UInt8] {
    switch encoding {
    case .none: data
    case .permute, .protected: data
    }
  }
}
