/// Writes a batch's `finding` records straight into one output buffer, byte for byte what
/// `RecordFormatter.append(_: Finding, to:)` writes for the same findings: the path, `within`
/// and each detector's fixed fields are escaped once per batch or per scan, not per finding,
/// and the per-finding fields go in through a pointer after one capacity check.
package struct FindingWriter: ~Copyable {
  package var buffer: RecordBuffer
  /// `"ID","category":"CATEGORY","confidence":` per detector of `names`, one after another,
  /// and where each starts (`count + 1` bounds): plain bytes, so a record costs no reference
  /// count on the way.
  var detectorText: [UInt8] = []
  var detectorBounds: [Int] = [0]
  var names: DetectorNames?
  /// Recent reasons' text (`["luhn","iin:visa"]`), by their packed form: `reasonsSlots` slots of
  /// `reasonsSlotSize` bytes, each with its key and length (0 when empty).
  let reasonsSlotText: UnsafeMutableRawPointer
  var reasonsKeys: [(UInt64, UInt64)] = Array(repeating: (0, 0), count: reasonsSlots)
  var reasonsLengths: [Int] = Array(repeating: 0, count: reasonsSlots)
  static let reasonsSlots = 16
  static let reasonsSlotSize = 512

  package init(capacity: Int = 128 * 1024) {
    buffer = RecordBuffer(capacity: capacity)
    reasonsSlotText = .allocate(byteCount: Self.reasonsSlots * Self.reasonsSlotSize, alignment: 8)
  }

  deinit { reasonsSlotText.deallocate() }

  package mutating func append(_ batch: FindingBatch) {
    guard !batch.findings.isEmpty else { return }
    if names !== batch.names { learn(batch.names) }
    // The batch's fixed text: what starts each record, then a sheet's fields (if any).
    var fixed = JSONBuilder(capacity: 256)
    fixed.raw("{\"kind\":\"finding\",\"path\":"); fixed.path(batch.place.path, key: "path")
    fixed.raw(",\"within\":"); fixed.strings(batch.place.within)
    fixed.raw(",\"detector\":")
    let headCount = fixed.bytes.count
    if let name = batch.place.sheet {
      fixed.raw(",\"sheet\":"); fixed.string(name)
      fixed.raw(",\"row\":")
    }
    let page = batch.place.page
    let detectorText = detectorText
    let detectorBounds = detectorBounds
    batch.text.withUnsafeBytes { text in
      fixed.bytes.withUnsafeBytes { fixed in
        let head = UnsafeRawBufferPointer(rebasing: fixed[..<headCount])
        let sheet = UnsafeRawBufferPointer(rebasing: fixed[headCount...])
        detectorText.withUnsafeBytes { detectors in
          for f in batch.findings {
            let d = Int(f.detector)
            let detector = UnsafeRawBufferPointer(
              rebasing: detectors[detectorBounds[d]..<detectorBounds[d + 1]])
            append(f, head: head, detector: detector, sheet: sheet, page: page, text: text)
          }
        }
      }
    }
  }

  @inline(__always) mutating func append(
    _ f: CompactFinding, head: UnsafeRawBufferPointer, detector: UnsafeRawBufferPointer,
    sheet: UnsafeRawBufferPointer, page: Int?, text: UnsafeRawBufferPointer
  ) {
    let reasons = reasonsText(f.reasons)
    let masked = UnsafeRawBufferPointer(
      rebasing: text[Int(f.masked.start)..<Int(f.masked.start + f.masked.count)])
    let value = f.value.map {
      UnsafeRawBufferPointer(rebasing: text[Int($0.start)..<Int($0.start + $0.count)])
    }
    // The buffer is written unchecked after this: the fixed keys and punctuation (118 bytes at
    // most), seven numbers of at most 20 bytes (line, column, offset, row, the cell's row, page,
    // record), the fingerprint (64), a cell's letters (at most 16), and what is escaped at six
    // bytes a byte.
    buffer.reserve(
      head.count + detector.count + reasons.count + sheet.count + 150 + 7 * 20 + 64 + 16
        + 6 * masked.count + 6 * (value?.count ?? 0))
    buffer.put(head)
    buffer.put(detector)
    switch f.confidence {
    case .low: buffer.put("\"low\"")
    case .medium: buffer.put("\"medium\"")
    case .high: buffer.put("\"high\"")
    }
    buffer.put(",\"reasons\":")
    buffer.put(reasons)
    buffer.put(",\"line\":")
    buffer.putInt(f.line)
    buffer.put(",\"column\":")
    buffer.putInt(f.column)
    buffer.put(",\"offset\":")
    buffer.putInt(f.offset)
    buffer.put(",\"masked\":\"")
    buffer.putEscaped(masked)
    buffer.put("\",\"fingerprint\":\"")
    buffer.putHex(f.fingerprint)
    buffer.put(ASCII.quote)
    if !sheet.isEmpty {
      buffer.put(sheet)
      buffer.putInt(f.line)
      buffer.put(",\"cell\":\"")
      var letters: (UInt64, UInt64) = (0, 0)
      let n = withUnsafeMutableBytes(of: &letters) { Self.columnLetters(f.column - 1, into: $0) }
      withUnsafeBytes(of: &letters) { buffer.put(UnsafeRawBufferPointer(rebasing: $0[(16 - n)...])) }
      buffer.putInt(f.line)
      buffer.put(ASCII.quote)
    }
    if let page {
      buffer.put(",\"page\":")
      buffer.putInt(page)
    }
    if f.record >= 0 {
      buffer.put(",\"record\":")
      buffer.putInt(f.record)
    }
    if let value {
      buffer.put(",\"value\":\"")
      buffer.putEscaped(value)
      buffer.put(ASCII.quote)
    }
    buffer.put("}\n")
  }

  /// Writes a column's letters (0 → A, 26 → AA) at the end of `out`; returns how many.
  static func columnLetters(_ index: Int, into out: UnsafeMutableRawBufferPointer) -> Int {
    var n = max(index, 0) + 1
    var i = out.count
    while n > 0, i > 0 {
      i -= 1
      out[i] = UInt8(0x41 + (n - 1) % 26)
      n = (n - 1) / 26
    }
    return out.count - i
  }

  mutating func learn(_ names: DetectorNames) {
    self.names = names
    detectorText.removeAll()
    detectorBounds = [0]
    for i in 0..<names.count {
      var json = JSONBuilder(capacity: 64)
      json.string(names.ids[i])
      json.raw(",\"category\":")
      json.string(names.categories[i])
      json.raw(",\"confidence\":")
      detectorText += json.bytes
      detectorBounds.append(detectorText.count)
    }
  }

  /// The reasons' JSON array, from the cache when they were written lately; valid until the next
  /// call.
  mutating func reasonsText(_ reasons: Reasons) -> UnsafeRawBufferPointer {
    let key = reasons.key
    let slot = Int(truncatingIfNeeded: (key.0 &* 0x9E37_79B9_7F4A_7C15 ^ key.1) >> 60)
    let text = reasonsSlotText + slot * Self.reasonsSlotSize
    if reasonsLengths[slot] > 0, reasonsKeys[slot] == key {
      return UnsafeRawBufferPointer(start: text, count: reasonsLengths[slot])
    }
    var json = JSONBuilder(capacity: 64)
    json.reasons(reasons)
    // At most eight reasons of a fixed set: the longest text is well under a slot.
    let n = json.bytes.count
    precondition(n <= Self.reasonsSlotSize, "reasons text longer than a slot")
    json.bytes.withUnsafeBytes { text.copyMemory(from: $0.baseAddress!, byteCount: n) }
    reasonsKeys[slot] = key
    reasonsLengths[slot] = n
    return UnsafeRawBufferPointer(start: text, count: n)
  }
}
