#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a file's bytes were when it was read: its hash, and the figures that tell what kind of
/// change replaced them (noise, a repeated pattern, a different format).
package struct ContentProfile: Sendable, Equatable {
  package var sha256: ContentDigest
  /// Shannon entropy in bits per byte over `sampled` bytes (the start of every chunk read).
  package var entropy: Double
  package var sampled: Int
  package var type: ContentType
  /// The length of the pattern the whole file repeats (1 for a zero-filled file), or 0.
  package var period: Int

  package init(sha256: ContentDigest, entropy: Double, sampled: Int, type: ContentType, period: Int) {
    self.sha256 = sha256
    self.entropy = entropy
    self.sampled = sampled
    self.type = type
    self.period = period
  }

  /// Smallest sample whose entropy says anything: below it, even random bytes look ordered.
  package static let minimumSample = 32

  /// Whether the sample looks like random bytes (ciphertext, or compressed data): its entropy is
  /// near what `sampled` random bytes would show. A short sample cannot reach 8 bits (64 random
  /// bytes show about 5.8), so it is judged against random data of its own length, with a margin
  /// for chance that narrows as the sample grows.
  package var nearRandom: Bool {
    guard sampled >= Self.minimumSample else { return false }
    let margin = max(0.1, 3 / Double(sampled).squareRoot())
    return entropy >= Self.randomEntropy(sampled) - margin
  }

  /// The expected entropy, in bits per byte, of the byte counts of `n` uniformly random bytes:
  /// log2 n less what repeated values take away, each value's count being Binomial(n, 1/256).
  package static func randomEntropy(_ n: Int) -> Double {
    guard n > 1 else { return 0 }
    let count = Double(n)
    // Σ over values of E[c log2 c] = 256 · Σ_k P(c = k) · k log2 k, from k = 2.
    var p = pow(255.0 / 256.0, count)  // P(c = 0)
    var sum = 0.0
    var k = 1
    while k <= n {
      p *= (count - Double(k) + 1) / Double(k) / 255
      if k >= 2 { sum += p * Double(k) * log2(Double(k)) }
      if Double(k) > count / 256 + 8 && p < 1e-15 { break }
      k += 1
    }
    return log2(count) - 256 * sum / count
  }
}
