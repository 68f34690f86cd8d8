import BlastRadiusBase
import BlastRadiusScan

/// One file's results on their way into the store, held by the worker that reads it until they
/// are committed with the file's "done" mark (or, for a file with many findings, in parts before
/// it, under a read not yet marked complete).
struct PendingFile {
  /// How the file's results come about.
  enum Origin {
    /// Read now; `readID` once a part of it was committed.
    case read(readID: Int64?)
    /// Unchanged since `readID` (same path, same stamp or content, same configuration).
    case unchanged(readID: Int64)
    /// The same content as `sourceRead` (another path), which stands for it.
    case duplicate(sourceRead: Int64)
  }

  let path: String
  let file: ScannedFile
  var origin: Origin
  var sha256: [UInt8]?
  /// Set when done.
  var tally: FileTally?
  /// Full blocks of findings and the one being filled.
  var blocks: [FindingBlock] = []
  /// `error`, `hunt` and `file` records, path left empty.
  var records: [(kind: String, json: [UInt8])] = []
  /// Records sent in parts already, so that later parts number on.
  var blocksSent = 0
  var recordsSent = 0
  /// Whether a finding is about the whole item (a credential file by its name, a document class):
  /// such a read cannot stand for a file at another path.
  var wholeItem = false

  init(file: ScannedFile, origin: Origin) {
    self.path = file.path
    self.file = file
    self.origin = origin
  }

  /// Bytes held, to decide when to commit (kept as records are added).
  var heldBytes = 0
}

/// Up to `capacity` findings as the store keeps them: a JSON array of records (path left empty, each
/// ending in a newline, which JSON allows between tokens),
/// the end offset of each record in it, and per finding its detector's index and fingerprint word.
struct FindingBlock {
  static let capacity = 256

  var count = 0
  var json = JSONBuilder(capacity: 64 * 1024)
  /// Little-endian UInt32 end offsets, one per record.
  var ends: [UInt8] = []
  /// Per finding: detector index (UInt16 LE), fingerprint's first word (UInt64 LE).
  var index: [UInt8] = []
  /// Revealed values (when the store keeps them): UInt32 LE length, then the UTF-8 bytes.
  var values: [UInt8] = []

  init() {
    json.raw("[]")
    ends.reserveCapacity(4 * Self.capacity)
    index.reserveCapacity(10 * Self.capacity)
  }

  var isFull: Bool { count == Self.capacity }

  mutating func add(_ finding: Finding, detector: UInt16, keepValue: Bool) {
    var record = finding
    record.path = ""
    let value = record.value
    record.value = nil
    // The array stays closed: its "]" is taken off for each record and put back after it.
    json.bytes.removeLast()
    if count > 0 { json.raw(",") }
    RecordFormatter.append(record, to: &json)
    Self.appendLE(UInt32(json.bytes.count), to: &ends)
    json.raw("]")
    Self.appendLE(detector, to: &index)
    Self.appendLE(finding.fingerprint.word0, to: &index)
    if keepValue {
      let bytes = Array((value ?? "").utf8)
      Self.appendLE(UInt32(bytes.count), to: &values)
      values += bytes
    }
    count += 1
  }

  static func appendLE<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
  }
}
