package import BlastRadiusBase
import CPff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An Outlook personal folders file (PST), offline folders file (OST) or personal address book
/// (PAB), read through libpff: every folder from the root down, and each message in it.
///
/// A store on disk is read where it lies (through the scanner's open descriptor, so it is the
/// file that was listed); one inside an archive or attached to a message is read from memory.
/// Messages are handed over one at a time, so memory stays bounded whatever the store's size.
package final class OutlookStore {
  /// What the header says the file is (`wMagicClient`).
  package enum Kind: String, Sendable {
    case pst, ost, pab
  }

  /// A problem met; `within` is the folder (or message) it concerns, relative to the store.
  package struct Problem: Error, Equatable {
    package var code: ScanIssue.Code
    package var message: String
    package var within: [String] = []
  }

  /// A store opened, or why not; its kind either way (the header says it).
  package typealias Opening = (kind: Kind, store: Result<OutlookStore, Problem>)

  /// What a walk meets, in order.
  package enum Visit {
    case message(OutlookMessage)
    case problem(Problem)
  }

  package static let magic: [UInt8] = Array("!BDN".utf8)

  let file: UnsafeMutablePointer<libpff_file_t>
  let limits: ExtractionLimits
  /// The bytes a store in memory is read from, and libbfio's handle over them.
  let memory: UnsafeMutableRawBufferPointer?
  let handle: UnsafeMutablePointer<libbfio_handle_t>?
  package let kind: Kind

  private init(
    file: UnsafeMutablePointer<libpff_file_t>, kind: Kind, limits: ExtractionLimits,
    memory: UnsafeMutableRawBufferPointer? = nil, handle: UnsafeMutablePointer<libbfio_handle_t>? = nil
  ) {
    self.file = file
    self.kind = kind
    self.limits = limits
    self.memory = memory
    self.handle = handle
  }

  deinit {
    var file: UnsafeMutablePointer<libpff_file_t>? = file
    libpff_file_close(file, nil)
    libpff_file_free(&file, nil)
    var handle = handle
    if handle != nil { libbfio_handle_free(&handle, nil) }
    memory?.deallocate()
  }

  /// The kind of store `head` starts, if it starts one.
  package static func kind(_ head: some Collection<UInt8>) -> Kind {
    switch Array(head.dropFirst(8).prefix(2)) {
    case Array("SO".utf8): .ost
    case Array("AB".utf8): .pab
    default: .pst
    }
  }

  /// Opens the store behind an open descriptor (the scanner's: the file it listed, whatever
  /// happened to the path since).
  package static func open(descriptor: Int32, limits: ExtractionLimits) -> Opening {
    #if os(Linux)
      let path = "/proc/self/fd/\(descriptor)"
    #else
      let path = "/dev/fd/\(descriptor)"
    #endif
    var header = [UInt8](repeating: 0, count: 520)
    let n = pread(descriptor, &header, header.count, 0)
    return open(header: Array(header.prefix(max(0, n))), limits: limits) { file, error in
      libpff_file_open(file, path, Int32(LIBPFF_ACCESS_FLAG_READ.rawValue), error)
    }
  }

  /// Zeroed bytes kept after a store held in memory. Debian's libbfio reads a whole request from
  /// a memory range even past the range's end (a 543-byte "store" had its 564-byte header read:
  /// found by the `outlook` fuzz harness under AddressSanitizer); no libpff read is larger than a
  /// 64 KiB page, so a read past the end finds zeros in memory we own instead of the heap beyond.
  static let memoryReadSlack = 1 << 17

  /// Opens a store held in memory (a copy is kept while the store is read).
  package static func open(bytes: [UInt8], limits: ExtractionLimits) -> Opening {
    let memory = UnsafeMutableRawBufferPointer.allocate(
      byteCount: bytes.count + memoryReadSlack, alignment: 16)
    memory.initializeMemory(as: UInt8.self, repeating: 0)
    memory.copyBytes(from: bytes)
    var handle: UnsafeMutablePointer<libbfio_handle_t>?
    var bfioError: UnsafeMutablePointer<libbfio_error_t>?
    let start = memory.baseAddress!.assumingMemoryBound(to: UInt8.self)
    guard libbfio_memory_range_initialize(&handle, &bfioError) == 1,
      libbfio_memory_range_set(handle, start, bytes.count, &bfioError) == 1
    else {
      if bfioError != nil { libbfio_error_free(&bfioError) }
      if handle != nil { libbfio_handle_free(&handle, nil) }
      memory.deallocate()
      let kind = kind(bytes)
      return (
        kind, .failure(Problem(code: .corrupt, message: "\(kind.rawValue): cannot be read from memory"))
      )
    }
    let opened = open(header: Array(bytes.prefix(520)), limits: limits, memory: memory, handle: handle) {
      file, error in
      libpff_file_open_file_io_handle(file, handle, Int32(LIBPFF_ACCESS_FLAG_READ.rawValue), error)
    }
    if case .failure = opened.store {
      libbfio_handle_free(&handle, nil)
      memory.deallocate()
    }
    return opened
  }

  static func open(
    header: [UInt8], limits: ExtractionLimits, memory: UnsafeMutableRawBufferPointer? = nil,
    handle: UnsafeMutablePointer<libbfio_handle_t>? = nil,
    _ call: (
      UnsafeMutablePointer<libpff_file_t>, UnsafeMutablePointer<UnsafeMutablePointer<libpff_error_t>?>
    ) -> Int32
  ) -> Opening {
    let kind = kind(header)
    var file: UnsafeMutablePointer<libpff_file_t>?
    do throws(PffFailure) {
      try pff { libpff_file_initialize(&file, $0) }
      guard let opened = file else { throw PffFailure(nil) }
      try pff { call(opened, $0) }
      return (
        kind, .success(OutlookStore(file: opened, kind: kind, limits: limits, memory: memory, handle: handle))
      )
    } catch {
      if file != nil { libpff_file_free(&file, nil) }
      // Only the compressible and high encodings are defined for a store's blocks; anything
      // else there is an encryption libpff does not undo (Windows Information Protection).
      let version = header.count >= 12 ? Int(header[10]) | Int(header[11]) << 8 : 0
      let method = header.count > 513 ? header[version >= 23 ? 513 : 461] : 0
      if version > 0, method > 2 {
        let message = "\(kind.rawValue): encrypted store (method 0x\(String(method, radix: 16))) was not read"
        return (kind, .failure(Problem(code: .encrypted, message: message)))
      }
      return (kind, .failure(Problem(code: .corrupt, message: "\(kind.rawValue): \(error.message)")))
    }
  }

  /// Walks every folder from the root down and hands over its messages, then its subfolders;
  /// false when `visit` said to stop. Folders are named by their path under the IPM subtree
  /// ("Inbox/Finance"): the root and the IPM subtree itself add no name.
  package func walk(_ visit: (Visit) -> Bool) -> Bool {
    let root: PffItem?
    do {
      root = try PffItem.get { libpff_file_get_root_folder(file, $0, $1) }
    } catch {
      return visit(
        .problem(Problem(code: .corrupt, message: "\(kind.rawValue): root folder: \(error.message)")))
    }
    // A store cut short keeps its header but loses the index its root folder is found by.
    guard let root else {
      return visit(
        .problem(Problem(code: .corrupt, message: "\(kind.rawValue): no root folder (truncated?)")))
    }
    guard walk(root, path: [], level: 0, subtree: ipmSubtree(), visit) else { return false }
    // Index pages libpff had to pass over: the items under them were not seen.
    if (try? pff({ libpff_file_is_corrupted(file, $0) })) == true {
      return visit(
        .problem(
          Problem(code: .corrupt, message: "\(kind.rawValue): damaged index; items under it were not read")))
    }
    return true
  }

  /// The IPM subtree's node id, from the message store's entry id for it (its last 4 bytes).
  func ipmSubtree() -> UInt32? {
    guard let store = try? PffItem.get({ libpff_file_get_message_store(file, $0, $1) }),
      case .bytes(let id)? = try? store.value(0x35E0, limit: 64), id.count >= 24
    else { return nil }
    return id.suffix(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
  }

  /// Folders nested deeper than this are a loop or damage, not a mailbox.
  static let maxFolderLevels = 256

  func walk(_ folder: PffItem, path: [String], level: Int, subtree: UInt32?, _ visit: (Visit) -> Bool) -> Bool
  {
    let here = path.joined(separator: "/")
    func problem(_ what: String, _ error: PffFailure) -> Bool {
      visit(
        .problem(
          Problem(
            code: .corrupt, message: "\(kind.rawValue): \(what): \(error.message)",
            within: here.isEmpty ? [] : [here])))
    }
    var messages: Int32 = 0
    do {
      try pff { libpff_folder_get_number_of_sub_messages(folder.pointer, &messages, $0) }
    } catch {
      if !problem("messages", error) { return false }
    }
    for index in 0..<messages {
      do {
        guard let item = try PffItem.get({ libpff_folder_get_sub_message(folder.pointer, index, $0, $1) })
        else {
          continue
        }
        let message = OutlookMessage(item, folder: path, limits: limits, depth: 0)
        if !visit(.message(message)) { return false }
      } catch {
        if !problem("message \(index + 1)", error) { return false }
      }
    }
    var folders: Int32 = 0
    do {
      try pff { libpff_folder_get_number_of_sub_folders(folder.pointer, &folders, $0) }
    } catch {
      return problem("subfolders", error)
    }
    guard level < Self.maxFolderLevels else {
      return visit(
        .problem(
          Problem(
            code: .limitExceeded,
            message: "\(kind.rawValue): folders nested deeper than \(Self.maxFolderLevels)",
            within: [here])))
    }
    for index in 0..<folders {
      let sub: PffItem?
      do {
        sub = try PffItem.get { libpff_folder_get_sub_folder(folder.pointer, index, $0, $1) }
      } catch {
        if !problem("folder \(index + 1)", error) { return false }
        continue
      }
      guard let sub else { continue }
      // The root and the IPM subtree ("Top of Personal Folders") are not part of a folder's name.
      let name = sub.string(0x3001) ?? "folder \(index + 1)"
      let isSubtree =
        level == 0 && (subtree == nil ? name == "Top of Personal Folders" : sub.identifier == subtree)
      if !walk(sub, path: isSubtree ? path : path + [name], level: level + 1, subtree: subtree, visit) {
        return false
      }
    }
    return true
  }
}
