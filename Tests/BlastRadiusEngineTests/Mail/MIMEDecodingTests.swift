import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusReport

struct MailDecodingTests {
  static func b(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }
  static func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

  @Test func base64() {
    #expect(Base64.decodeMIME(Self.b("SGVsbG8=")) == (Self.utf8("Hello"), 0))
    // White space, no padding.
    #expect(Base64.decodeMIME(Self.b("SGVs\r\n bG8")) == (Self.utf8("Hello"), 0))
    #expect(Base64.decodeMIME(Self.b("QUI")) == (Self.utf8("AB"), 0))
    #expect(Base64.decodeMIME(Self.b("QQ==Qg==")) == (Self.utf8("AB"), 0))  // padded blocks joined
    #expect(Base64.decodeMIME(Self.b("QU!JD#")) == (Self.utf8("ABC"), 2))
    // A lone last sextet holds no byte.
    #expect(Base64.decodeMIME(Self.b("QUJDR")) == (Self.utf8("ABC"), 0))
    #expect(Base64.decodeMIME(Self.b("")) == ([], 0))
    #expect(Base64.decodeMIME(Self.b("+/+/")) == ([0xFB, 0xFF, 0xBF], 0))
  }

  /// The strict form credentials use: one alphabet at a time, nothing outside it.
  @Test func base64Strict() {
    #expect(Base64.decode(Self.utf8("SGVsbG8=")) == Self.utf8("Hello"))
    #expect(Base64.decode(Self.utf8("SGVsbG8")) == Self.utf8("Hello"))
    #expect(Base64.decode(Self.utf8("+/+/")) == [0xFB, 0xFF, 0xBF])
    #expect(Base64.decode(Self.utf8("-_-_"), url: true) == [0xFB, 0xFF, 0xBF])
    #expect(Base64.decode(Self.utf8("+/+/"), url: true) == nil)
    #expect(Base64.decode(Self.utf8("-_-_")) == nil)
    #expect(Base64.decode(Self.utf8("SGVs bG8")) == nil)
    #expect(Base64.decode(Self.utf8("QQ==Qg==")) == Self.utf8("A"))
  }

  @Test func quotedPrintable() {
    #expect(MIMEDecoding.quotedPrintable(Self.b("123-45-=\r\n6789")) == Self.utf8("123-45-6789"))
    #expect(MIMEDecoding.quotedPrintable(Self.b("123-45-=\n6789")) == Self.utf8("123-45-6789"))
    #expect(MIMEDecoding.quotedPrintable(Self.b("a= \t\r\nb")) == Self.utf8("ab"))  // transport padding
    #expect(MIMEDecoding.quotedPrintable(Self.b("=3D=3d=C3=A9")) == Self.utf8("==é"))
    #expect(MIMEDecoding.quotedPrintable(Self.b("50=ZZ =4 x=")) == Self.utf8("50=ZZ =4 x"))
    #expect(MIMEDecoding.quotedPrintable(Self.b("line\r\nnext_")) == Self.utf8("line\r\nnext_"))
    #expect(MIMEDecoding.quotedPrintable(Self.b("a_b=5F"), underscoreIsSpace: true) == Self.utf8("a b_"))
    #expect(MIMEDecoding.percentDecoded(Self.b("a%20b%zz%4")) == Self.utf8("a b%zz%4"))
  }

  @Test func charsetLabels() {
    typealias C = MIMEDecoding.Charset
    #expect(C(label: Self.b("UTF-8")) == .utf8)
    #expect(C(label: Self.b("\"utf8\"")) == .utf8)
    #expect(C(label: Self.b("")) == .usASCII)
    #expect(C(label: Self.b("US-ASCII*en")) == .usASCII)
    #expect(C(label: Self.b("ISO-8859-1")) == .windows1252)
    #expect(C(label: Self.b("latin1")) == .windows1252)
    #expect(C(label: Self.b("Windows-1252")) == .windows1252)
    #expect(C(label: Self.b("utf-16")) == .utf16)
    #expect(C(label: Self.b("UTF-16LE")) == .utf16LE)
    #expect(C(label: Self.b("utf-16be")) == .utf16BE)
    #expect(C(label: Self.b("koi8-r")) == .unknown)
  }

  @Test func charsetConversion() {
    let all1252 = MIMEDecoding.toUTF8((0x80...0x9F).map { UInt8($0) }[...], charset: .windows1252)
    #expect(
      String(decoding: all1252, as: UTF8.self)
        == "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ")
    #expect(
      MIMEDecoding.toUTF8([0x41, 0xA0, 0xE9, 0xFF][...], charset: .windows1252) == Self.utf8("A\u{A0}éÿ"))
    #expect(MIMEDecoding.toUTF8(Self.b("naïve"), charset: .usASCII) == Self.utf8("naïve"))
    #expect(MIMEDecoding.toUTF8([0x6E, 0xEF, 0x93][...], charset: .usASCII) == Self.utf8("nï“"))
    #expect(MIMEDecoding.toUTF8([0xEF, 0xBB, 0xBF, 0x41][...], charset: .utf8) == Self.utf8("A"))
    #expect(MIMEDecoding.toUTF8([0xC1, 0xFF][...], charset: .unknown) == [0xC1, 0xFF])
    let emoji: [UInt8] = [0xD8, 0x3D, 0xDE, 0x00]  // U+1F600 big-endian
    #expect(
      MIMEDecoding.toUTF8(([0xFE, 0xFF] + emoji + [0, 0x41])[...], charset: .utf16) == Self.utf8("😀A"))
    #expect(MIMEDecoding.toUTF8([0xFF, 0xFE, 0x41, 0, 0xE9, 0][...], charset: .utf16) == Self.utf8("Aé"))
    // No BOM: zeros say LE.
    #expect(MIMEDecoding.toUTF8([0x41, 0, 0x42, 0][...], charset: .utf16) == Self.utf8("AB"))
    #expect(MIMEDecoding.toUTF8([0, 0x41, 0, 0x42][...], charset: .utf16) == Self.utf8("AB"))
    #expect(
      MIMEDecoding.toUTF8([0x3D, 0xD8, 0x41, 0, 0x42][...], charset: .utf16LE) == Self.utf8("\u{FFFD}A"))
    #expect(MIMEDecoding.toUTF8([0, 0x41][...], charset: .utf16BE) == Self.utf8("A"))
  }

  @Test func utf8Validation() {
    #expect(MIMEDecoding.isValidUTF8(Self.b("plain €😀")))
    #expect(!MIMEDecoding.isValidUTF8([0xC0, 0x80][...]))  // overlong
    #expect(!MIMEDecoding.isValidUTF8([0xED, 0xA0, 0x80][...]))  // surrogate
    #expect(!MIMEDecoding.isValidUTF8([0xF4, 0x90, 0x80, 0x80][...]))  // past U+10FFFF
    #expect(!MIMEDecoding.isValidUTF8([0xE2, 0x82][...]))  // cut short
    #expect(!MIMEDecoding.isValidUTF8([0xE9, 0x41][...]))
  }

  @Test func encodedWords() {
    func d(_ s: String) -> String {
      String(decoding: MIMEDecoding.decodeEncodedWords(Self.b(s)), as: UTF8.self)
    }
    #expect(d("=?UTF-8?B?UsOpc3Vtw6k=?=") == "Résumé")
    #expect(d("=?ISO-8859-1?Q?Caf=E9?=") == "Café")
    #expect(d("=?iso-8859-1?q?caf=e9_cr=e8me?=") == "café crème")
    #expect(d("=?UTF-8?Q?a?= \t =?UTF-8?Q?b?=") == "ab")  // white space between words goes
    #expect(d("=?UTF-8?Q?a?= x =?UTF-8?Q?b?=") == "a x b")  // other text stays
    #expect(d("=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?=") == "€")  // one character split over two words
    #expect(d("=?windows-1252?Q?=93?= =?utf-8?Q?x?=") == "“x")
    #expect(d("=?UTF-8*en?Q?hi?=") == "hi")  // RFC 2231 language
    #expect(d("Re:=?utf-8?Q?x?=") == "Re:x")
    #expect(d("=?utf-8?X?abc?=") == "=?utf-8?X?abc?=")
    #expect(d("=?utf-8?Q?no end") == "=?utf-8?Q?no end")
    #expect(d("a =? b ?= c") == "a =? b ?= c")
    #expect(d("plain naïve") == "plain naïve")
    #expect(MIMEDecoding.decodeEncodedWords(Self.b("=?x-unknown?B?wQ==?=")) == [0xC1])
    // Raw Latin-1.
    #expect(MIMEDecoding.decodeEncodedWords([0x63, 0x61, 0x66, 0xE9][...]) == Self.utf8("café"))
  }
}
