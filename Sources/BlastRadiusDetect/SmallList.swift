/// Up to eight small numbers (group lengths, separator bytes, letters) packed in one word, so a
/// validator can read and compare a token's shape (`t.groups == [3, 2, 4]`) without allocating.
package struct SmallList: Sendable, Equatable, Sequence, ExpressibleByArrayLiteral {
  private var packed: UInt64 = 0
  package private(set) var count = 0
  /// More than eight elements were appended; the list holds the first eight.
  package private(set) var overflowed = false

  package init() {}
  package init(arrayLiteral elements: Int...) {
    for e in elements { append(e) }
  }

  package mutating func append(_ value: Int) {
    guard count < 8 else {
      overflowed = true
      return
    }
    packed |= UInt64(UInt8(truncatingIfNeeded: value)) << UInt64(count * 8)
    count += 1
  }

  package subscript(i: Int) -> Int { Int((packed >> UInt64(i * 8)) & 0xFF) }
  package var first: Int? { count > 0 ? self[0] : nil }
  package var isEmpty: Bool { count == 0 }

  package func makeIterator() -> IndexingIterator<[Int]> {
    (0..<count).map { self[$0] }.makeIterator()
  }

  /// All elements equal (or none).
  package var isUniform: Bool {
    count < 2 || (1..<count).allSatisfy { self[$0] == self[0] }
  }

  /// Whether every element is one of `allowed`.
  package func all(in allowed: UInt8...) -> Bool {
    (0..<count).allSatisfy { allowed.contains(UInt8(self[$0])) }
  }

  package var bytes: [UInt8] { (0..<count).map { UInt8(self[$0]) } }
}
