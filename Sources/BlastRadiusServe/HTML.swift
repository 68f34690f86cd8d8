import BlastRadiusReport

/// A page built from escaped text: every string that did not come from this module goes through
/// `text` (file names are chosen by whoever wrote the files, attackers included), so markup
/// cannot be injected. There is no inline script or style anywhere: the CSP forbids it.
struct HTML {
  private(set) var out = ""

  /// Markup written by this module.
  mutating func raw(_ s: String) { out += s }

  /// Text, escaped for element content and quoted attribute values alike.
  mutating func text(_ s: String) { out += TextFormat.html(s) }

  /// A URL query value, percent-encoded (then escaped as an attribute by `text`).
  static func query(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(b))
      default:
        let hex = Array("0123456789ABCDEF".utf8)
        out += "%" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 15)]], as: UTF8.self)
      }
    }
    return out
  }

  /// The frame every page shares: a title, the navigation for signed-in users, the body.
  static func page(
    title: String, user: String?, csrf: String?, admin: Bool = false, _ body: (inout HTML) -> Void
  ) -> String {
    var h = HTML()
    h.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
    h.text(title)
    h.raw(" · BlastRadius</title><link rel=\"stylesheet\" href=\"/static/console.css\"></head><body>")
    if let user, let csrf {
      h.raw("<nav><a href=\"/\">Overview</a> <a href=\"/files\">Files</a> <a href=\"/values\">Values</a>")
      h.raw(
        " <a href=\"/people\">People</a> <a href=\"/hunt\">Hunt hits</a> <a href=\"/changes\">Integrity</a>")
      h.raw(" <a href=\"/scans\">Scans</a>")
      if admin { h.raw(" <a href=\"/audit\">Audit log</a>") }
      h.raw(
        "<form method=\"post\" action=\"/logout\" class=\"logout\"><input type=\"hidden\" name=\"csrf\" value=\""
      )
      h.text(csrf)
      h.raw("\"><button>Sign out ")
      h.text(user)
      h.raw("</button></form></nav>")
    }
    h.raw("<main><h1>")
    h.text(title)
    h.raw("</h1>")
    body(&h)
    h.raw("</main></body></html>")
    return h.out
  }
}
