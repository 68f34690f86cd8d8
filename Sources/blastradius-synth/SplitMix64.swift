/// A tiny seeded generator. The standard library promises neither a seedable generator nor stable algorithms across
/// releases, and tests assert exact counts from `--seed`, so every draw goes through this type.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  /// A generator for one independent stream (a file, a section), so changing one part leaves the others' bytes alone.
  init(seed: UInt64, stream: UInt64) {
    var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    state = mixer.next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z &>> 31)
  }

  /// Uniform in `0..<bound` by multiply-high: no division, and a bias far below anything a test could see.
  @inline(__always)
  mutating func below(_ bound: Int) -> Int {
    Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.count)
  }

  mutating func pick<Element>(_ items: [Element]) -> Element {
    items[below(items.count)]
  }

  /// True with the given probability in percent.
  mutating func percent(_ chance: Int) -> Bool {
    below(100) < chance
  }
}
