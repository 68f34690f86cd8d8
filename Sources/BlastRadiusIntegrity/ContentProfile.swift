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
  package static let minimumSample = 1024

  /// Whether the sample looks like random bytes (ciphertext, or compressed data). Random samples
  /// of n bytes fall short of 8 bits by about 255 / (2 n ln 2) (Miller–Madow); a tenth of a bit
  /// more is allowed for chance.
  package var nearRandom: Bool {
    guard sampled >= Self.minimumSample else { return false }
    let expected = 8 - 255 / (2 * Double(sampled) * 0.693_147_18)
    return entropy >= expected - 0.1
  }
}
