import CPff

/// A failed libpff call: the innermost message of its backtrace (the cause), without the
/// function names, so an error record says what was wrong with the store.
struct PffFailure: Error {
  var message: String

  init(_ error: UnsafeMutablePointer<libpff_error_t>?) {
    var text = [CChar](repeating: 0, count: 4096)
    let n = error.map { libpff_error_backtrace_sprint($0, &text, text.count) } ?? -1
    let all =
      n > 0 ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
    var first = Substring(all.split(separator: "\n").first ?? "libpff failed")
    if let colon = first.firstIndex(of: ":") {
      first = first[first.index(after: colon)...].drop { $0 == " " }
    }
    while first.hasSuffix(".") { first = first.dropLast() }
    message = String(first)
  }
}

/// Calls libpff with an error slot: true when it returned 1, false for 0 (nothing there); a
/// failure (-1) throws with its message, and the error object is freed either way.
@discardableResult
func pff(_ call: (UnsafeMutablePointer<UnsafeMutablePointer<libpff_error_t>?>) -> Int32) throws(PffFailure)
  -> Bool
{
  var error: UnsafeMutablePointer<libpff_error_t>?
  let result = call(&error)
  defer { if error != nil { libpff_error_free(&error) } }
  if result == -1 { throw PffFailure(error) }
  return result == 1
}

/// A libpff item (a folder, message, attachment, recipient list), freed when the last
/// reference goes. Not `Sendable`: a store is read by one worker from start to end.
final class PffItem {
  let pointer: UnsafeMutablePointer<libpff_item_t>

  init(_ pointer: UnsafeMutablePointer<libpff_item_t>) { self.pointer = pointer }

  /// The item a libpff getter hands out, nil when there is none.
  static func get(
    _ call: (
      UnsafeMutablePointer<UnsafeMutablePointer<libpff_item_t>?>,
      UnsafeMutablePointer<UnsafeMutablePointer<libpff_error_t>?>
    ) -> Int32
  ) throws(PffFailure) -> PffItem? {
    var item: UnsafeMutablePointer<libpff_item_t>?
    guard try pff({ call(&item, $0) }), let item else { return nil }
    return PffItem(item)
  }

  deinit {
    var item: UnsafeMutablePointer<libpff_item_t>? = pointer
    libpff_item_free(&item, nil)
  }

  var identifier: UInt32 {
    var id: UInt32 = 0
    _ = try? pff { libpff_item_get_identifier(pointer, &id, $0) }
    return id
  }

  var recordSets: Int {
    var n: Int32 = 0
    _ = try? pff { libpff_item_get_number_of_record_sets(pointer, &n, $0) }
    return Int(n)
  }

  /// A property's value in a record set: strings as UTF-8 (libpff converts UTF-16 and 8-bit
  /// code pages), anything else as stored. Nil when absent, `.tooLarge` past `limit` bytes.
  enum Value {
    case bytes([UInt8])
    case tooLarge(Int)
  }

  func value(_ tag: UInt32, set index: Int = 0, limit: Int) throws(PffFailure) -> Value? {
    var set: UnsafeMutablePointer<libpff_record_set_t>?
    guard try pff({ libpff_item_get_record_set_by_index(pointer, Int32(index), &set, $0) }) else {
      return nil
    }
    defer { libpff_record_set_free(&set, nil) }
    var entry: UnsafeMutablePointer<libpff_record_entry_t>?
    let anyType = UInt8(LIBPFF_ENTRY_VALUE_FLAG_MATCH_ANY_VALUE_TYPE.rawValue)
    guard try pff({ libpff_record_set_get_entry_by_type(set, tag, 0, &entry, anyType, $0) }) else {
      return nil
    }
    defer { libpff_record_entry_free(&entry, nil) }
    var type: UInt32 = 0
    try pff { libpff_record_entry_get_value_type(entry, &type, $0) }
    var size = 0
    if type == 0x001F || type == 0x001E {
      try pff { libpff_record_entry_get_data_as_utf8_string_size(entry, &size, $0) }
      guard size <= limit else { return .tooLarge(size) }
      var text = [UInt8](repeating: 0, count: max(size, 1))
      try pff { libpff_record_entry_get_data_as_utf8_string(entry, &text, text.count, $0) }
      return .bytes(Array(text.prefix { $0 != 0 }))
    }
    try pff { libpff_record_entry_get_data_size(entry, &size, $0) }
    guard size <= limit else { return .tooLarge(size) }
    guard size > 0 else { return .bytes([]) }
    var data = [UInt8](repeating: 0, count: size)
    try pff { libpff_record_entry_get_data(entry, &data, size, $0) }
    return .bytes(data)
  }

  /// A short string property (a name, a subject), control characters as spaces; nil when
  /// absent, empty or unreadable.
  func string(_ tag: UInt32, set: Int = 0) -> String? {
    guard case .bytes(let b)? = try? value(tag, set: set, limit: 1 << 16), !b.isEmpty else { return nil }
    return String(decoding: b.map { $0 < 0x20 ? 0x20 : $0 }, as: UTF8.self)
  }
}
