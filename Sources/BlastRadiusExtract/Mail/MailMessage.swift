/// What a mail message holds for a detector: its readable header lines, its text bodies and its
/// files, every one decoded from its wire form, plus what was wrong with it.
package struct MailMessage: Sendable, Equatable {
  /// Decoded header lines as UTF-8 text, "Name: value\n" one per line: From, To, Cc, Bcc, Reply-To,
  /// Subject, Date and every other header a person could have written into, with RFC 2047
  /// encoded-words decoded and folded lines unfolded. MIME and transport plumbing (Content-*,
  /// MIME-Version, Received, Message-ID, References, DKIM and ARC signatures…) is left out: it holds
  /// no personal text, only noise for the detectors. Headers of attached messages follow.
  package var headers: [UInt8]
  /// Text bodies (text/plain and text/html parts that are neither marked as attachments nor named),
  /// decoded from base64 or quoted-printable and converted to UTF-8 from their charset. HTML is
  /// returned as is, with `isHTML` set, so the caller strips the tags. Empty bodies are left out.
  package var bodies: [MailBody]
  /// Attachments and other non-text parts, decoded, with their file names (Content-Disposition
  /// filename / filename* (RFC 2231), else Content-Type name, RFC 2047 decoded; a part without a
  /// name gets "part-N.<ext from type>", N counting this list from 1). An attached message/rfc822
  /// is not listed itself: it is parsed in place and its headers, bodies and attachments join
  /// these, so that nothing in it is scanned twice.
  package var attachments: [MailAttachment]
  /// Problems met (bad base64, missing closing boundary, a limit reached); parsing goes on past
  /// each.
  package var problems: [MailProblem]

  package init(
    headers: [UInt8] = [], bodies: [MailBody] = [], attachments: [MailAttachment] = [],
    problems: [MailProblem] = []
  ) {
    self.headers = headers
    self.bodies = bodies
    self.attachments = attachments
    self.problems = problems
  }
}

/// One text body of a message, as UTF-8.
package struct MailBody: Sendable, Equatable {
  package var text: [UInt8]
  /// The text is HTML: tags still need stripping before detection.
  package var isHTML: Bool

  package init(text: [UInt8], isHTML: Bool) {
    self.text = text
    self.isHTML = isHTML
  }
}

/// One file carried by a message, with its transfer encoding undone (its bytes as written to disk).
package struct MailAttachment: Sendable, Equatable {
  package var name: String
  /// Lower-case "type/subtype", without parameters.
  package var contentType: String
  package var bytes: [UInt8]

  package init(name: String, contentType: String, bytes: [UInt8]) {
    self.name = name
    self.contentType = contentType
    self.bytes = bytes
  }
}

/// Bounds on one message, so a hostile one cannot recurse or expand without end.
package struct MailLimits: Sendable {
  /// Multipart and message/rfc822 levels opened; a container deeper than this is skipped.
  package var maxDepth = 10
  /// MIME entities (containers and leaves, at every depth) read per message.
  package var maxParts = 1000
  /// Bytes of decoded leaf content (bodies and attachments together) kept per message.
  package var maxDecodedBytes = 256 << 20

  package init() {}
}

/// Why part of a message was not read: the message is damaged, or a limit stopped reading (the
/// two become different error codes).
package enum MailProblem: Sendable, Equatable {
  case damaged(String)
  case limit(String)

  package var message: String {
    switch self {
    case .damaged(let m), .limit(let m): m
    }
  }
}
