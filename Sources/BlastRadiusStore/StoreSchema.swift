import GRDB

/// The tables, created and upgraded by GRDB's migrator. A snapshot is one labelled state of
/// file trees (an integrity baseline now; scans later): its entries, boot areas and issues hang
/// off it and go with it.
enum StoreSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1 snapshots") { db in
      try db.execute(
        sql: """
          CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'integrity',
            roots TEXT NOT NULL,
            generation INTEGER NOT NULL DEFAULT 1,
            complete INTEGER NOT NULL DEFAULT 0,
            started_at REAL NOT NULL,
            finished_at REAL,
            entries INTEGER NOT NULL DEFAULT 0,
            files INTEGER NOT NULL DEFAULT 0,
            bytes INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0
          );
          CREATE TABLE files (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            dir TEXT NOT NULL,
            name TEXT NOT NULL,
            top TEXT NOT NULL,
            kind TEXT NOT NULL,
            mode INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            gid INTEGER NOT NULL,
            device INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            links INTEGER NOT NULL,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            ctime INTEGER NOT NULL,
            target TEXT,
            sha256 BLOB,
            entropy REAL,
            sampled INTEGER,
            content_type TEXT,
            period INTEGER,
            listed INTEGER NOT NULL DEFAULT 1,
            generation INTEGER NOT NULL,
            PRIMARY KEY (snapshot_id, dir, name)
          ) WITHOUT ROWID;
          CREATE TABLE devices (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            sha256 BLOB NOT NULL,
            entropy REAL NOT NULL,
            sampled INTEGER NOT NULL,
            content_type TEXT NOT NULL,
            period INTEGER NOT NULL,
            regions BLOB NOT NULL,
            PRIMARY KEY (snapshot_id, path)
          ) WITHOUT ROWID;
          CREATE TABLE issues (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL
          );
          CREATE INDEX issues_snapshot ON issues(snapshot_id);
          """)
    }
    migrator.registerMigration("v2 scans") { db in
      try db.execute(sql: scanTables)
    }
    migrator.registerMigration("v3 compressed findings") { db in
      // Blocks written from now on are Zstandard frames whose records have an empty fingerprint,
      // the fingerprint being in the block's index (34 bytes a finding); those already stored stay
      // text, with 10-byte index entries. The view reads both through `blastradius_records`, which
      // every connection of this release has.
      try db.execute(
        sql: """
          DROP VIEW current_findings;
          CREATE VIEW current_findings AS
            SELECT f.path AS path, r.scan_id AS scan_id, r.id AS read_id,
              CASE WHEN typeof(b.records) = 'blob'
                THEN json_set(j.value, '$.path', f.path,
                  '$.fingerprint', lower(hex(substr(b.values_index, j.key * 34 + 3, 32))))
                ELSE json_set(j.value, '$.path', f.path) END AS record
            FROM scan_files f JOIN reads r ON r.id = f.current_read
            JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id),
              json_each(\(recordsFunction)(b.records)) j
            WHERE f.present;
          """)
    }
    migrator.registerMigration("v4 console") { db in
      try db.execute(sql: consoleTables)
    }
    migrator.registerMigration("v5 file findings") { db in
      try db.execute(sql: fileFindings)
    }
    return migrator
  }

  /// The console of `blastradius serve` (issue 17): its users (bcrypt hashes), their sessions and
  /// API tokens (only SHA-256 hashes of the secrets), triage decisions (every one kept; the latest
  /// per scope and key holds), and the audit log. Kept in the store, so
  /// that the console's state goes wherever the findings go.
  static let consoleTables = """
    CREATE TABLE console_users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
      password_hash TEXT NOT NULL,
      totp_secret TEXT,
      created_at REAL NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE console_sessions (
      token_hash BLOB PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES console_users (id),
      csrf TEXT NOT NULL,
      created_at REAL NOT NULL,
      last_seen REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE console_tokens (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES console_users (id),
      scope TEXT NOT NULL CHECK (scope IN ('read', 'triage', 'admin')),
      token_hash BLOB NOT NULL UNIQUE,
      label TEXT NOT NULL DEFAULT '',
      created_at REAL NOT NULL,
      last_used REAL,
      revoked_at REAL
    );
    CREATE TABLE console_triage (
      id INTEGER PRIMARY KEY,
      scope TEXT NOT NULL CHECK (scope IN ('finding', 'value', 'file')),
      key TEXT NOT NULL,
      detector TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL CHECK (state IN ('new', 'confirmed', 'false_positive', 'accepted_risk', 'remediated')),
      comment TEXT NOT NULL DEFAULT '',
      user TEXT NOT NULL,
      at REAL NOT NULL
    );
    CREATE INDEX console_triage_key ON console_triage (scope, key, id);
    CREATE TABLE console_audit (
      id INTEGER PRIMARY KEY,
      at REAL NOT NULL,
      user TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT NOT NULL DEFAULT '',
      detail TEXT NOT NULL DEFAULT ''
    );
    """

  /// Scans (issue 15). A file's path has one row in `scan_files`; each time its content is read
  /// a `reads` row holds what was found, and the file points to its current read. Reads are
  /// never rewritten, so history stays; a read is `complete` only once all of its records are
  /// in, in the same transaction as that mark. Records are stored as the JSONL contract writes
  /// them, with an empty `path` (the file's path is put back on the way out, so one read can
  /// stand for several paths holding the same content). Findings go in blocks of up to 256: a
  /// JSON array (`json_each` reads it), the end of each record in it, and per finding its
  /// detector's index in the scan's configuration and the first 8 bytes of its fingerprint
  /// (compressed since v3).
  static let scanTables = """
    CREATE TABLE scans (
      id INTEGER PRIMARY KEY,
      host TEXT NOT NULL,
      roots TEXT NOT NULL,
      config_hash TEXT NOT NULL,
      config TEXT NOT NULL,
      key_id TEXT NOT NULL,
      started_at REAL NOT NULL,
      finished_at REAL,
      status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),
      pid INTEGER,
      files_read INTEGER NOT NULL DEFAULT 0,
      files_reused INTEGER NOT NULL DEFAULT 0,
      summary TEXT
    );
    CREATE TABLE scan_files (
      id INTEGER PRIMARY KEY,
      path TEXT NOT NULL UNIQUE,
      current_read INTEGER,
      present INTEGER NOT NULL DEFAULT 1,
      last_scan INTEGER
    );
    CREATE TABLE reads (
      id INTEGER PRIMARY KEY,
      file_id INTEGER NOT NULL REFERENCES scan_files(id),
      scan_id INTEGER NOT NULL REFERENCES scans(id),
      device INTEGER NOT NULL,
      inode INTEGER NOT NULL,
      size INTEGER NOT NULL,
      mtime_ns INTEGER NOT NULL,
      ctime_ns INTEGER NOT NULL,
      sha256 BLOB,
      config_hash TEXT NOT NULL,
      source_read INTEGER REFERENCES reads(id),
      whole_item INTEGER NOT NULL DEFAULT 0,
      complete INTEGER NOT NULL DEFAULT 0,
      findings INTEGER NOT NULL DEFAULT 0,
      tally TEXT
    );
    CREATE INDEX reads_size ON reads(size, config_hash);
    CREATE TABLE scan_seen (
      scan_id INTEGER NOT NULL,
      file_id INTEGER NOT NULL,
      read_id INTEGER NOT NULL,
      reused INTEGER NOT NULL,
      PRIMARY KEY (scan_id, file_id)
    ) WITHOUT ROWID;
    CREATE TABLE finding_blocks (
      read_id INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      count INTEGER NOT NULL,
      values_index BLOB NOT NULL,
      ends BLOB NOT NULL,
      records TEXT NOT NULL,
      sealed_values BLOB,
      PRIMARY KEY (read_id, seq)
    );
    CREATE TABLE read_records (
      read_id INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      kind TEXT NOT NULL,
      record TEXT NOT NULL,
      PRIMARY KEY (read_id, seq)
    );
    CREATE TABLE scan_issues (
      scan_id INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      record TEXT NOT NULL,
      PRIMARY KEY (scan_id, seq)
    );
    CREATE VIEW current_findings AS
      SELECT f.path AS path, r.scan_id AS scan_id, r.id AS read_id, json_set(j.value, '$.path', f.path) AS record
      FROM scan_files f JOIN reads r ON r.id = f.current_read
      JOIN finding_blocks b ON b.read_id = COALESCE(r.source_read, r.id), json_each(b.records) j
      WHERE f.present;
    """

  /// The migrations this release knows; a store that has applied others was made by a newer one.
  static let known: Set<String> = [
    "v1 snapshots", "v2 scans", "v3 compressed findings", "v4 console", "v5 file findings",
  ]

  /// Each file's findings in its current read, kept beside it with an index, so that the
  /// console lists a million files most findings first a page at a time without sorting them.
  static let fileFindings = """
    ALTER TABLE scan_files ADD COLUMN findings INTEGER NOT NULL DEFAULT 0;
    UPDATE scan_files SET findings = COALESCE((SELECT findings FROM reads WHERE id = current_read), 0);
    CREATE INDEX scan_files_findings ON scan_files (findings DESC, path) WHERE present AND current_read IS NOT NULL;
    """

  /// The SQL function that gives a block's records as a JSON array, whether the block is a
  /// Zstandard frame or (written before v3) text.
  static let recordsFunction = "blastradius_records"
}
