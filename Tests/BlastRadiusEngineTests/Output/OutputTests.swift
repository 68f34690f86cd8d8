import CSHA256
import Crypto
import Foundation
import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport
@testable import BlastRadiusScan

struct MaskerTests {
  @Test func masks() {
    #expect(Masker.keepLast4(Array("123-45-6789".utf8)) == "***-**-6789")
    #expect(Masker.keepLast4(Array("123456789".utf8)) == "*****6789")
    #expect(Masker.keepLast4(Array("4111 1111 1111 1111".utf8)) == "**** **** **** 1111")
    #expect(Masker.email(Array("jane.doe@example.com".utf8)) == "j***@example.com")
    #expect(Masker.iban(Array("DE89 3704 0044 0532 0130 00".utf8)) == "DE** **** **** **** **30 00")
    #expect(Masker.date(Array("03/05/1980".utf8)) == "**/**/1980")
  }
}

struct JSONBuilderTests {
  @Test func escapesStrings() {
    var json = JSONBuilder()
    json.string("a\"b\\c\nd\u{1}é")
    #expect(String(decoding: json.bytes, as: UTF8.self) == #""a\"b\\c\nd\u0001é""#)
  }

  @Test func fixedDecimals() {
    var json = JSONBuilder()
    json.double(1.23456)
    json.raw(" ")
    json.double(0.0005, decimals: 3)
    #expect(String(decoding: json.bytes, as: UTF8.self) == "1.235 0.001")
  }
}

struct FingerprinterTests {
  @Test func keyedAndStable() {
    let a = Fingerprinter(key: Array(repeating: 1, count: 32))
    let b = Fingerprinter(key: Array(repeating: 2, count: 32))
    #expect(a.fingerprint("123456789").hex == a.fingerprint("123456789").hex)
    #expect(a.fingerprint("123456789").hex != b.fingerprint("123456789").hex)
    #expect(a.fingerprint("123456789").hex.count == 64)
    // HMAC-SHA256 with key 0x01 * 32 over "123456789", computed independently with Python's hmac.
    #expect(a.fingerprint("123456789").hex == HMACReference.value)
  }

  /// The midstate HMAC agrees with swift-crypto's at every padding boundary (one and two final
  /// blocks, whole blocks), and for keys shorter than, equal to and longer than a block.
  /// Both compression functions are checked: the one with the CPU's SHA extensions (where it
  /// has them) and the portable one.
  @Test(arguments: [0, 1, 32, 63, 64, 65, 100])
  func agreesWithSwiftCryptoHMAC(keyLength: Int) {
    let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    for portable in [false, true] {
      br_sha256_force_portable(portable ? 1 : 0)
      defer { br_sha256_force_portable(0) }
      let ours = Fingerprinter(key: key)
      let lengths = [0, 1, 9, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200]
      var expected: [String] = []
      for length in lengths {
        let value = String((0..<length).map { Character(Unicode.Scalar(UInt8(0x61 + $0 % 26))) })
        let mac = HMAC<SHA256>.authenticationCode(for: Array(value.utf8), using: SymmetricKey(data: key))
        let hex = mac.map { String(format: "%02x", $0) }.joined()
        expected.append(hex)
        #expect(ours.fingerprint(value).hex == hex, "key \(keyLength) value \(length) portable \(portable)")
      }
      // Two at a time (one block each hashed together, else one after the other), in every pairing.
      for (i, a) in lengths.enumerated() {
        for (j, b) in lengths.enumerated() {
          let x = [UInt8]((0..<a).map { UInt8(0x61 + $0 % 26) })
          let y = [UInt8]((0..<b).map { UInt8(0x61 + $0 % 26) })
          let (fx, fy) = x.withUnsafeBytes { x in y.withUnsafeBytes { y in ours.fingerprints(x, y) } }
          #expect(fx.hex == expected[i] && fy.hex == expected[j], "pair \(a) \(b) portable \(portable)")
        }
      }
    }
  }
}
