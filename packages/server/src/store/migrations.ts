import type { SqlClient } from './sql-client.js'

/**
 * The schema, one step per version, in the SQL that PGlite and PostgreSQL share. Applied steps
 * are never edited: a change is a new step at the end.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE consent_log (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consent_id uuid NOT NULL,
    at timestamptz NOT NULL,
    action text NOT NULL,
    received_at timestamptz NOT NULL,
    ip_hash text,
    -- json, not jsonb: the entry is kept as sent, keys in their order.
    entry json NOT NULL,
    CONSTRAINT consent_log_once UNIQUE (consent_id, at, action)
  );
  CREATE INDEX consent_log_received ON consent_log (received_at, seq);`
]

// Any constant works; it only has to be the same for every instance sharing a database.
const LOCK = 0x636f6e73

/**
 * Brings the database to the latest schema version, recording each step in
 * `consentry_migrations`. Instances starting at once wait for each other (an advisory lock).
 * @returns The schema version now in place.
 */
export async function migrate(client: SqlClient, migrations: readonly string[] = MIGRATIONS): Promise<number> {
  return client.transaction(async session => {
    await session.query('SELECT pg_advisory_xact_lock($1)', [LOCK])
    await session.exec(
      'CREATE TABLE IF NOT EXISTS consentry_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())'
    )
    let [{ version }] = await session.query<{ version: number }>(
      'SELECT coalesce(max(version), 0)::int AS version FROM consentry_migrations'
    )
    if (version > migrations.length) {
      throw new Error(
        `The database schema is at version ${version}, newer than this server knows (${migrations.length}): upgrade @consentry/server.`
      )
    }
    for (let step = version; step < migrations.length; step++) {
      await session.exec(migrations[step])
      await session.query('INSERT INTO consentry_migrations (version) VALUES ($1)', [step + 1])
    }
    return migrations.length
  })
}
