/// Small built-in word lists: enough variety to look like a real share, small enough that nothing real is implied.
enum NameBank {
  static let firstNames = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen",
    "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily",
    "Andrew", "Michelle", "Kevin", "Amanda", "Brian", "Melissa", "Priya", "Deborah", "Wei", "Laura",
    "Omar", "Fatima", "Hiroshi", "Ana", "Lars", "Ingrid", "Kwame", "Chloe",
  ]

  static let lastNames = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
    "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
    "Patel", "Kim", "Okafor", "Schmidt", "Larsen", "Tanaka", "Novak", "Dubois",
  ]

  static let cities = [
    "New York", "Chicago", "Houston", "Phoenix", "Philadelphia", "San Antonio", "San Diego", "Dallas",
    "Austin", "Jacksonville", "Columbus", "Charlotte", "Indianapolis", "Seattle", "Denver", "Boston",
    "Nashville", "Portland", "Las Vegas", "Detroit", "Memphis", "Baltimore", "Milwaukee", "Albuquerque",
  ]

  /// Area codes whose first digit is 2–9, as the North American plan requires.
  static let areaCodes = [
    212, 213, 305, 312, 404, 415, 503, 512, 602, 614, 617, 646, 702, 713, 720, 801, 808, 816, 919, 971,
  ]

  static let departments = [
    "Finance", "Engineering", "Sales", "Marketing", "Legal", "Operations", "Support", "Human Resources",
  ]

  static let jobTitles = [
    "Financial Analyst", "Software Engineer", "Account Executive", "Marketing Specialist", "Paralegal",
    "Operations Coordinator", "Support Engineer", "HR Generalist", "Data Analyst", "Product Manager",
  ]

  static let services = ["auth", "billing", "search", "orders", "gateway", "profile", "notify", "reports"]

  static let logLevels = ["INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR"]

  static let resources = ["orders", "users", "invoices", "sessions", "carts", "items", "reports", "tokens"]

  static let emailDomains = ["example.com", "example.org", "example.net"]

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]

  /// Frequent English words; the prose generator draws from these half the time, which gives text the skewed word
  /// frequencies a scanner's prefilter sees in real documents.
  static let commonWords = [
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on",
    "not",
    "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they", "you",
    "were",
    "their", "one", "all", "we", "can", "her", "has", "there", "been", "if", "more", "when", "will", "would",
    "who", "so", "no",
  ]

  static let contentWords = [
    "report", "quarter", "meeting", "budget", "customer", "project", "review", "policy", "schedule", "team",
    "office", "account", "record", "request", "update", "training", "contract", "vendor", "summary",
    "forecast",
    "revenue", "process", "approval", "document", "manager", "employee", "benefits", "payroll", "department",
    "compliance", "security", "storage", "retention", "archive", "backup", "network", "service", "support",
    "analysis", "strategy", "proposal", "timeline", "milestone", "delivery", "quality", "feedback", "survey",
    "planning", "regional", "annual", "monthly", "weekly", "internal", "external", "confidential", "draft",
    "final", "revised", "pending", "approved", "submitted", "received", "shared", "folder", "spreadsheet",
    "presentation", "agenda", "minutes", "action", "items", "owner", "deadline", "priority", "status", "risk",
    "issue", "resolution", "expected", "current", "previous", "following", "additional", "required",
    "general",
    "specific", "important", "available", "responsible", "discussed", "agreed", "noted", "considered",
    "increase",
    "decrease", "growth", "market", "product", "pricing", "discount", "invoice", "payment", "travel",
    "expense",
    "reimbursement", "headcount", "hiring", "onboarding", "facilities", "maintenance", "renewal", "license",
  ]
}
