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
    return migrator
  }
}
