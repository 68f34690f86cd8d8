package import BlastRadiusBase

/// A file's (or member's) total score from the scores of its pieces of evidence, strongest
/// first, as Loki-RS and THOR weigh them: sorted in descending order, the i-th score (from 0)
/// counts with weight 1/2^i in
///
///     total = 100 × (1 − ∏ (1 − sᵢ / 100 / 2ⁱ))
///
/// so one strong piece of evidence decides, further ones add less and less, and the total never
/// exceeds 100. Negative scores (indicators marking something as known good) are then added as
/// they are, and the total is kept within 0…100. Each rule or indicator counts once per item,
/// however often it matched.
///
/// Levels: `alert` from 80, `warning` from 60, `notice` below.
package enum HuntScore {
  package static let alert = 80
  package static let warning = 60

  package static func total(_ scores: [Int]) -> Int {
    let positive = scores.filter { $0 > 0 }.map { min($0, 100) }.sorted(by: >)
    var remaining = 1.0
    var weight = 1.0
    for s in positive {
      remaining *= 1 - Double(s) / 100 * weight
      weight /= 2
    }
    let total = Int((100 * (1 - remaining)).rounded()) + scores.filter { $0 < 0 }.reduce(0, +)
    return max(0, min(100, total))
  }

  package static func level(_ total: Int) -> HuntLevel {
    total >= alert ? .alert : total >= warning ? .warning : .notice
  }
}
