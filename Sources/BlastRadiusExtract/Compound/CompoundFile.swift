import BlastRadiusBase

/// A Compound File Binary (OLE2) file held in memory: the container of legacy Word, Excel,
/// PowerPoint and Outlook files, a small FAT file system of its own.
///
/// Everything in it is a pointer the file chose, so every sector chain is walked with a bound
/// and a visited set (a loop or a sector past the end is `corrupt`, never a hang), every size is
/// checked against what the chain holds, and the bytes streams are read into count against the
/// file's `ExtractionBudget` (many directory entries may name the same long chain).
package struct CompoundFile {
  /// What a directory entry is.
  package enum EntryType: Int, Sendable {
    case storage = 1
    case stream = 2
    case root = 5
  }

  /// One directory entry: a storage (a folder) or a stream (a file).
  package struct Entry: Sendable {
    package var name: String
    package var type: EntryType
    var left: Int
    var right: Int
    var child: Int
    var start: Int
    package var size: Int
  }

  /// The signature every compound file starts with.
  package static let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  static let endOfChain = 0xFFFF_FFFE
  static let freeSector = 0xFFFF_FFFF
  /// Sector numbers above this are markers, not sectors.
  static let maxRegularSector = 0xFFFF_FFFA
  static let noStream = 0xFFFF_FFFF

  let bytes: [UInt8]
  let sectorSize: Int
  let miniSectorSize: Int
  let miniCutoff: Int
  /// Sectors the file holds (the last one may be short).
  let sectorCount: Int
  let fat: [Int]
  let miniFAT: [Int]
  package private(set) var entries: [Entry] = []
  /// The child entries of each storage, in directory order; empty for streams.
  package private(set) var children: [[Int]] = []
  /// The root's stream: the small streams' sectors.
  var miniStream: [UInt8] = []
  /// What the streams read so far expanded to, against the file's limits.
  package private(set) var budget: ExtractionBudget

  /// Parses the header, the FAT (through the DIFAT), the mini FAT and the directory.
  package init(_ bytes: [UInt8], budget: ExtractionBudget) throws(CompoundFileError) {
    self.bytes = bytes
    self.budget = budget
    guard bytes.count >= 512, bytes.prefix(8).elementsEqual(Self.magic) else {
      throw .corrupt("not a compound file (no OLE2 header)")
    }
    guard bytes.u16(at: 28) == 0xFFFE else { throw .corrupt("bad byte order mark in the header") }
    let major = bytes.u16(at: 26) ?? 0
    let shift = bytes.u16(at: 30) ?? 0
    guard (major == 3 && shift == 9) || (major == 4 && shift == 12) else {
      throw .corrupt("unknown version \(major) with sectors of 2^\(shift) bytes")
    }
    let miniShift = bytes.u16(at: 32) ?? 0
    guard miniShift == 6 else { throw .corrupt("mini sectors of 2^\(miniShift) bytes") }
    sectorSize = 1 << shift
    miniSectorSize = 1 << miniShift
    miniCutoff = bytes.u32(at: 56) ?? 4096
    sectorCount = (bytes.count - sectorSize + sectorSize - 1) / sectorSize
    guard sectorCount > 0 else { throw .corrupt("the file holds no sector after its header") }

    // The FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors.
    let fatSectorCount = bytes.u32(at: 44) ?? 0
    guard fatSectorCount <= sectorCount else {
      throw .corrupt("the header claims \(fatSectorCount) FAT sectors in a file of \(sectorCount)")
    }
    var fatSectors: [Int] = []
    for k in 0..<109 {
      let s = bytes.u32(at: 76 + 4 * k)!
      if s <= Self.maxRegularSector { fatSectors.append(s) }
    }
    var difat = bytes.u32(at: 68) ?? Self.endOfChain
    var seenDIFAT = Set<Int>()
    let perDIFAT = sectorSize / 4 - 1
    while difat <= Self.maxRegularSector, fatSectors.count < fatSectorCount {
      guard difat < sectorCount else { throw .corrupt("DIFAT sector \(difat) is past the end of the file") }
      guard seenDIFAT.insert(difat).inserted else {
        throw .corrupt("the DIFAT chain loops at sector \(difat)")
      }
      let base = (difat + 1) * sectorSize
      for k in 0..<perDIFAT {
        guard let s = bytes.u32(at: base + 4 * k) else { break }
        if s <= Self.maxRegularSector { fatSectors.append(s) }
      }
      difat = bytes.u32(at: base + 4 * perDIFAT) ?? Self.endOfChain
    }
    var fat: [Int] = []
    fat.reserveCapacity(min(fatSectorCount, fatSectors.count) * sectorSize / 4)
    for s in fatSectors.prefix(fatSectorCount) {
      guard s < sectorCount else { throw .corrupt("FAT sector \(s) is past the end of the file") }
      let base = (s + 1) * sectorSize
      for k in 0..<(sectorSize / 4) { fat.append(bytes.u32(at: base + 4 * k) ?? Self.freeSector) }
    }
    self.fat = fat

    // The directory, then the mini FAT, both chains in the FAT.
    let directory = try Self.chain(from: bytes.u32(at: 48) ?? Self.endOfChain, in: fat, limit: sectorCount)
    let miniFATChain = try Self.chain(from: bytes.u32(at: 60) ?? Self.endOfChain, in: fat, limit: sectorCount)
    var miniFAT: [Int] = []
    for s in miniFATChain {
      let base = (s + 1) * sectorSize
      for k in 0..<(sectorSize / 4) { miniFAT.append(bytes.u32(at: base + 4 * k) ?? Self.freeSector) }
    }
    self.miniFAT = miniFAT
    for s in directory {
      for k in 0..<(sectorSize / 128) {
        entries.append(entry(at: (s + 1) * sectorSize + 128 * k, version: major))
      }
    }
    guard let root = entries.first, root.type == .root else {
      throw .corrupt("the directory has no root entry")
    }
    children = Self.tree(entries)
    if root.size > 0, root.start <= Self.maxRegularSector {
      miniStream = try read(chain: root.start, size: root.size, mini: false, name: "the mini stream")
    }
  }

  /// The entry whose 128 bytes start at `offset`; an unused or unreadable one has no type.
  private func entry(at offset: Int, version: Int) -> Entry {
    var unused = Entry(name: "", type: .stream, left: -1, right: -1, child: -1, start: 0, size: 0)
    guard let typeCode = bytes.u8(at: offset + 66), let type = EntryType(rawValue: typeCode),
      let nameBytes = bytes.u16(at: offset + 64), let start = bytes.u32(at: offset + 116),
      let size = bytes.u64(at: offset + 120)
    else {
      unused.type = .storage
      unused.name = "\u{0}"  // matches no lookup and has no children
      return unused
    }
    let units = max(0, min(32, nameBytes / 2) - 1)
    let name = String(
      decoding: (0..<units).map { UInt16(bytes.u16(at: offset + 2 * $0) ?? 0) }, as: UTF16.self)
    func link(_ at: Int) -> Int {
      let v = bytes.u32(at: offset + at) ?? Self.noStream
      return v <= Self.maxRegularSector ? v : -1
    }
    // Version 3 files may leave garbage in the size's high half.
    let clipped = version == 3 ? Int(size & 0xFFFF_FFFF) : Int(clamping: size)
    return Entry(
      name: name, type: type, left: link(68), right: link(72), child: link(76), start: start, size: clipped)
  }

  /// The children of every storage: each storage's red-black tree walked in order, every entry
  /// visited at most once in the whole directory, so a tree that loops or is shared ends.
  private static func tree(_ entries: [Entry]) -> [[Int]] {
    var children = [[Int]](repeating: [], count: entries.count)
    var visited = [Bool](repeating: false, count: entries.count)
    visited[0] = true
    var storages = [0]
    while let storage = storages.popLast() {
      var stack: [Int] = []
      var node = entries[storage].child
      while node >= 0 || !stack.isEmpty {
        while node >= 0, node < entries.count, !visited[node] {
          visited[node] = true
          stack.append(node)
          node = entries[node].left
        }
        guard let top = stack.popLast() else { break }
        children[storage].append(top)
        if entries[top].type != .stream { storages.append(top) }
        node = entries[top].right
      }
    }
    return children
  }

  /// The sectors of a chain, in order; a loop or a sector past `limit` is an error.
  static func chain(from start: Int, in table: [Int], limit: Int) throws(CompoundFileError) -> [Int] {
    var sectors: [Int] = []
    var seen = Set<Int>()
    var s = start
    while s != endOfChain {
      guard s <= maxRegularSector, s < table.count, s < limit else {
        throw .corrupt(
          s <= maxRegularSector
            ? "sector \(s) is past the end of the file" : "a chain holds the marker \(String(s, radix: 16))")
      }
      guard seen.insert(s).inserted else { throw .corrupt("a sector chain loops at sector \(s)") }
      sectors.append(s)
      s = table[s]
    }
    return sectors
  }

  /// The index of the child of `storage` called `name` (compared without case, as the format
  /// does), if any.
  package func child(_ name: String, of storage: Int = 0) -> Int? {
    let wanted = name.lowercased()
    return children[storage].first { entries[$0].name.lowercased() == wanted }
  }

  /// The bytes of stream `index`, counted against the budget.
  package mutating func stream(_ index: Int) throws(CompoundFileError) -> [UInt8] {
    let entry = entries[index]
    guard entry.type == .stream else { throw .corrupt("\(entry.name) is not a stream") }
    if entry.size == 0 { return [] }
    return try read(chain: entry.start, size: entry.size, mini: entry.size < miniCutoff, name: entry.name)
  }

  /// The stream called `name` in `storage`, if there is one.
  package mutating func stream(named name: String, in storage: Int = 0) throws(CompoundFileError) -> [UInt8]?
  {
    guard let index = child(name, of: storage), entries[index].type == .stream else { return nil }
    return try stream(index)
  }

  private mutating func read(chain start: Int, size: Int, mini: Bool, name: String) throws(CompoundFileError)
    -> [UInt8]
  {
    let unit = mini ? miniSectorSize : sectorSize
    let table = mini ? miniFAT : fat
    let limit = mini ? (miniStream.count + unit - 1) / unit : sectorCount
    // A chain can be no longer than the table, so the size is checked before any byte is copied.
    guard size <= table.count * unit else {
      throw .corrupt("\(name) claims \(size) bytes, more than the file can hold")
    }
    if let over = budget.expand(size, memberBytes: size) {
      throw CompoundFileError(.limitExceeded, over.message)
    }
    let sectors = try Self.chain(from: start, in: table, limit: limit)
    var out: [UInt8] = []
    out.reserveCapacity(size)
    for s in sectors where out.count < size {
      let from = mini ? s * unit : (s + 1) * unit
      let source = mini ? miniStream : bytes
      let to = min(from + unit, source.count, from + size - out.count)
      guard from < to else { break }
      out.append(contentsOf: source[from..<to])
    }
    guard out.count == size else {
      throw .corrupt("\(name) is \(out.count) bytes where its entry says \(size)")
    }
    return out
  }
}
