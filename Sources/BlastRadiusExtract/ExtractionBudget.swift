/// What one file on disk has expanded to so far, against `ExtractionLimits`.
package struct ExtractionBudget {
  let limits: ExtractionLimits
  /// Size of the file on disk, for the ratio.
  let fileSize: Int
  package private(set) var expanded = 0
  package private(set) var members = 0

  package init(limits: ExtractionLimits, fileSize: Int) {
    self.limits = limits
    self.fileSize = fileSize
  }

  /// Counts a member; the message of the limit it breaks, if any.
  package mutating func addMember() -> String? {
    members += 1
    return members > limits.maxMembers ? "more than \(limits.maxMembers) members (--max-members)" : nil
  }

  /// Counts `n` more expanded bytes of a member that has produced `memberBytes` so far.
  package mutating func expand(_ n: Int, memberBytes: Int) -> (message: String, wholeFile: Bool)? {
    expanded += n
    if expanded > limits.maxTotalBytes {
      return ("expanded beyond \(limits.maxTotalBytes) bytes (--max-total-bytes)", true)
    }
    if expanded > limits.ratioFloor, expanded / max(1, fileSize) > limits.maxRatio {
      return ("expanded more than \(limits.maxRatio) times its size on disk (--max-ratio)", true)
    }
    if memberBytes > limits.maxMemberBytes {
      return ("member expanded beyond \(limits.maxMemberBytes) bytes (--max-member-bytes)", false)
    }
    return nil
  }
}
