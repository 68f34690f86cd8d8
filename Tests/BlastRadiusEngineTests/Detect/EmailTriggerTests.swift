import Testing

@testable import BlastRadiusBase
@testable import BlastRadiusDetect

/// Email addresses are found from every `@` of a buffer (`PatternRule.init(trigger:tokenStart:)`),
/// not from Vectorscan matches: each address whose start lies in the window is reported once,
/// wherever it sits, whatever surrounds it.
struct EmailTriggerTests {
  /// The addresses the analyzer reports in `text` for a window, by value.
  static func addresses(_ text: [UInt8], from: Int, to: Int) -> [String] {
    let analyzer = try! ChunkAnalyzer(detectors: DetectionHarness.detectors)
    let email = DetectionHarness.detectors.specs.firstIndex { $0.id == "email_address" }!
    return text.withUnsafeBytes { buffer in
      let raw = try! analyzer.analyze(buffer, ChunkAnalyzer.Window(from: from, to: to))
      return raw.filter { $0.detector == email }.map {
        String(decoding: buffer[$0.start..<($0.start + $0.length)], as: UTF8.self)
      }
    }
  }

  /// Addresses with `@` that name nothing between them, through windows that start and end
  /// just before, at and just after one address's first byte, and the whole text: an address is
  /// reported exactly when its first byte is in the window, once.
  @Test func eachAddressOnceByItsStart() {
    var text = Array("@@ x@ @. ,@,\n".utf8)
    var planted: [(start: Int, value: String)] = []
    for i in 0..<40 {
      let value = "user\(i).n\(i)@host-\(i).example.org"
      planted.append((text.count, value))
      text += Array(value.utf8)
      text += Array([" @ ", " a@b ", " @@c.de@ ", "\n", " x@y.z "][i % 5].utf8)
    }
    let target = planted[20]
    for from in (target.start - 2)...(target.start + 2) {
      for to in (target.start - 1)...(target.start + 1) where to > from {
        let expected = planted.filter { $0.start >= from && $0.start < to }.map(\.value)
        #expect(Self.addresses(text, from: from, to: to) == expected, "window \(from)..<\(to)")
      }
    }
    #expect(Self.addresses(text, from: 0, to: text.count) == planted.map(\.value))
  }

  /// Found by fuzzing: text dense with `@`, after which Vectorscan 5.4.9's multi-pattern
  /// database (the patterns with the old email expression among them) reported no match for
  /// the last address when the text was scanned one byte into a buffer, as files are; the
  /// expression alone matched it. Every address the validator accepts is found now.
  @Test func anAddressVectorscanMissedAfterManyAtSigns() {
    let text: String =
      "yã@@©‚/y‚>@.ÿ_za_>x@xn--p1ai.xn--p1ai A8x<ãa@B€Bb1\nxA@1Abcb1_+111b1%%a_c+xca%b1b_.axb.a"
      + "_-a.@z-9.a.zb..YXcb9cYcmailto:a@b.co b_y-%-x_%1cy1_-a.._%+a.bc.a-b++1@-bz-zb.99.aÃ©ac9YX"
      + "X@a0-90.b.Ybab0\n:..%cb-_.c%1cb%b.yy%byb1c%%_._+ay+11.1_.+_y1%y+a+x_+cycb.+yx.y1x_b+-x%@"
      + "a.ba0.-a-aabz.Y_x-+-+a%_-cxy_+x.+1c.-ca__y...+c1%%y.yx_%-ac__x%y+a%+ba@.b00aaz.c<0@<bZ@-"
      + "1yA_>\n@ <>@b00©.+@/yB,\n@b-b%ÿ_.ã.@.‚B+B01ZA@©€ÿ+ã_01ax<@0>Bybc.<\ncZã@- xÿB.8@b@AA©..©"
      + "<@AZ@/@>_Ã>©9->+\n+9%c<@@\u{81},.-cxa++x@.,,A9 \nxA/.19.0yaZ@+:_‚0bZ-%BBA9u@buÌˆcher.de "
      + "\n\u{81}a@0c.--8%@http://user:pw@host.com/ .ãZ\"1Zÿ,y:8Aÿ:b_.89<Ã€a..%.@98ã>/cxbz9y-.-1b"
      + "._1_b-.y_+1yb11__ayb_+.bb%c-bc.-_1_.bxabc%_x.1a+%x1+%11+%x.%_%_ba@9a0a.0aza.http://"
    let found = DetectionHarness.values(text, minimum: .low).filter { $0.hasPrefix("email_address=") }
    #expect(
      found == [
        "email_address=x@xn--p1ai.xn--p1ai", "email_address=a@b.co",
        "email_address=0bZ-%BBA9u@bu\u{cc}\u{2c6}cher.de",
        "email_address=_1_b-.y_+1yb11__ayb_+.bb%c-bc.-_1_.bxabc%_x.1a+%x1+%11+%x.%_%_ba@9a0a.0aza.http",
      ])
  }
}
