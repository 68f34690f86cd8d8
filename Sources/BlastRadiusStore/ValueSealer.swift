import Crypto
package import Foundation

/// Encrypts the raw values a store keeps (`--store-values`) with AES-256-GCM under a key kept
/// outside the database: a copy of the store alone reveals nothing. Each block of values is
/// sealed with a fresh nonce; the block's read id and number are authenticated with it, so a
/// sealed block moved to another row does not open.
package struct ValueSealer: Sendable {
  /// The 256-bit AES key: SHA-256 of the key file's bytes (of any length) and a label.
  let keyBytes: [UInt8]

  package init(key: [UInt8]) {
    keyBytes = Array(SHA256.hash(data: key + Array("blastradius store values".utf8)))
  }

  var key: SymmetricKey { SymmetricKey(data: keyBytes) }

  package func seal(_ values: [UInt8], read: Int64, block: Int) throws -> Data {
    try AES.GCM.seal(values, using: key, authenticating: Self.context(read, block)).combined!
  }

  package func open(_ sealed: Data, read: Int64, block: Int) throws -> [UInt8] {
    Array(
      try AES.GCM.open(
        AES.GCM.SealedBox(combined: sealed), using: key, authenticating: Self.context(read, block)))
  }

  static func context(_ read: Int64, _ block: Int) -> [UInt8] {
    withUnsafeBytes(of: read.littleEndian) { Array($0) }
      + withUnsafeBytes(of: Int64(block).littleEndian) { Array($0) }
  }
}
