import Foundation

#if FUZZING
  import CFuzzDriver
#endif

/// `blastradius-fuzz`: the parsers' fuzz harnesses. Built with `-sanitize=fuzzer` (scripts/fuzz),
/// libFuzzer drives the harness named by BLASTRADIUS_FUZZ; built plainly, it writes the seed
/// corpora and replays saved inputs (crashes found become regression tests this way).
enum FuzzMain {
  static let selected: Harness = {
    let name = ProcessInfo.processInfo.environment["BLASTRADIUS_FUZZ"] ?? ""
    guard let harness = Harness(rawValue: name) else {
      FileHandle.standardError.write(
        Data(
          "BLASTRADIUS_FUZZ must name a harness: \(Harness.allCases.map(\.rawValue).joined(separator: ", "))\n"
            .utf8))
      exit(2)
    }
    return harness
  }()

  static func usage() -> Never {
    FileHandle.standardError.write(
      Data(
        """
        usage: blastradius-fuzz seeds DIR            write each harness's seed corpus into DIR/NAME
               blastradius-fuzz replay NAME FILE...  run harness NAME on each file
               blastradius-fuzz list                 the harnesses

        """.utf8))
    exit(2)
  }

  static func run(_ arguments: [String]) {
    guard let command = arguments.first else { usage() }
    switch command {
    case "list":
      print(Harness.allCases.map(\.rawValue).joined(separator: "\n"))
    case "seeds":
      guard arguments.count == 2 else { usage() }
      for harness in Harness.allCases {
        let dir = arguments[1] + "/" + harness.rawValue
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, bytes) in Seeds.make(harness) {
          _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes))
        }
      }
    case "replay":
      guard arguments.count >= 3, let harness = Harness(rawValue: arguments[1]) else { usage() }
      for path in arguments.dropFirst(2) {
        guard let data = FileManager.default.contents(atPath: path) else {
          FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
          exit(1)
        }
        data.withUnsafeBytes { harness.run($0) }
      }
      print("replayed \(arguments.count - 2) input(s) through \(harness.rawValue)")
    default:
      usage()
    }
  }
}

@main
struct FuzzCommand {
  static func main() {
    #if FUZZING
      // libFuzzer runs the harness named by BLASTRADIUS_FUZZ on each input it makes.
      _ = FuzzMain.selected
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(
        LLVMFuzzerRunDriver(&argc, &argv) { data, size in
          FuzzMain.selected.run(UnsafeRawBufferPointer(start: data, count: size))
          return 0
        })
    #else
      FuzzMain.run(Array(CommandLine.arguments.dropFirst()))
    #endif
  }
}
