/// Disjoint sets over 0..<n with path halving and union by size: joins records that share an
/// identifier into one person in near-linear time.
struct UnionFind {
  private var parent: [Int32]
  private var size: [Int32]

  init(count: Int) {
    parent = (0..<Int32(count)).map { $0 }
    size = Array(repeating: 1, count: count)
  }

  mutating func find(_ x: Int32) -> Int32 {
    var x = x
    while parent[Int(x)] != x {
      parent[Int(x)] = parent[Int(parent[Int(x)])]
      x = parent[Int(x)]
    }
    return x
  }

  mutating func union(_ a: Int32, _ b: Int32) {
    var ra = find(a)
    var rb = find(b)
    guard ra != rb else { return }
    if size[Int(ra)] < size[Int(rb)] { swap(&ra, &rb) }
    parent[Int(rb)] = ra
    size[Int(ra)] += size[Int(rb)]
  }
}
