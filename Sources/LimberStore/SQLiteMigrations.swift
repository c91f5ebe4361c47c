import GRDB

/// The schema history of a Limber SQLite file.
///
/// A migration that has shipped is never edited: users' files already went through it, and
/// changing it would leave their schema different from a new user's. Migrations are plain SQL
/// rather than GRDB's table builder or app types, so that nothing outside this file (a renamed
/// property, a new GRDB version) can change what an old migration does.
enum SQLiteMigrations {
    /// `PRAGMA application_id` of every Limber file ("LIMB" in ASCII), so that opening the wrong
    /// file is noticed before anything is written to it.
    static let applicationID: Int32 = 0x4C49_4D42

    static func makeMigrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            // Dates are REAL seconds since 1970 (UTC): they keep a Date to about a microsecond
            // (the contract asks for a millisecond), compare and sort as numbers for `since` and
            // newest-first, and convert with `datetime(x, 'unixepoch')` when reading by hand.
            // The primary keys are (profileId, id): ids are unique within a profile, so an
            // export imported into a second profile adds its records there instead of colliding
            // with the first profile's copies.
            // The CHECKs hold the invariants of the data itself (scales, counts, JSON arrays);
            // editing rules that may change, such as the longest duration, stay in DiaryRules.
            try db.execute(
                sql: """
                    CREATE TABLE profiles (
                        id TEXT NOT NULL PRIMARY KEY,
                        createdAt REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0)
                    );
                    INSERT INTO profiles (id) VALUES ('local');

                    CREATE TABLE episodes (
                        profileId TEXT NOT NULL REFERENCES profiles(id),
                        id TEXT NOT NULL,
                        occurredAt REAL NOT NULL,
                        durationSeconds INTEGER NOT NULL CHECK (durationSeconds > 0),
                        regions TEXT NOT NULL CHECK (json_valid(regions) AND json_type(regions) = 'array'),
                        side TEXT CHECK (side IN ('left', 'right')),
                        severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 10),
                        triggers TEXT NOT NULL CHECK (json_valid(triggers) AND json_type(triggers) = 'array'),
                        wokeFromSleep BOOLEAN NOT NULL CHECK (wokeFromSleep IN (0, 1)),
                        relievedBy TEXT,
                        notes TEXT,
                        createdAt REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0),
                        PRIMARY KEY (profileId, id)
                    );
                    CREATE INDEX episodes_profileId_occurredAt ON episodes (profileId, occurredAt);

                    CREATE TABLE sessions (
                        profileId TEXT NOT NULL REFERENCES profiles(id),
                        id TEXT NOT NULL,
                        routineId TEXT NOT NULL,
                        routineName TEXT NOT NULL,
                        startedAt REAL NOT NULL,
                        endedAt REAL NOT NULL,
                        isComplete BOOLEAN NOT NULL CHECK (isComplete IN (0, 1)),
                        stepsCompleted INTEGER NOT NULL,
                        stepsTotal INTEGER NOT NULL,
                        ratings TEXT NOT NULL CHECK (json_valid(ratings) AND json_type(ratings) = 'array'),
                        painBefore INTEGER CHECK (painBefore BETWEEN 0 AND 10),
                        painAfter INTEGER CHECK (painAfter BETWEEN 0 AND 10),
                        createdAt REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0),
                        PRIMARY KEY (profileId, id),
                        CHECK (stepsCompleted BETWEEN 0 AND stepsTotal),
                        CHECK (endedAt >= startedAt)
                    );
                    CREATE INDEX sessions_profileId_startedAt ON sessions (profileId, startedAt);
                    """)
        }
        migrator.registerMigration("v2-custom-routines") { db in
            // A routine is stored whole as JSON: it is read and written whole, and its shape (items,
            // dose overrides) follows the catalog's, so columns would only have to chase it.
            // `position` keeps the order the routines were first saved in: it is set on insert, one
            // past the profile's last, and left alone when a routine is replaced.
            // The CHECKs keep the body a JSON object whose id is the row's id, so a row can never
            // answer to one id and hold another routine.
            try db.execute(
                sql: """
                    CREATE TABLE custom_routines (
                        profileId TEXT NOT NULL REFERENCES profiles(id),
                        id TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        body TEXT NOT NULL CHECK (
                            json_valid(body) AND json_type(body) = 'object' AND json_extract(body, '$.id') = id),
                        createdAt REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0),
                        updatedAt REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0),
                        PRIMARY KEY (profileId, id)
                    );
                    CREATE UNIQUE INDEX custom_routines_profileId_position ON custom_routines (profileId, position);
                    """)
        }
        migrator.registerMigration("v3-personal-doses-reminders") { db in
            // Personal doses and reminders are small documents read and written whole, like custom
            // routines, so they are stored as JSON with the columns queries need beside them.
            // A feed token is the secret in a calendar address; it is unique so that one address
            // can only ever name one profile.
            try db.execute(
                sql: """
                    CREATE TABLE personal_doses (
                        profileId TEXT NOT NULL REFERENCES profiles(id),
                        exerciseId TEXT NOT NULL,
                        body TEXT NOT NULL CHECK (json_valid(body) AND json_extract(body, '$.exerciseId') = exerciseId),
                        updatedAt REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0),
                        PRIMARY KEY (profileId, exerciseId)
                    );
                    CREATE TABLE reminders (
                        profileId TEXT NOT NULL REFERENCES profiles(id),
                        id TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        body TEXT NOT NULL CHECK (json_valid(body)),
                        PRIMARY KEY (profileId, id)
                    );
                    CREATE TABLE calendar_feeds (
                        profileId TEXT PRIMARY KEY REFERENCES profiles(id),
                        token TEXT NOT NULL UNIQUE
                    );
                    """)
        }
        migrator.registerMigration("v4-session-steps-skipped") { db in
            // Steps passed over with skip, so a record can say "5 of 8 steps, 2 skipped" and be
            // complete only when every step was done. Rows written before this count none skipped,
            // except where the old record itself proves otherwise: it reached the end (isComplete)
            // with steps missing, and a session reaches its end past a step only by skipping it.
            // Those become incomplete with the missing steps skipped, so every row keeps the rule.
            try db.execute(
                sql: """
                    ALTER TABLE sessions ADD COLUMN stepsSkipped INTEGER NOT NULL DEFAULT 0
                        CHECK (stepsSkipped BETWEEN 0 AND stepsTotal - stepsCompleted);
                    UPDATE sessions SET stepsSkipped = stepsTotal - stepsCompleted, isComplete = 0
                        WHERE isComplete = 1 AND stepsCompleted < stepsTotal;
                    """)
        }
        migrator.registerMigration("v5-profile-conditions") { db in
            // The health conditions a person saved (pregnancy, a hip replacement, ...), so every
            // plan, routine and session can leave out what they should avoid. No row means the
            // person was never asked; an empty list means they said none apply.
            try db.execute(
                sql: """
                    CREATE TABLE profile_conditions (
                        profileId TEXT PRIMARY KEY REFERENCES profiles(id),
                        conditions TEXT NOT NULL CHECK (json_valid(conditions) AND json_type(conditions) = 'array'),
                        updatedAt REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0)
                    );
                    """)
        }
        migrator.registerMigration("v6-profile-time-zone") { db in
            // The IANA time zone a person lives in ("Europe/London"), so that days in the diary and
            // reminders fall on their own calendar, not the server's. No row means it was never set.
            // The text is kept as given: whether it names a real zone is checked by the caller,
            // whose list of zones (the system's tz database) may be newer than this file.
            try db.execute(
                sql: """
                    CREATE TABLE profile_time_zones (
                        profileId TEXT PRIMARY KEY REFERENCES profiles(id),
                        identifier TEXT NOT NULL,
                        updatedAt REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0)
                    );
                    """)
        }
        migrator.registerMigration("v7-accounts") { db in
            // Accounts, and what keeps a person signed in. Secrets (session cookies, tokens,
            // invitation links) are stored only as hashes, so a copy of this file signs nobody in.
            // Names are unique as `AccountNameRules` normalises them (lowercase), and each account
            // has a profile of its own: the first one takes 'local', with the records kept before.
            // Sessions, tokens and invitations go with their account (ON DELETE CASCADE).
            // `sign_in_failures` is what throttling counts; old rows are deleted as new ones come.
            try db.execute(
                sql: """
                    CREATE TABLE accounts (
                        id TEXT NOT NULL PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE CHECK (name = lower(name) AND length(name) BETWEEN 1 AND 32),
                        profileId TEXT NOT NULL UNIQUE REFERENCES profiles(id),
                        passwordHash TEXT NOT NULL,
                        isAdmin BOOLEAN NOT NULL CHECK (isAdmin IN (0, 1)),
                        createdAt REAL NOT NULL
                    );
                    CREATE TABLE sign_in_sessions (
                        tokenHash TEXT NOT NULL PRIMARY KEY,
                        accountId TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        createdAt REAL NOT NULL,
                        lastSeenAt REAL NOT NULL
                    );
                    CREATE INDEX sign_in_sessions_accountId ON sign_in_sessions (accountId);
                    CREATE TABLE access_tokens (
                        id TEXT NOT NULL PRIMARY KEY,
                        accountId TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        tokenHash TEXT NOT NULL UNIQUE,
                        label TEXT NOT NULL,
                        createdAt REAL NOT NULL
                    );
                    CREATE INDEX access_tokens_accountId ON access_tokens (accountId);
                    CREATE TABLE invites (
                        tokenHash TEXT NOT NULL PRIMARY KEY,
                        isAdmin BOOLEAN NOT NULL CHECK (isAdmin IN (0, 1)),
                        createdAt REAL NOT NULL,
                        expiresAt REAL NOT NULL,
                        createdBy TEXT REFERENCES accounts(id) ON DELETE CASCADE
                    );
                    CREATE TABLE sign_in_failures (
                        key TEXT NOT NULL,
                        at REAL NOT NULL
                    );
                    CREATE INDEX sign_in_failures_key_at ON sign_in_failures (key, at);
                    """)
        }
        migrator.registerMigration("v8-second-factor") { db in
            // An optional second factor: the authenticator key (nil when off), the last step whose
            // code was used (so a code works once), one-time recovery codes as hashes, and sessions
            // that have passed the password but not yet the code.
            try db.execute(
                sql: """
                    ALTER TABLE accounts ADD COLUMN totpSecret TEXT;
                    ALTER TABLE accounts ADD COLUMN totpLastStep INTEGER;
                    ALTER TABLE sign_in_sessions ADD COLUMN awaitingSecondFactor BOOLEAN NOT NULL DEFAULT 0
                        CHECK (awaitingSecondFactor IN (0, 1));
                    CREATE TABLE recovery_codes (
                        accountId TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        codeHash TEXT NOT NULL,
                        PRIMARY KEY (accountId, codeHash)
                    );
                    """)
        }
        return migrator
    }
}
