package import BlastRadiusBase
package import BlastRadiusScan

/// One file's results on their way into the store, held by the worker that reads it until they
/// are committed with the file's "done" mark (or, for a file with many findings, in parts before
/// it, under a read not yet marked complete).
package struct PendingFile {
  /// How the file's results come about.
  package enum Origin: Sendable {
    /// Read now; `readID` once a part of it was committed.
    case read(readID: Int64?)
    /// Unchanged since `readID` (same path, same stamp or content, same configuration).
    case unchanged(readID: Int64)
    /// The same content as `sourceRead` (another path), which stands for it.
    case duplicate(sourceRead: Int64)
  }

  package let path: String
  package let file: ScannedFile
  package var origin: Origin
  package var sha256: [UInt8]?
  /// Set when done.
  package var tally: FileTally?
  /// Full blocks of findings and the one being filled.
  package var blocks: [FindingBlock] = []
  /// `error`, `hunt` and `file` records, path left empty.
  package var records: [(kind: String, json: [UInt8])] = []
  /// Records sent in parts already, so that later parts number on.
  package var blocksSent = 0
  package var recordsSent = 0
  /// Whether a finding is about the whole item (a credential file by its name, a document class):
  /// such a read cannot stand for a file at another path.
  package var wholeItem = false

  init(file: ScannedFile, origin: Origin) {
    self.path = file.path
    self.file = file
    self.origin = origin
  }

  /// The read that stands for the file in the store: an existing one, or one to insert (copying
  /// `source`, another path's read, for a duplicate); and whether the file was taken unread.
  package var readPlan: (existing: Int64?, source: Int64?, reused: Bool) {
    switch origin {
    case .unchanged(let id): (id, nil, true)
    case .read(let id): (id, nil, false)
    case .duplicate(let source): (nil, source, true)
    }
  }

  /// Bytes held, to decide when to commit (kept as records are added).
  package var heldBytes = 0
}

/// Up to `capacity` findings as the store keeps them: a JSON array of records (path left empty, each
/// ending in a newline, which JSON allows between tokens), compressed once the block is closed;
/// the end offset of each record in the array, and per finding its detector's index and its
/// fingerprint (taken out of the record: `StoreDatabase.export` puts it back).
package struct FindingBlock {
  package static let capacity = 256

  package var count = 0
  package var json = JSONBuilder(capacity: 64 * 1024)
  /// The array as one Zstandard frame, once closed by `pack` (the JSON is then let go).
  package var packed: [UInt8]?
  /// Little-endian UInt32 end offsets, one per record.
  package var ends: [UInt8] = []
  /// Per finding (`indexStride` bytes): detector index (UInt16 LE), then the fingerprint's 32
  /// bytes in order (its first word big-endian). Stores written before v3 have 10 bytes: the
  /// index, then the first word little-endian, the fingerprint being in the record.
  package var index: [UInt8] = []
  package static let indexStride = 34
  /// Revealed values (when the store keeps them): UInt32 LE length, then the UTF-8 bytes.
  package var values: [UInt8] = []

  init() {
    json.raw("[]")
    ends.reserveCapacity(4 * Self.capacity)
    index.reserveCapacity(Self.indexStride * Self.capacity)
  }

  var isFull: Bool { count == Self.capacity }

  mutating func add(_ finding: Finding, detector: UInt16, keepValue: Bool) {
    // The array stays closed: its "]" is taken off for each record and put back after it.
    json.bytes.removeLast()
    if count > 0 { json.raw(",") }
    RecordFormatter.appendStored(finding, to: &json)
    Self.appendLE(UInt32(json.bytes.count), to: &ends)
    json.raw("]")
    Self.appendLE(detector, to: &index)
    let f = finding.fingerprint
    // Byte-swapped little-endian is big-endian: the digest's bytes in order, whatever the host.
    Self.appendLE(f.word0.byteSwapped, to: &index)
    Self.appendLE(f.word1.byteSwapped, to: &index)
    Self.appendLE(f.word2.byteSwapped, to: &index)
    Self.appendLE(f.word3.byteSwapped, to: &index)
    if keepValue {
      let bytes = Array((finding.value ?? "").utf8)
      Self.appendLE(UInt32(bytes.count), to: &values)
      values += bytes
    }
    count += 1
  }

  /// Closes the block: compresses its records (by the worker that read them, outside the
  /// store's single writer).
  mutating func pack(with compressor: Zstd.Compressor) {
    guard packed == nil, count > 0 else { return }
    packed = compressor.compress(json.bytes)
    json = JSONBuilder(capacity: 0)
  }

  static func appendLE<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: T.bitWidth, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }
}
