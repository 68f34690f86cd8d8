/// The PostgreSQL store's tables: those of the SQLite store (`StoreSchema`), with the host in a
/// file's key, applied in order by `PostgresStore.migrate` and recorded in
/// `blastradius_migrations`. A database that lists a migration this release does not know was
/// made by a newer one and is refused.
enum PostgresSchema {
  static let migrations: [(identifier: String, sql: String)] = [
    ("v1 scans", scans),
    ("v2 work queue", workQueue),
    ("v3 console", console),
    ("v4 file findings", fileFindings),
  ]

  static var known: Set<String> { Set(migrations.map(\.identifier)) }

  /// Any fixed number: the transaction-scoped advisory lock that serializes migrations when
  /// several agents start at once.
  static let migrationLock: Int64 = 0x426C_6173_7452_6164

  static let migrationsTable = """
    CREATE TABLE IF NOT EXISTS blastradius_migrations (
      identifier TEXT PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """

  /// Scans, files by host and path, reads, and findings in compressed blocks exactly as the
  /// SQLite store keeps them (`FindingBlock`), so that both stores export the same bytes.
  static let scans = """
    CREATE TABLE scans (
      id BIGSERIAL PRIMARY KEY,
      host TEXT NOT NULL,
      roots TEXT NOT NULL,
      config_hash TEXT NOT NULL,
      config TEXT NOT NULL,
      key_id TEXT NOT NULL,
      started_at DOUBLE PRECISION NOT NULL,
      finished_at DOUBLE PRECISION,
      status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),
      pid BIGINT,
      files_read BIGINT NOT NULL DEFAULT 0,
      files_reused BIGINT NOT NULL DEFAULT 0,
      summary TEXT
    );
    CREATE INDEX scans_roots ON scans (host, roots, config_hash);
    CREATE TABLE scan_files (
      id BIGSERIAL PRIMARY KEY,
      host TEXT NOT NULL,
      path TEXT NOT NULL,
      dir TEXT NOT NULL,
      current_read BIGINT,
      present BOOLEAN NOT NULL DEFAULT true,
      last_scan BIGINT,
      UNIQUE (host, path)
    );
    CREATE INDEX scan_files_dir ON scan_files (host, dir);
    CREATE TABLE reads (
      id BIGSERIAL PRIMARY KEY,
      file_id BIGINT NOT NULL REFERENCES scan_files (id),
      scan_id BIGINT NOT NULL REFERENCES scans (id),
      device BIGINT NOT NULL,
      inode BIGINT NOT NULL,
      size BIGINT NOT NULL,
      mtime_ns BIGINT NOT NULL,
      ctime_ns BIGINT NOT NULL,
      sha256 BYTEA,
      config_hash TEXT NOT NULL,
      source_read BIGINT REFERENCES reads (id),
      whole_item BOOLEAN NOT NULL DEFAULT false,
      complete BOOLEAN NOT NULL DEFAULT false,
      findings BIGINT NOT NULL DEFAULT 0,
      tally TEXT
    );
    CREATE INDEX reads_size ON reads (size, config_hash);
    CREATE TABLE scan_seen (
      scan_id BIGINT NOT NULL,
      file_id BIGINT NOT NULL,
      read_id BIGINT NOT NULL,
      reused BOOLEAN NOT NULL,
      PRIMARY KEY (scan_id, file_id)
    );
    CREATE TABLE finding_blocks (
      read_id BIGINT NOT NULL,
      seq INTEGER NOT NULL,
      count INTEGER NOT NULL,
      values_index BYTEA NOT NULL,
      ends BYTEA NOT NULL,
      records BYTEA NOT NULL,
      sealed_values BYTEA,
      PRIMARY KEY (read_id, seq)
    );
    CREATE TABLE read_records (
      read_id BIGINT NOT NULL,
      seq INTEGER NOT NULL,
      kind TEXT NOT NULL,
      record TEXT NOT NULL,
      PRIMARY KEY (read_id, seq)
    );
    CREATE TABLE scan_issues (
      scan_id BIGINT NOT NULL,
      seq INTEGER NOT NULL,
      record TEXT NOT NULL,
      PRIMARY KEY (scan_id, seq)
    );
    """

  /// Scans handed to agents: the plan (the scan's settings as arguments) on the scan, its work
  /// items (a folder, or a batch of files), and the agents with their heartbeats. An item is
  /// `running` under an agent's lease until `lease_until`; past it, another agent may take it,
  /// up to `max_attempts` times.
  static let workQueue = """
    ALTER TABLE scans ADD COLUMN plan TEXT;
    ALTER TABLE scans ADD COLUMN planned_hosts TEXT;
    CREATE TABLE work_items (
      id BIGSERIAL PRIMARY KEY,
      scan_id BIGINT NOT NULL REFERENCES scans (id),
      host TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('folder', 'files')),
      paths TEXT[] NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
      agent TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER NOT NULL,
      lease_until TIMESTAMPTZ,
      bytes BIGINT NOT NULL DEFAULT 0,
      error TEXT,
      summary TEXT,
      issues TEXT[] NOT NULL DEFAULT '{}',
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      started_at TIMESTAMPTZ,
      finished_at TIMESTAMPTZ
    );
    CREATE INDEX work_items_open ON work_items (id) WHERE state IN ('pending', 'running');
    CREATE INDEX reads_incomplete ON reads (scan_id) WHERE NOT complete;
    CREATE INDEX work_items_scan ON work_items (scan_id, state);
    CREATE TABLE agents (
      name TEXT PRIMARY KEY,
      host TEXT NOT NULL,
      pid BIGINT NOT NULL,
      started_at TIMESTAMPTZ NOT NULL,
      heartbeat TIMESTAMPTZ NOT NULL,
      item BIGINT,
      items_done BIGINT NOT NULL DEFAULT 0,
      bytes_done BIGINT NOT NULL DEFAULT 0,
      busy_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
      stopped BOOLEAN NOT NULL DEFAULT false
    );
    """

  /// The console of `blastradius serve`, as the SQLite store keeps it (`StoreSchema.consoleTables`):
  /// users (bcrypt hashes), sessions and API tokens (SHA-256 hashes of the secrets only), every
  /// triage decision (the latest per scope and key holds), and the audit log.
  static let console = """
    CREATE TABLE console_users (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
      password_hash TEXT NOT NULL,
      totp_secret TEXT,
      created_at DOUBLE PRECISION NOT NULL,
      disabled BOOLEAN NOT NULL DEFAULT false
    );
    CREATE TABLE console_sessions (
      token_hash BYTEA PRIMARY KEY,
      user_id BIGINT NOT NULL REFERENCES console_users (id),
      csrf TEXT NOT NULL,
      created_at DOUBLE PRECISION NOT NULL,
      last_seen DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE console_tokens (
      id BIGSERIAL PRIMARY KEY,
      user_id BIGINT NOT NULL REFERENCES console_users (id),
      scope TEXT NOT NULL CHECK (scope IN ('read', 'triage', 'admin')),
      token_hash BYTEA NOT NULL UNIQUE,
      label TEXT NOT NULL DEFAULT '',
      created_at DOUBLE PRECISION NOT NULL,
      last_used DOUBLE PRECISION,
      revoked_at DOUBLE PRECISION
    );
    CREATE TABLE console_triage (
      id BIGSERIAL PRIMARY KEY,
      scope TEXT NOT NULL CHECK (scope IN ('finding', 'value', 'file')),
      key TEXT NOT NULL,
      detector TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL CHECK (state IN ('new', 'confirmed', 'false_positive', 'accepted_risk', 'remediated')),
      comment TEXT NOT NULL DEFAULT '',
      "user" TEXT NOT NULL,
      at DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX console_triage_key ON console_triage (scope, key, id);
    CREATE TABLE console_audit (
      id BIGSERIAL PRIMARY KEY,
      at DOUBLE PRECISION NOT NULL,
      "user" TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT NOT NULL DEFAULT '',
      detail TEXT NOT NULL DEFAULT ''
    );
    """

  /// Each file's findings in its current read beside it, indexed for the console's files page
  /// (as the SQLite store's `v5 file findings`).
  static let fileFindings = """
    ALTER TABLE scan_files ADD COLUMN findings BIGINT NOT NULL DEFAULT 0;
    UPDATE scan_files SET findings = COALESCE((SELECT findings FROM reads WHERE id = current_read), 0);
    CREATE INDEX scan_files_findings ON scan_files (findings DESC, path) WHERE present AND current_read IS NOT NULL;
    """
}
