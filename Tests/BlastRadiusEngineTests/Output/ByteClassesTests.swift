import Testing
@testable import BlastRadiusBase

/// A class table answers for every byte value what the sets it was made from answer.
struct ByteClassesTests {
  @Test func eachFlagIsItsSetsMembership() {
    let sets = [ByteSet("A-Za-z0-9._%+-"), ByteSet("0-9"), ByteSet("!-~"), ByteSet()]
    var classes = ByteClasses()
    for (i, set) in sets.enumerated() { classes.insert(set, flag: 1 << UInt8(i)) }
    classes.withTable { table in
      #expect(table.count == 256)
      for b in 0...255 {
        for (i, set) in sets.enumerated() {
          #expect((table[b] & (1 << UInt8(i)) != 0) == set.contains(UInt8(b)), "byte \(b) set \(i)")
        }
      }
    }
  }
}
