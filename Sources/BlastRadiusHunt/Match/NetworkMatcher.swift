import BlastRadiusMatch

/// Network indicators as one Vectorscan database of literals, run over the text the exposure
/// scan reads (so no extra read), each match then checked on its boundaries in Swift
/// (`NetworkAddress.standsAlone`): 10.1.1.1 is not found in 110.1.1.12.
final class NetworkMatcher: Sendable {
  let indicators: [NetworkIndicator]
  let database: VectorscanDatabase
  /// Bytes of each indicator: a match starts this far before its end.
  let lengths: [Int]
  /// Longer indicators could straddle two chunks beyond the overlap kept between them.
  static let maxLength = 2048

  init?(_ all: [NetworkIndicator], warnings: inout [String]) {
    var kept: [NetworkIndicator] = []
    for i in all {
      if i.value.utf8.count > Self.maxLength {
        warnings.append(
          "--iocs: \(i.origin.file):\(i.origin.line): indicator longer than \(Self.maxLength) bytes not used")
      } else {
        kept.append(i)
      }
    }
    guard !kept.isEmpty else { return nil }
    let patterns = kept.indices.map {
      VectorscanPattern(
        VectorscanPattern.literal(kept[$0].value), id: UInt32($0), caseless: kept[$0].kind != .ipv4)
    }
    guard let database = try? VectorscanDatabase(patterns: patterns) else { return nil }
    indicators = kept
    self.database = database
    lengths = kept.map { $0.value.utf8.count }
  }

  /// Indicators standing alone in `text` and starting in `from..<to`, as (indicator, start), in
  /// order of start.
  func find(
    in text: UnsafeRawBufferPointer, from: Int, to: Int, scratch: VectorscanScratch, list: MatchList
  ) -> [(indicator: Int, start: Int)] {
    list.removeAll()
    guard (try? database.scan(text, scratch: scratch, into: list)) != nil, list.count > 0 else { return [] }
    var found: [(indicator: Int, start: Int)] = []
    for k in 0..<list.count {
      let (id, end) = list[k]
      let start = end - lengths[Int(id)]
      guard start >= from, start < to,
        NetworkAddress.standsAlone(text, start: start, end: end, kind: indicators[Int(id)].kind)
      else { continue }
      found.append((Int(id), start))
    }
    return found.sorted { ($0.start, $0.indicator) < ($1.start, $1.indicator) }
  }
}
