import BlastRadiusBase
import BlastRadiusIntegrity

/// Writes change records as the comparison yields them: JSONL in 64 KiB writes, or the first
/// ones kept for the table.
struct ChangePrinter {
  let stream: BlastRadiusBase.OutputStream
  let jsonl: Bool
  var pending = JSONBuilder(capacity: 65_536)
  var shown: [Change] = []

  init(stream: BlastRadiusBase.OutputStream, jsonl: Bool) {
    self.stream = stream
    self.jsonl = jsonl
  }

  mutating func add(_ change: Change) {
    if jsonl {
      RecordFormatter.append(change, to: &pending)
      if pending.bytes.count >= 60_000 { flush() }
    } else if shown.count < TableRenderer.changeRows {
      shown.append(change)
    }
  }

  mutating func flush() {
    stream.write(pending.bytes)
    pending.bytes.removeAll(keepingCapacity: true)
  }
}
