import CZstd

/// Zstandard frames for the store's blocks of findings. Records of one file repeat their keys,
/// detector names and reasons, so a block of 256 shrinks about sevenfold at level 1, which costs
/// less CPU than writing (twice, through the WAL) the bytes it saves.
package enum Zstd {
  /// A compression context, kept by one worker and reused for each of its blocks (a context per
  /// call would allocate hundreds of KiB each time). Not shared between threads.
  final class Compressor {
    private let context: OpaquePointer

    init() {
      guard let context = ZSTD_createCCtx() else { fatalError("zstd: out of memory") }
      self.context = context
      ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 1)
      // A 2^11-entry hash table stays in L1 for blocks of tens of KiB: measured on scan records,
      // a quarter faster than level 1's default and no larger (6.96× against 6.91×).
      ZSTD_CCtx_setParameter(context, ZSTD_c_hashLog, 11)
      // The content size goes into the frame header: readers size their buffer from it.
      ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1)
    }

    deinit { ZSTD_freeCCtx(context) }

    /// One frame holding `bytes`.
    func compress(_ bytes: [UInt8]) -> [UInt8] {
      let bound = ZSTD_compressBound(bytes.count)
      return [UInt8](unsafeUninitializedCapacity: bound) { out, count in
        let n = bytes.withUnsafeBytes { src in
          ZSTD_compress2(context, out.baseAddress, bound, src.baseAddress, src.count)
        }
        // Only a destination smaller than the bound can fail, and it is the bound.
        precondition(ZSTD_isError(n) == 0, "zstd: \(String(cString: ZSTD_getErrorName(n)))")
        count = n
      }
    }
  }

  /// A decompression context for a reader going through many blocks.
  package final class Decompressor {
    private let context: OpaquePointer

    package init() {
      guard let context = ZSTD_createDCtx() else { fatalError("zstd: out of memory") }
      self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    /// The content of the one frame in `frame`; nil when it is not a whole, valid frame (a
    /// damaged store) or claims more than `limit` bytes.
    package func decompress(_ frame: UnsafeRawBufferPointer, limit: Int = 1 << 30) -> [UInt8]? {
      let size = ZSTD_getFrameContentSize(frame.baseAddress, frame.count)
      guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size <= UInt64(limit) else {
        return nil
      }
      var failed = false
      let bytes = [UInt8](unsafeUninitializedCapacity: Int(size)) { out, count in
        let n = ZSTD_decompressDCtx(context, out.baseAddress, out.count, frame.baseAddress, frame.count)
        failed = ZSTD_isError(n) != 0 || n != Int(size)
        count = failed ? 0 : n
      }
      return failed ? nil : bytes
    }
  }
}
