import Foundation
import Testing

/// Gives each test of a suite its own temporary folder, removed when the test ends however it
/// ends: the stores and trees the console tests scan are made in it (`folder(_:)`), so a run
/// leaves nothing in the system's temporary directory (it left about thirty folders, each with
/// a store, per run).
struct TemporaryStores: SuiteTrait, TestTrait, TestScoping {
  @TaskLocal static var root: URL?

  var isRecursive: Bool { true }

  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    // Only around each test (or each case of a parameterised one), not the suite as a whole.
    guard test.isSuite == false else { return try await function() }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("br-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try await Self.$root.withValue(root) { try await function() }
  }

  /// A new folder named `prefix-UUID` in the running test's temporary folder (in the system's
  /// temporary directory outside such a test).
  static func folder(_ prefix: String) -> URL {
    (root ?? FileManager.default.temporaryDirectory).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  }
}

extension Trait where Self == TemporaryStores {
  /// Each test's stores in a folder removed when it ends.
  static var temporaryStores: Self { TemporaryStores() }
}
