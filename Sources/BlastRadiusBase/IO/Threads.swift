#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `body(i)` on `count` OS threads and waits for all. Scanning is CPU- and syscall-bound
/// and blocks in `pread`, so real threads, not tasks on the cooperative pool.
package enum Threads {
  final class Box: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  package static func run(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    var threads: [pthread_t] = []
    for i in 0..<count {
      let box = Unmanaged.passRetained(Box { body(i) }).toOpaque()
      var thread = pthread_t()
      let status = pthread_create(
        &thread, nil,
        { raw in
          let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
          box.body()
          return nil
        }, box)
      if status == 0 {
        threads.append(thread)
      } else {
        Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
      }
    }
    for t in threads { pthread_join(t, nil) }
  }

  /// Starts one detached-until-joined thread; call the returned closure to join it.
  package static func start(_ body: @escaping @Sendable () -> Void) -> () -> Void {
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(
      &thread, nil,
      { raw in
        Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
        return nil
      }, box)
    if status != 0 {
      Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
      return {}
    }
    return { pthread_join(thread, nil) }
  }
}
