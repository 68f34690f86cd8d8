#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Shannon entropy in bits per byte: random tokens score high, words and repeats low.
package enum Entropy {
  package static func bitsPerByte<C: Collection<UInt8>>(_ bytes: C) -> Double {
    guard !bytes.isEmpty else { return 0 }
    var counts = [Int](repeating: 0, count: 256)
    for b in bytes { counts[Int(b)] += 1 }
    let n = Double(bytes.count)
    var h = 0.0
    for c in counts where c > 0 {
      let p = Double(c) / n
      h -= p * log2(p)
    }
    return h
  }
}
