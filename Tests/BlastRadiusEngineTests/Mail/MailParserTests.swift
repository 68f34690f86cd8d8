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

/// Builders shared by the mail suites: messages are written as text with "\n" and given CRLF
/// line endings where a test wants the wire form.
enum MailFixture {
  static func lf(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }

  static func crlf(_ s: String) -> ArraySlice<UInt8> {
    Array(s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8)[...]
  }

  static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  static func body(_ s: String, html: Bool = false) -> MailBody {
    MailBody(text: Array(s.utf8), isHTML: html)
  }
}

struct MailParserTests {
  typealias F = MailFixture

  @Test func simpleTextPlain() {
    let message = MailParser.parse(
      F.crlf(
        """
        From: Alice Example <alice@example.com>
        To: bob@example.com,
         carol@example.com
        Subject: Payroll
        Date: Mon, 1 Jan 2024 10:00:00 +0000
        Message-ID: <1@example.com>
        MIME-Version: 1.0
        Content-Type: text/plain (plain text);charset=us-ascii
        Content-Transfer-Encoding: 7bit

        Employee SSN 123-45-6789.

        """), limits: MailLimits())
    #expect(
      F.text(message.headers) == """
        From: Alice Example <alice@example.com>
        To: bob@example.com, carol@example.com
        Subject: Payroll
        Date: Mon, 1 Jan 2024 10:00:00 +0000

        """)
    #expect(message.bodies == [F.body("Employee SSN 123-45-6789.\r\n")])
    #expect(message.attachments == [])
    #expect(message.problems == [])
  }

  @Test func messageWithoutMIMEHeadersIsPlainText() {
    let message = MailParser.parse(
      F.lf("Subject: hi\nX-Mailer: Pine\n\nline one\nline two\n"), limits: MailLimits())
    #expect(F.text(message.headers) == "Subject: hi\nX-Mailer: Pine\n")
    #expect(message.bodies == [F.body("line one\nline two\n")])
  }

  @Test func multipartAlternativeTextAndHTML() {
    let message = MailParser.parse(
      F.lf(
        """
        From: hr@example.com
        Subject: Offer
        Content-Type: multipart/alternative; boundary="alt-1"

        This is the preamble.
        --alt-1
        Content-Type: text/plain; charset=utf-8

        Salary: 90000
        --alt-1
        Content-Type: text/html; charset=utf-8

        <p>Salary: <b>90000</b></p>
        --alt-1--
        This is the epilogue.

        """), limits: MailLimits())
    #expect(
      message.bodies == [F.body("Salary: 90000"), F.body("<p>Salary: <b>90000</b></p>", html: true)])
    #expect(message.attachments == [])
    #expect(message.problems == [])
  }

  @Test func multipartMixedWithBase64CSV() {
    let message = MailParser.parse(
      F.crlf(
        """
        From: hr@example.com
        To: payroll@example.com
        Subject: Census
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary=mix42

        --mix42
        Content-Type: text/plain

        See attached.
        --mix42
        Content-Type: text/csv; name="staff.csv"
        Content-Disposition: attachment; filename="staff.csv"
        Content-Transfer-Encoding: base64

        bmFtZSxzc24NCkFsaWNlIEV4YW1wbGUsMTIzLTQ1LTY3ODkNCkJvYiBFeGFtcGxl
        LDk4Ny02NS00MzIxDQo=
        --mix42--

        """), limits: MailLimits())
    #expect(message.bodies == [F.body("See attached.")])
    #expect(
      message.attachments == [
        MailAttachment(
          name: "staff.csv", contentType: "text/csv",
          bytes: Array("name,ssn\r\nAlice Example,123-45-6789\r\nBob Example,987-65-4321\r\n".utf8))
      ])
    #expect(message.problems == [])
  }

  @Test func quotedPrintableSoftBreakJoinsAnSSN() {
    let message = MailParser.parse(
      F.crlf(
        """
        From: a@example.com
        Subject: qp
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Her SSN is 123-45-=
        6789 and the fee is =E2=82=AC5 =3D five euros.

        """), limits: MailLimits())
    #expect(message.bodies == [F.body("Her SSN is 123-45-6789 and the fee is €5 = five euros.\r\n")])
    #expect(message.problems == [])
  }

  @Test func encodedWordSubjects() {
    let utf8 = MailParser.parse(
      F.crlf("From: a@example.com\nSubject: =?UTF-8?B?UsOpc3Vtw6kgZsO8ciBab8Or?=\n\nx\n"),
      limits: MailLimits())
    #expect(F.text(utf8.headers) == "From: a@example.com\nSubject: Résumé für Zoë\n")
    let latin1 = MailParser.parse(
      F.crlf(
        """
        From: =?iso-8859-1?q?Jos=E9_Garc=EDa?= <jose@example.com>
        Subject: =?ISO-8859-1?Q?Caf=E9?= au lait,
         =?UTF-8?Q?na=C3?=
          =?UTF-8?Q?=AFve?=

        x

        """), limits: MailLimits())
    #expect(F.text(latin1.headers) == "From: José García <jose@example.com>\nSubject: Café au lait, naïve\n")
  }

  @Test func rfc2231AndEncodedWordFileNames() {
    let message = MailParser.parse(
      F.lf(
        """
        From: a@example.com
        Subject: files
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: text/csv
        Content-Disposition: attachment; filename*=UTF-8''census%202024.csv

        id,ssn
        --b
        Content-Type: application/pdf; name="=?UTF-8?Q?n=C3=B3mina.pdf?="
        Content-Disposition: attachment

        %PDF-1.4
        --b
        Content-Type: text/plain
        Content-Disposition: attachment;
         filename*0*=iso-8859-1'fr'%E9t%E9%20;
         filename*1="rates.txt"

        rates
        --b
        Content-Type: application/octet-stream
        Content-Disposition: attachment; filename="plain.bin"; filename*=utf-8''%F0%9F%93%8E.bin

        data
        --b--

        """), limits: MailLimits())
    #expect(message.attachments.map(\.name) == ["census 2024.csv", "nómina.pdf", "été rates.txt", "📎.bin"])
    #expect(
      message.attachments.map(\.contentType) == [
        "text/csv", "application/pdf", "text/plain", "application/octet-stream",
      ])
    #expect(message.attachments[0].bytes == Array("id,ssn".utf8))
    #expect(message.bodies == [])
    #expect(message.problems == [])
  }

  @Test func unnamedPartsGetNumberedNames() {
    let message = MailParser.parse(
      F.lf(
        """
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: image/png
        Content-Transfer-Encoding: base64

        iVBORw==
        --b
        Content-Type: text/plain
        Content-Disposition: attachment

        notes
        --b
        Content-Type: text/calendar

        BEGIN:VCALENDAR
        --b
        Content-Type: application/x-unheard-of

        ?
        --b
        Content-Type: text/plain; name="named.txt"

        inline but named
        --b--

        """), limits: MailLimits())
    #expect(
      message.attachments == [
        MailAttachment(name: "part-1.png", contentType: "image/png", bytes: [0x89, 0x50, 0x4E, 0x47]),
        MailAttachment(name: "part-2.txt", contentType: "text/plain", bytes: Array("notes".utf8)),
        MailAttachment(
          name: "part-3.ics", contentType: "text/calendar", bytes: Array("BEGIN:VCALENDAR".utf8)),
        MailAttachment(name: "part-4.bin", contentType: "application/x-unheard-of", bytes: Array("?".utf8)),
        MailAttachment(name: "named.txt", contentType: "text/plain", bytes: Array("inline but named".utf8)),
      ])
    #expect(message.bodies == [])
  }

  @Test func nestedMessageWithItsOwnAttachment() {
    let message = MailParser.parse(
      F.crlf(
        """
        From: dave@example.com
        To: erin@example.com
        Subject: Fwd: IDs
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: text/plain

        Forwarding Carol's note.
        --outer
        Content-Type: message/rfc822
        Content-Disposition: attachment; filename="original.eml"

        From: carol@example.com
        To: dave@example.com
        Subject: IDs
        Content-Type: multipart/mixed; boundary="inner"

        --inner
        Content-Type: text/plain

        List attached.
        --inner
        Content-Type: text/plain; name="ids.txt"
        Content-Disposition: attachment; filename="ids.txt"
        Content-Transfer-Encoding: base64

        SUQ6IDA3OC0wNS0xMTIwCg==
        --inner--
        --outer--

        """), limits: MailLimits())
    #expect(
      F.text(message.headers) == """
        From: dave@example.com
        To: erin@example.com
        Subject: Fwd: IDs
        From: carol@example.com
        To: dave@example.com
        Subject: IDs

        """)
    #expect(message.bodies == [F.body("Forwarding Carol's note."), F.body("List attached.")])
    #expect(
      message.attachments == [
        MailAttachment(name: "ids.txt", contentType: "text/plain", bytes: Array("ID: 078-05-1120\n".utf8))
      ])
    #expect(message.problems == [])
  }

  @Test func windows1252BodyWithCurlyQuotes() {
    let head = Array(
      "From: a@example.com\r\nSubject: quotes\r\nContent-Type: text/plain; charset=\"Windows-1252\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        .utf8)
    let body: [UInt8] = [0x93] + Array("Hello".utf8) + [0x94] + Array(" caf".utf8) + [0xE9, 0x20, 0x80, 0x35]
    let message = MailParser.parse((head + body)[...], limits: MailLimits())
    #expect(message.bodies == [F.body("“Hello” café €5")])
    let latin1 = MailParser.parse(
      F.lf(
        "Subject: x\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n=93Ol=E9=94"
      ),
      limits: MailLimits())
    #expect(latin1.bodies == [F.body("“Olé”")])
  }

  @Test func utf16BodyWithBOMAndUndeclared8Bit() {
    let utf16 = MailParser.parse(
      F.lf(
        "Subject: x\nContent-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: base64\n\n//5IAGkA\n"
      ),
      limits: MailLimits())
    #expect(utf16.bodies == [F.body("Hi")])
    // No charset: valid UTF-8 is kept, anything else is read as Windows-1252.
    let head = Array("Subject: x\n\n".utf8)
    #expect(
      MailParser.parse((head + Array("naïve".utf8))[...], limits: MailLimits()).bodies == [F.body("naïve")])
    #expect(
      MailParser.parse((head + [0x6E, 0x61, 0xEF, 0x76, 0x65])[...], limits: MailLimits()).bodies == [
        F.body("naïve")
      ])
  }

  @Test func digestPartsDefaultToMessages() {
    let message = MailParser.parse(
      F.lf(
        """
        Subject: digest
        Content-Type: multipart/digest; boundary=d

        --d

        From: one@example.com
        Subject: first

        first body
        --d

        From: two@example.com

        second body
        --d--

        """), limits: MailLimits())
    #expect(
      F.text(message.headers)
        == "Subject: digest\nFrom: one@example.com\nSubject: first\nFrom: two@example.com\n")
    #expect(message.bodies == [F.body("first body"), F.body("second body")])
  }

  @Test func parsesASliceThatDoesNotStartAtZero() {
    let whole = Array("junk before|Subject: sliced\n\nbody text\n".utf8)
    let start = whole.firstIndex(of: UInt8(ascii: "|"))! + 1
    let message = MailParser.parse(whole[start...], limits: MailLimits())
    #expect(F.text(message.headers) == "Subject: sliced\n")
    #expect(message.bodies == [F.body("body text\n")])
  }
}

struct MailMboxTests {
  typealias F = MailFixture

  static let mbox = """
    From alice@example.com Mon Jan  1 10:00:00 2024
    From: alice@example.com
    Subject: one

    Body one
    From now on this line stays, it follows no blank line.

    From bob@example.com Mon Jan  1 11:00:00 2024
    From: bob@example.com
    Subject: two

    >From the archive: SSN 123-45-6789
    >>From quoted twice

    From carol@example.com Mon Jan  1 12:00:00 2024
    From: carol@example.com
    Subject: three

    Body three

    """

  @Test func splitsThreeMessagesAndUnquotesFrom() {
    let messages = MailParser.messages(mbox: Array(Self.mbox.utf8))
    #expect(
      messages.map { F.text(Array($0)) } == [
        "From: alice@example.com\nSubject: one\n\nBody one\nFrom now on this line stays, it follows no blank line.\n",
        "From: bob@example.com\nSubject: two\n\nFrom the archive: SSN 123-45-6789\n>From quoted twice\n",
        "From: carol@example.com\nSubject: three\n\nBody three\n",
      ])
    let second = MailParser.parse(messages[1], limits: MailLimits())
    #expect(F.text(second.headers) == "From: bob@example.com\nSubject: two\n")
    #expect(second.bodies == [F.body("From the archive: SSN 123-45-6789\n>From quoted twice\n")])
  }

  @Test func crlfMboxAndEnvelopeSkippedByParse() {
    let bytes = Array(F.crlf(Self.mbox))
    let messages = MailParser.messages(mbox: bytes)
    #expect(messages.count == 3)
    #expect(F.text(Array(messages[2])) == "From: carol@example.com\r\nSubject: three\r\n\r\nBody three\r\n")
    // A whole one-message mbox handed to parse keeps its envelope out of the headers.
    let one = MailParser.parse(
      F.crlf(
        "From alice@example.com Mon Jan  1 10:00:00 2024\nFrom: alice@example.com\nSubject: one\n\nBody\n"),
      limits: MailLimits())
    #expect(F.text(one.headers) == "From: alice@example.com\nSubject: one\n")
    #expect(one.bodies == [F.body("Body\r\n")])
  }

  @Test func emptyAndEnvelopeOnlyInput() {
    #expect(MailParser.messages(mbox: []).isEmpty)
    #expect(MailParser.messages(mbox: Array("From a@b Mon Jan  1 10:00:00 2024\n".utf8)).isEmpty)
    #expect(MailParser.messages(mbox: Array("\n\n".utf8)).isEmpty)
  }
}

struct MailSniffTests {
  static func sniff(_ s: String) -> Bool { MailParser.looksLikeMail(Array(s.utf8)) }

  @Test func recognisesMessagesAndMboxes() {
    #expect(Self.sniff("From alice@example.com Mon Jan  1 10:00:00 2024\nFrom: alice@example.com\n"))
    #expect(
      Self.sniff(
        "Return-Path: <a@example.com>\r\nReceived: from mx\r\n\tby mx2\r\nX-Id: 1\r\nSubject: hi\r\n\r\nbody")
    )
    #expect(Self.sniff("FROM: a@example.com\nsubject: hi\n"))
    #expect(Self.sniff("X-Spam: no\nMIME-Version: 1.0\nMessage-ID: <x@y>\n\n"))
  }

  @Test func rejectsOtherText() {
    #expect(!Self.sniff("From the desk of the director\nSSN 123-45-6789\n"))
    #expect(!Self.sniff("Subject: only one marker\n\nbody\n"))
    #expect(!Self.sniff("Subject: one\nFrom: two"))  // the second line is not complete
    #expect(!Self.sniff("Name: Alice\nSSN: 123-45-6789\n"))
    #expect(!Self.sniff("Subject: a\nthis is prose\nFrom: b\n"))
    #expect(!Self.sniff(" From: folded first\nTo: b\n"))
    #expect(!Self.sniff("<html><body>From: a To: b</body></html>\n"))
    #expect(!Self.sniff(""))
    // Markers past the first 4 KiB do not count.
    #expect(!Self.sniff("X-Pad: " + String(repeating: "a", count: 4200) + "\nFrom: a\nTo: b\n"))
  }
}

struct MailProblemTests {
  typealias F = MailFixture

  @Test func badBase64IsSkippedAndReported() {
    let message = MailParser.parse(
      F.crlf(
        """
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: application/octet-stream; name="x.bin"
        Content-Transfer-Encoding: base64

        QUJD
        RE*VG!
        --b--

        """), limits: MailLimits())
    #expect(
      message.attachments == [
        MailAttachment(name: "x.bin", contentType: "application/octet-stream", bytes: Array("ABCDEF".utf8))
      ])
    #expect(message.problems == [.damaged("bad base64: 2 invalid characters skipped")])
  }

  @Test func missingClosingBoundary() {
    let message = MailParser.parse(
      F.crlf(
        """
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: text/plain

        first
        --b
        Content-Type: text/plain

        cut off here

        """), limits: MailLimits())
    #expect(message.bodies == [F.body("first"), F.body("cut off here\r\n")])
    #expect(message.problems == [.damaged("missing closing boundary \"b\"")])
  }

  @Test func boundaryThatNeverAppearsKeepsTheText() {
    let message = MailParser.parse(
      F.lf(
        """
        Subject: broken
        Content-Type: multipart/mixed; boundary="zzz"

        --yyy
        SSN 123-45-6789
        --zzz-not-a-delimiter

        """), limits: MailLimits())
    #expect(message.bodies == [F.body("--yyy\nSSN 123-45-6789\n--zzz-not-a-delimiter\n")])
    #expect(message.problems == [.damaged("boundary \"zzz\" not found")])
    let noBoundary = MailParser.parse(F.lf("Content-Type: multipart/mixed\n\ntext\n"), limits: MailLimits())
    #expect(noBoundary.bodies == [F.body("text\n")])
    #expect(noBoundary.problems == [.damaged("multipart without boundary")])
  }

  @Test func oddInputsDoNotCrash() {
    let inputs = [
      "", "\n", "\r\n\r\n", "Subject", "Subject:", ":", "From ", "=?", "Subject: =?utf-8?B?",
      "Subject: =?utf-8?Q?a?",
      "Subject: =?utf-8?X?abc?= =??=", "Content-Type: multipart/mixed; boundary=\"\n\n--\n",
      "Content-Type: ;;;=;\"\n\nx", "Content-Type: text/plain; charset*=\n\nx",
      "Content-Disposition: attachment; filename*0*=%; filename*99999*=x\n\nx",
      "Content-Type: multipart/mixed; boundary=b\n\n--b",
      "Content-Type: multipart/mixed; boundary=b\n\n--b--",
      "Content-Type: message/rfc822\n\n", "Content-Transfer-Encoding: quoted-printable\n\n=",
      "\u{0}\u{1}\u{FF}",
    ]
    for input in inputs {
      _ = MailParser.parse(F.lf(input), limits: MailLimits())
      _ = MailParser.messages(mbox: Array(input.utf8))
      _ = MailParser.looksLikeMail(Array(input.utf8))
    }
    let weird = MailParser.parse(F.lf("Subject: =?utf-8?X?abc?= =?koi8-r?Q?=C1?=\n\n"), limits: MailLimits())
    #expect(weird.headers == Array("Subject: =?utf-8?X?abc?= ".utf8) + [0xC1, 0x0A])
    #expect(weird.bodies == [])
  }

  @Test func everyPrefixOfAMessageParses() {
    let full = Array(
      F.crlf(
        """
        From: a@example.com
        Subject: =?UTF-8?Q?caf=C3=A9?=
        Content-Type: multipart/mixed; boundary="o"

        --o
        Content-Type: multipart/alternative; boundary=i

        --i
        Content-Type: text/plain
        Content-Transfer-Encoding: quoted-printable

        a=3Db=
        c
        --i--
        --o
        Content-Type: message/rfc822

        Subject: inner
        Content-Type: application/pdf; name*0*=utf-8''a%20; name*1=b.pdf
        Content-Transfer-Encoding: base64

        JVBERi0=
        --o--

        """))
    for end in 0...full.count {
      let message = MailParser.parse(full[..<end], limits: MailLimits())
      if end == full.count {
        #expect(message.bodies == [F.body("a=bc")])
        #expect(
          message.attachments == [
            MailAttachment(name: "a b.pdf", contentType: "application/pdf", bytes: Array("%PDF-".utf8))
          ])
        #expect(message.problems == [])
      }
    }
  }

  /// Twelve multiparts, each holding a text part and the next multipart: ten levels open, the
  /// eleventh stops with a problem and nothing below it is read.
  @Test func depthLimit() {
    func level(_ n: Int) -> String {
      if n > 12 { return "Content-Type: text/plain\n\ninnermost\n" }
      return
        "Content-Type: multipart/mixed; boundary=\"b\(n)\"\n\n--b\(n)\nContent-Type: text/plain\n\nlevel \(n)\n--b\(n)\n"
        + level(n + 1) + "\n--b\(n)--\n"
    }
    let message = MailParser.parse(F.lf("Subject: deep\n" + level(1)), limits: MailLimits())
    #expect(message.bodies == (1...10).map { F.body("level \($0)") })
    #expect(message.problems == [.limit("depth limit 10 reached")])

    var shallow = MailLimits()
    shallow.maxDepth = 2
    let cut = MailParser.parse(F.lf("Subject: deep\n" + level(1)), limits: shallow)
    #expect(cut.bodies == [F.body("level 1"), F.body("level 2")])
    #expect(cut.problems == [.limit("depth limit 2 reached")])
  }

  @Test func partAndSizeLimits() {
    let message = F.lf(
      """
      Content-Type: multipart/mixed; boundary=b

      --b
      Content-Type: application/octet-stream; name=a

      12345678
      --b
      Content-Type: application/octet-stream; name=b

      12345678
      --b
      Content-Type: text/plain

      1234
      --b
      Content-Type: text/plain

      5678
      --b--

      """)
    var size = MailLimits()
    size.maxDecodedBytes = 12
    let sized = MailParser.parse(message, limits: size)
    #expect(sized.attachments.map(\.name) == ["a"])
    #expect(sized.bodies == [F.body("1234")])
    #expect(sized.problems == [.limit("decoded size limit reached")])

    var parts = MailLimits()
    parts.maxParts = 3
    let counted = MailParser.parse(message, limits: parts)
    #expect(counted.attachments.map(\.name) == ["a", "b"])
    #expect(counted.bodies == [])
    #expect(counted.problems == [.limit("part limit 3 reached")])
  }
}
