import Synchronization
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress display on stderr (files, MB, MB/s and a note such as the findings),
/// redrawn a few times a second from its own thread. Only for terminals: stdout may be JSONL
/// and must stay clean.
public final class ProgressLine: Sendable {
  /// Live counters: files, bytes, and a short note for the end of the line.
  public typealias Counts = @Sendable () -> (files: Int, bytes: Int, note: String)

  let verb: String
  /// What the first count counts: `files`, or `records` for a report reading a scan's log.
  let unit: String
  let counts: Counts
  let stop = Atomic<Bool>(false)
  let started = MonotonicClock.now()

  public init(verb: String, unit: String = "files", counts: @escaping Counts) {
    self.verb = verb
    self.unit = unit
    self.counts = counts
  }

  /// Whether stderr is a terminal.
  public static var stderrIsTerminal: Bool { isatty(2) == 1 }

  /// Starts drawing; call the returned closure to stop and clear the line.
  public func start() -> () -> Void {
    let join = Threads.start { [self] in
      while !stop.load(ordering: .relaxed) {
        draw()
        for _ in 0..<5 where !stop.load(ordering: .relaxed) { usleep(50_000) }
      }
      let clear = Array("\r\u{1B}[2K".utf8)
      _ = clear.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
    return { [self] in
      stop.store(true, ordering: .relaxed)
      join()
    }
  }

  func draw() {
    let (files, bytes, note) = counts()
    let elapsed = max(0.001, MonotonicClock.now() - started)
    let mb = Double(bytes) / 1_048_576
    let line =
      "\r\u{1B}[2K\(verb): \(files) \(unit), \(Self.fixed(mb, 1)) MiB, \(Self.fixed(mb / elapsed, 1)) MiB/s, \(note)"
    let bytesOut = Array(line.utf8)
    _ = bytesOut.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
  }

  package static func fixed(_ x: Double, _ decimals: Int) -> String {
    var json = JSONBuilder()
    json.double(x, decimals: decimals)
    return String(decoding: json.bytes, as: UTF8.self)
  }
}
