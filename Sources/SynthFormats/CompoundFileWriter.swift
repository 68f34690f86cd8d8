/// Writes small Compound File Binary (version 3) files for the tests and the sample share: streams under 4096 bytes
/// go to the mini stream, larger ones to regular sectors; storages list their children as a
/// chain of right siblings. Written from the format's description, with the sector numbers of
/// each stream returned so a test can damage a chain on purpose.
package enum CompoundFileWriter {
  package indirect enum Node {
    case stream(String, [UInt8])
    case storage(String, [Node])
  }

  static let end: UInt32 = 0xFFFF_FFFE
  static let free: UInt32 = 0xFFFF_FFFF

  /// The file, and the first regular sector of each large stream by name.
  package static func make(_ nodes: [Node]) -> (bytes: [UInt8], starts: [String: Int]) {
    // Directory entries in order, the root first: name, type, data, children.
    var entries: [(name: String, type: UInt8, data: [UInt8], children: [Int])] = [("Root Entry", 5, [], [])]
    func add(_ nodes: [Node], to parent: Int) {
      for node in nodes {
        let index = entries.count
        switch node {
        case .stream(let name, let data): entries.append((name, 2, data, []))
        case .storage(let name, _): entries.append((name, 1, [], []))
        }
        entries[parent].children.append(index)
        if case .storage(_, let children) = node { add(children, to: index) }
      }
    }
    add(nodes, to: 0)

    // Small streams into the mini stream, 64 bytes a mini sector.
    var mini: [UInt8] = []
    var miniFAT: [UInt32] = []
    var starts = [UInt32](repeating: end, count: entries.count)
    for (i, e) in entries.enumerated() where e.type == 2 && !e.data.isEmpty && e.data.count < 4096 {
      let first = miniFAT.count
      let count = (e.data.count + 63) / 64
      for k in 0..<count { miniFAT.append(k == count - 1 ? end : UInt32(first + k + 1)) }
      starts[i] = UInt32(first)
      mini += e.data + [UInt8](repeating: 0, count: count * 64 - e.data.count)
    }
    let large = entries.indices.filter { entries[$0].type == 2 && entries[$0].data.count >= 4096 }
    func sectors(_ bytes: Int) -> Int { (bytes + 511) / 512 }
    let directorySectors = sectors(entries.count * 128)
    let miniFATSectors = sectors(miniFAT.count * 4)
    let miniSectors = sectors(mini.count)
    let others =
      directorySectors + miniFATSectors + miniSectors
      + large.map { sectors(entries[$0].data.count) }.reduce(0, +)
    var fatSectors = 1
    while fatSectors * 128 < fatSectors + others { fatSectors += 1 }

    // The FAT: its own sectors, then each run chained in order.
    var fat: [UInt32] = Array(repeating: 0xFFFF_FFFD, count: fatSectors)
    func run(_ count: Int) -> UInt32 {
      guard count > 0 else { return end }
      let first = fat.count
      for k in 0..<count { fat.append(k == count - 1 ? end : UInt32(first + k + 1)) }
      return UInt32(first)
    }
    let directoryStart = run(directorySectors)
    let miniFATStart = run(miniFATSectors)
    let miniStart = run(miniSectors)
    var named: [String: Int] = [:]
    for i in large {
      starts[i] = run(sectors(entries[i].data.count))
      named[entries[i].name] = Int(starts[i])
    }
    fat += Array(repeating: free, count: fatSectors * 128 - fat.count)

    var out: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 16)
    func u16(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func u32(_ v: UInt32) {
      out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }
    u16(0x3E)
    u16(3)
    u16(0xFFFE)
    u16(9)
    u16(6)
    out += Array(repeating: 0, count: 6)
    u32(0)  // directory sectors (0 in version 3)
    u32(UInt32(fatSectors))
    u32(directoryStart)
    u32(0)
    u32(4096)
    u32(miniFATStart)
    u32(UInt32(miniFATSectors))
    u32(end)  // no DIFAT sectors
    u32(0)
    for k in 0..<109 { u32(k < fatSectors ? UInt32(k) : free) }
    for v in fat { u32(v) }

    // The directory: 128 bytes an entry, unused ones after the last.
    for (i, e) in entries.enumerated() {
      let name = Array(e.name.utf16.prefix(31))
      for unit in name { u16(Int(unit)) }
      out += Array(repeating: 0, count: 64 - 2 * name.count)
      u16(2 * (name.count + 1))
      out += [e.type, 1]
      let parent = entries.firstIndex { $0.children.contains(i) }
      let siblings = parent.map { entries[$0].children } ?? []
      let next = siblings.firstIndex(of: i).flatMap { $0 + 1 < siblings.count ? siblings[$0 + 1] : nil }
      u32(free)  // left
      u32(next.map(UInt32.init) ?? free)
      u32(e.children.first.map(UInt32.init) ?? free)
      out += Array(repeating: 0, count: 16 + 4 + 16)
      u32(i == 0 ? miniStart : starts[i])
      u32(UInt32(i == 0 ? mini.count : e.data.count))
      u32(0)
    }
    for _ in entries.count..<(directorySectors * 4) {
      out += Array(repeating: 0, count: 68)
      u32(free)
      u32(free)
      u32(free)
      out += Array(repeating: 0, count: 48)
    }
    func pad() { out += Array(repeating: 0, count: (512 - out.count % 512) % 512) }
    for v in miniFAT { u32(v) }
    pad()
    out += mini
    pad()
    for i in large {
      out += entries[i].data
      pad()
    }
    return (out, named)
  }

  /// UTF-16LE, as Outlook stores strings.
  package static func utf16(_ s: String) -> [UInt8] {
    s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }

  package static func le(_ v: Int, _ width: Int) -> [UInt8] {
    (0..<width).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
  }
}
