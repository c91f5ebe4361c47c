/// The schema history of a Limber PostgreSQL database.
///
/// A migration that has shipped is never edited: databases already went through it, and changing
/// it would leave their schema different from a new one's. Add a new migration instead. Each is
/// plain SQL, one statement per string (the extended query protocol PostgresNIO speaks takes one
/// statement at a time), and uses no app types, so nothing outside this file can change what an
/// old migration does.
///
/// The tables, columns and CHECKs follow `SQLiteMigrations` after all six of its steps, so both
/// backends keep the same invariants; this history starts later, so it has fewer steps. Column
/// names are in PostgreSQL's snake_case, so no query has to quote them.
enum PostgresMigrations {
    struct Migration: Sendable {
        let name: String
        let statements: [String]
    }

    /// The key of the advisory lock that migrating holds, so that two processes take turns
    /// ("LIMB" in ASCII, as SQLite's application id).
    static let advisoryLockKey: Int64 = 0x4C49_4D42

    /// Applied in this order; the names are recorded in `limber_migrations`.
    static let all: [Migration] = [
        Migration(
            name: "v1",
            // Dates are `timestamptz`, which keeps a microsecond (the contract asks for a
            // millisecond). Ids are `uuid`, which sorts as its lowercase text does, so the id that
            // breaks a tie in newest-first lists orders the same way as SQLite's text.
            // The primary keys are (profileId, id), as in SQLite: an export imported into a second
            // profile adds its records there instead of colliding with the first profile's copies.
            // JSON columns are `jsonb`; the CHECKs hold the same invariants as SQLite's.
            statements: [
                """
                CREATE TABLE profiles (
                    id text NOT NULL PRIMARY KEY,
                    created_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                "INSERT INTO profiles (id) VALUES ('local')",
                """
                CREATE TABLE episodes (
                    profile_id text NOT NULL REFERENCES profiles(id),
                    id uuid NOT NULL,
                    occurred_at timestamptz NOT NULL,
                    duration_seconds integer NOT NULL CHECK (duration_seconds > 0),
                    regions jsonb NOT NULL CHECK (jsonb_typeof(regions) = 'array'),
                    side text CHECK (side IN ('left', 'right')),
                    severity integer NOT NULL CHECK (severity BETWEEN 0 AND 10),
                    triggers jsonb NOT NULL CHECK (jsonb_typeof(triggers) = 'array'),
                    woke_from_sleep boolean NOT NULL,
                    relieved_by text,
                    notes text,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (profile_id, id)
                )
                """,
                "CREATE INDEX episodes_profile_id_occurred_at ON episodes (profile_id, occurred_at)",
                """
                CREATE TABLE sessions (
                    profile_id text NOT NULL REFERENCES profiles(id),
                    id uuid NOT NULL,
                    routine_id text NOT NULL,
                    routine_name text NOT NULL,
                    started_at timestamptz NOT NULL,
                    ended_at timestamptz NOT NULL,
                    is_complete boolean NOT NULL,
                    steps_completed integer NOT NULL,
                    steps_skipped integer NOT NULL DEFAULT 0,
                    steps_total integer NOT NULL,
                    ratings jsonb NOT NULL CHECK (jsonb_typeof(ratings) = 'array'),
                    pain_before integer CHECK (pain_before BETWEEN 0 AND 10),
                    pain_after integer CHECK (pain_after BETWEEN 0 AND 10),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (profile_id, id),
                    CHECK (steps_completed BETWEEN 0 AND steps_total),
                    CHECK (steps_skipped BETWEEN 0 AND steps_total - steps_completed),
                    CHECK (ended_at >= started_at)
                )
                """,
                "CREATE INDEX sessions_profile_id_started_at ON sessions (profile_id, started_at)",
                // `position` keeps the order routines were first saved in: one past the profile's
                // last on insert, left alone when a routine is replaced. The body is an object
                // whose id is the row's id, so a row never answers to one id and holds another.
                """
                CREATE TABLE custom_routines (
                    profile_id text NOT NULL REFERENCES profiles(id),
                    id text NOT NULL,
                    position integer NOT NULL,
                    body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object' AND body->>'id' = id),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (profile_id, id),
                    UNIQUE (profile_id, position)
                )
                """,
                """
                CREATE TABLE personal_doses (
                    profile_id text NOT NULL REFERENCES profiles(id),
                    exercise_id text NOT NULL,
                    body jsonb NOT NULL CHECK (body->>'exerciseId' = exercise_id),
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (profile_id, exercise_id)
                )
                """,
                """
                CREATE TABLE reminders (
                    profile_id text NOT NULL REFERENCES profiles(id),
                    id uuid NOT NULL,
                    position integer NOT NULL,
                    body jsonb NOT NULL,
                    PRIMARY KEY (profile_id, id)
                )
                """,
                // A feed token is the secret in a calendar address; unique, so one address can
                // only ever name one profile.
                """
                CREATE TABLE calendar_feeds (
                    profile_id text PRIMARY KEY REFERENCES profiles(id),
                    token text NOT NULL UNIQUE
                )
                """,
                // No row means the person was never asked; an empty list means none apply.
                """
                CREATE TABLE profile_conditions (
                    profile_id text PRIMARY KEY REFERENCES profiles(id),
                    conditions jsonb NOT NULL CHECK (jsonb_typeof(conditions) = 'array'),
                    updated_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                // Kept as given: whether it names a real zone is the caller's check.
                """
                CREATE TABLE profile_time_zones (
                    profile_id text PRIMARY KEY REFERENCES profiles(id),
                    identifier text NOT NULL,
                    updated_at timestamptz NOT NULL DEFAULT now()
                )
                """,
            ]),
        Migration(
            name: "v2-accounts",
            // As SQLite's v7-accounts: secrets only as hashes, lowercase unique names, a profile
            // per account, sessions, tokens and invitations going with their account.
            statements: [
                """
                CREATE TABLE accounts (
                    id uuid NOT NULL PRIMARY KEY,
                    name text NOT NULL UNIQUE CHECK (name = lower(name) AND length(name) BETWEEN 1 AND 32),
                    profile_id text NOT NULL UNIQUE REFERENCES profiles(id),
                    password_hash text NOT NULL,
                    is_admin boolean NOT NULL,
                    created_at timestamptz NOT NULL
                )
                """,
                """
                CREATE TABLE sign_in_sessions (
                    token_hash text NOT NULL PRIMARY KEY,
                    account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    created_at timestamptz NOT NULL,
                    last_seen_at timestamptz NOT NULL
                )
                """,
                "CREATE INDEX sign_in_sessions_account_id ON sign_in_sessions (account_id)",
                """
                CREATE TABLE access_tokens (
                    id uuid NOT NULL PRIMARY KEY,
                    account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    token_hash text NOT NULL UNIQUE,
                    label text NOT NULL,
                    created_at timestamptz NOT NULL
                )
                """,
                "CREATE INDEX access_tokens_account_id ON access_tokens (account_id)",
                """
                CREATE TABLE invites (
                    token_hash text NOT NULL PRIMARY KEY,
                    is_admin boolean NOT NULL,
                    created_at timestamptz NOT NULL,
                    expires_at timestamptz NOT NULL,
                    created_by uuid REFERENCES accounts(id) ON DELETE CASCADE
                )
                """,
                """
                CREATE TABLE sign_in_failures (
                    key text NOT NULL,
                    at timestamptz NOT NULL
                )
                """,
                "CREATE INDEX sign_in_failures_key_at ON sign_in_failures (key, at)",
            ]),
        Migration(
            name: "v3-second-factor",
            // As SQLite's v8-second-factor.
            statements: [
                "ALTER TABLE accounts ADD COLUMN totp_secret text",
                "ALTER TABLE accounts ADD COLUMN totp_last_step bigint",
                "ALTER TABLE sign_in_sessions ADD COLUMN awaiting_second_factor boolean NOT NULL DEFAULT false",
                """
                CREATE TABLE recovery_codes (
                    account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    code_hash text NOT NULL,
                    PRIMARY KEY (account_id, code_hash)
                )
                """,
            ]),
    ]
}
