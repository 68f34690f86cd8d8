/// A store that cannot be opened or used, or a snapshot that is missing or unusable; the
/// message says which and what to do.
package struct StoreError: Error, CustomStringConvertible {
  package var description: String
  package init(_ description: String) { self.description = description }
}
