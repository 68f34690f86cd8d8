/// A horizontal bar chart as inline SVG: the report must open from a USB stick with no network,
/// so charts are drawn by the writer, not by a script library.
package struct SVGBarChart {
  package struct Bar {
    package var label: String
    package var value: Double
    /// The number printed at the end of the bar.
    package var display: String

    package init(label: String, value: Double, display: String) {
      self.label = label
      self.value = value
      self.display = display
    }
  }

  package var id: String
  package var title: String
  package var bars: [Bar]
  package var color: String

  package init(id: String, title: String, bars: [Bar], color: String = "#c0392b") {
    self.id = id
    self.title = title
    self.bars = bars
    self.color = color
  }

  static let width = 760
  static let labelWidth = 300
  static let row = 24

  package func render() -> String {
    let height = 34 + max(1, bars.count) * Self.row
    var out =
      "<svg id=\"\(id)\" class=\"chart\" role=\"img\" aria-label=\"\(TextFormat.html(title))\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.width) \(height)\" width=\"\(Self.width)\" height=\"\(height)\">"
    out += "<title>\(TextFormat.html(title))</title>"
    out += "<text x=\"0\" y=\"16\" class=\"chart-title\">\(TextFormat.html(title))</text>"
    guard let top = bars.map(\.value).max(), top > 0 else {
      return out + "<text x=\"0\" y=\"46\" class=\"chart-empty\">nothing to show</text></svg>"
    }
    let area = Double(Self.width - Self.labelWidth - 160)
    for (i, bar) in bars.enumerated() {
      let y = 28 + i * Self.row
      let w = max(2, Int((bar.value / top * area).rounded()))
      out += "<g class=\"bar\"><title>\(TextFormat.html(bar.label)): \(TextFormat.html(bar.display))</title>"
      out +=
        "<text x=\"\(Self.labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"chart-label\">\(TextFormat.html(TextFormat.middle(bar.label, 44)))</text>"
      out +=
        "<rect x=\"\(Self.labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(Self.row - 7)\" rx=\"2\" fill=\"\(color)\"/>"
      out +=
        "<text x=\"\(Self.labelWidth + w + 6)\" y=\"\(y + 15)\" class=\"chart-value\">\(TextFormat.html(bar.display))</text></g>"
    }
    return out + "</svg>"
  }
}
