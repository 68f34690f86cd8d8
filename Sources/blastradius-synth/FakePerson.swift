/// One synthetic person; files that mention the same person repeat exactly these values, which is how the sample
/// plants deliberate repeats.
struct FakePerson: Sendable {
  var firstName: String
  var lastName: String
  /// Nine digits, no separators.
  var ssn: String
  var dateOfBirth: CivilDate
  var email: String
  /// Ten digits, no separators.
  var phone: String

  var fullName: String { "\(firstName) \(lastName)" }
}
