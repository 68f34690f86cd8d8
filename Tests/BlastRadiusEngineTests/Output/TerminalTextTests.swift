import Testing

@testable import BlastRadiusBase

/// Names from the scanned tree printed on a terminal: every control sequence shows as text.
struct TerminalTextTests {
  @Test func controlsAreEscaped() {
    #expect(TerminalText.escaped("plain résumé.txt") == "plain résumé.txt")
    #expect(TerminalText.escaped("\u{1B}[2Jclear.txt") == "\\e[2Jclear.txt")
    #expect(
      TerminalText.escaped("\u{1B}]8;;http://x\u{07}link\u{1B}]8;;\u{07}")
        == "\\e]8;;http://x\\x07link\\e]8;;\\x07")
    #expect(TerminalText.escaped("safe.txt\rEVIL.txt") == "safe.txt\\rEVIL.txt")
    #expect(TerminalText.escaped("a\tb\nc\u{7F}\u{9B}") == "a\\tb\\nc\\x7f\\x9b")
    #expect(TerminalText.escaped("invoice\u{202E}fdp.exe") == "invoice\\u{202e}fdp.exe")
  }

  /// A table cell is measured after escaping, so columns stay aligned.
  @Test func tableCellsAreEscaped() {
    let out = TableRenderer.table(
      ["code", "path"], [["x", "\u{1B}[2J.txt"], ["y", "ok"]], rightAligned: [])
    #expect(out == "code  path\n----  ---------\nx     \\e[2J.txt\ny     ok\n")
  }
}
