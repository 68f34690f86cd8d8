import NIOCore
import BlastRadiusStore
import PostgresNIO

/// The blocks of findings and the records of one commit, as the text format of `COPY … FROM
/// STDIN` wants them (tab between columns, a newline after each row, bytea as `\x` and hex,
/// backslashes and control characters escaped), sent inside the commit's transaction.
struct CopyLoad {
  var blocks = ByteBuffer()
  var records = ByteBuffer()
  var blockRows = 0
  var recordRows = 0

  mutating func add(_ block: FindingBlock, read: Int64, seq: Int, sealed: [UInt8]?) {
    var row = ByteBuffer()
    row.writeString("\(read)\t\(seq)\t\(block.count)\t")
    Self.bytea(block.index, to: &row)
    row.writeInteger(UInt8(ascii: "\t"))
    Self.bytea(block.ends, to: &row)
    row.writeInteger(UInt8(ascii: "\t"))
    if let packed = block.packed {
      Self.bytea(packed, to: &row)
    } else {
      Self.bytea(block.json.bytes, to: &row)
    }
    row.writeInteger(UInt8(ascii: "\t"))
    if let sealed { Self.bytea(sealed, to: &row) } else { row.writeString("\\N") }
    row.writeInteger(UInt8(ascii: "\n"))
    blocks.writeBuffer(&row)
    blockRows += 1
  }

  mutating func add(record: [UInt8], kind: String, read: Int64, seq: Int) {
    records.writeString("\(read)\t\(seq)\t")
    Self.text(Array(kind.utf8), to: &records)
    records.writeInteger(UInt8(ascii: "\t"))
    Self.text(record, to: &records)
    records.writeInteger(UInt8(ascii: "\n"))
    recordRows += 1
  }

  /// Sends what was added; nothing when empty.
  func send(_ db: PostgresConnection) async throws {
    if blockRows > 0 {
      try await db.copyFrom(
        table: "finding_blocks",
        columns: ["read_id", "seq", "count", "values_index", "ends", "records", "sealed_values"],
        logger: PostgresStore.quiet
      ) { writer in try await Self.chunks(blocks, to: writer) }
    }
    if recordRows > 0 {
      try await db.copyFrom(
        table: "read_records", columns: ["read_id", "seq", "kind", "record"], logger: PostgresStore.quiet
      ) { writer in try await Self.chunks(records, to: writer) }
    }
  }

  /// Writes `buffer` in pieces of at most 1 MiB (each a CopyData message).
  static func chunks(_ buffer: ByteBuffer, to writer: PostgresCopyFromWriter) async throws {
    var rest = buffer
    while rest.readableBytes > 0 {
      let piece = rest.readSlice(length: min(rest.readableBytes, 1 << 20))!
      try await writer.write(piece)
    }
  }

  static let hexDigits = Array("0123456789abcdef".utf8)

  /// `\\x` then the bytes in hex: the COPY text form of a bytea (its backslash escaped).
  static func bytea(_ bytes: [UInt8], to out: inout ByteBuffer) {
    out.writeString("\\\\x")
    out.reserveCapacity(minimumWritableBytes: 2 * bytes.count)
    out.writeWithUnsafeMutableBytes(minimumWritableBytes: 2 * bytes.count) { raw in
      var i = 0
      for b in bytes {
        raw[i] = hexDigits[Int(b >> 4)]
        raw[i + 1] = hexDigits[Int(b & 15)]
        i += 2
      }
      return i
    }
  }

  /// Text with the characters COPY's text format treats specially escaped.
  static func text(_ bytes: [UInt8], to out: inout ByteBuffer) {
    for b in bytes {
      switch b {
      case UInt8(ascii: "\\"): out.writeString("\\\\")
      case UInt8(ascii: "\n"): out.writeString("\\n")
      case UInt8(ascii: "\r"): out.writeString("\\r")
      case UInt8(ascii: "\t"): out.writeString("\\t")
      default: out.writeInteger(b)
      }
    }
  }
}
