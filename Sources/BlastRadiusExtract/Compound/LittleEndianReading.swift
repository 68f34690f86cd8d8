/// Little-endian integers at an offset from the start of a byte collection, nil past its end:
/// every length and offset in a binary Office file comes from the file, so none is trusted.
extension RandomAccessCollection where Element == UInt8, Index == Int {
  func u8(at offset: Int) -> Int? {
    guard offset >= 0, offset < count else { return nil }
    return Int(self[startIndex + offset])
  }

  func u16(at offset: Int) -> Int? {
    guard offset >= 0, offset + 2 <= count else { return nil }
    let i = startIndex + offset
    return Int(self[i]) | Int(self[i + 1]) << 8
  }

  func u32(at offset: Int) -> Int? {
    guard offset >= 0, offset + 4 <= count else { return nil }
    let i = startIndex + offset
    return Int(self[i]) | Int(self[i + 1]) << 8 | Int(self[i + 2]) << 16 | Int(self[i + 3]) << 24
  }

  func u64(at offset: Int) -> UInt64? {
    guard let low = u32(at: offset), let high = u32(at: offset + 4) else { return nil }
    return UInt64(high) << 32 | UInt64(low)
  }
}
