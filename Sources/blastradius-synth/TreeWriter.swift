import Foundation

/// Writes the integrity benchmark tree: every file's bytes differ (a header with its number),
/// the rest cut from a pool of prose and random bytes so that writing is not the bottleneck.
struct TreeWriter {
  let root: String
  let files: Int
  let bytes: Int
  let seed: UInt64

  static let filesPerFolder = 500
  static let topFolders = 16

  struct Summary {
    var files = 0
    var folders = 0
    var bytes = 0
  }

  func run() throws -> Summary {
    var rng = SplitMix64(seed: seed)
    // Log-uniform sizes between 512 bytes and 1 MiB, scaled to the total asked for.
    let raw = (0..<files).map { _ in
      exp(log(512.0) + Double(rng.next() >> 11) / Double(1 << 53) * log(2048.0))
    }
    let scale = Double(bytes) / raw.reduce(0, +)
    let pool = Self.pool(&rng)
    var summary = Summary()
    var folder = ""
    for i in 0..<files {
      if i % Self.filesPerFolder == 0 {
        let leaf = i / Self.filesPerFolder
        folder = "\(root)/top-\(leaf % Self.topFolders)/dir-\(leaf)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        summary.folders += 1
      }
      let binary = i % 4 == 3
      let size = Int(raw[i] * scale)
      var data = Array("file \(i) of \(files), seed \(seed)\n".utf8)
      let start = rng.below(pool.count / 2) + (binary ? pool.count / 2 : 0)
      var remaining = max(0, size - data.count)
      var offset = start
      while remaining > 0 {
        let n = min(remaining, pool.count - offset)
        data += pool[offset..<offset + n]
        remaining -= n
        offset = binary ? pool.count / 2 : 0
      }
      let path = "\(folder)/file-\(i).\(binary ? "bin" : "txt")"
      guard FileManager.default.createFile(atPath: path, contents: Data(data.prefix(max(size, 1)))) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
      }
      summary.files += 1
      summary.bytes += min(data.count, max(size, 1))
    }
    return summary
  }

  /// 4 MiB: prose in the first half, random bytes in the second.
  static func pool(_ rng: inout SplitMix64) -> [UInt8] {
    let words = [
      "the", "report", "shows", "revenue", "for", "each", "region", "staff", "payroll", "review", "budget",
      "notes",
    ]
    var out: [UInt8] = []
    out.reserveCapacity(4 << 20)
    while out.count < 2 << 20 { out += Array(rng.pick(words).utf8) + [rng.percent(12) ? 0x0A : 0x20] }
    out.removeLast(out.count - (2 << 20))
    while out.count < 4 << 20 {
      let x = rng.next()
      for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: x >> (8 * k))) }
    }
    return out
  }
}
