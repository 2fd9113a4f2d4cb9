import { completeEntry } from '../parse-entry.js'
import { migrate } from './migrations.js'
import type { SqlClient } from './sql-client.js'
import type { AddResult, ConsentStore, DayStats, StoredEntry, TimeRange } from './store.js'

interface EntryRow {
  seq: string
  /** `received_at` in full precision, for the next page's start. */
  cursor: string
  received_at: string
  ip_hash: string | null
  /** As stored: a `ConsentEntry`, less the fields added since it was stored. */
  entry: Record<string, unknown>
}

// Times leave the database as text in one format, so both drivers give the same strings.
const UTC = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
const COLUMNS = `seq::text AS seq, received_at::text AS cursor, ${UTC('received_at')} AS received_at, ip_hash, entry`
// `$1`/`$2` are the range's ends; `null` leaves that side open.
const IN_RANGE = '($1::timestamptz IS NULL OR received_at >= $1::timestamptz) AND ($2::timestamptz IS NULL OR received_at < $2::timestamptz)'

// Entries stored before `uiLayer` and `jurisdictionRule` existed lack them: they read as null,
// as an entry that arrives without them is stored now.
const toStored = (row: EntryRow): StoredEntry => ({ receivedAt: row.received_at, ipHash: row.ip_hash, entry: completeEntry(row.entry) })
// Added under such an entry before comparing, so that its retry, now with both null, is the same entry.
const ADDED_FIELDS = JSON.stringify({ uiLayer: null, jurisdictionRule: null })

const bounds = (range: TimeRange): [string | null, string | null] => [
  range.from?.toISOString() ?? null,
  range.to?.toISOString() ?? null
]

const round = (value: number): number => Math.round(value * 10_000) / 10_000

export interface SqlStoreOptions {
  /** Rows fetched per query by `list`. @default 500 */
  batchSize?: number
}

/**
 * The consent store over any PostgreSQL-speaking client: it migrates the schema, then answers
 * every `ConsentStore` call with the same SQL on PGlite and on PostgreSQL.
 * @example
 * let store = await createSqlStore(await pgliteClient('./consentry-data'))
 */
export async function createSqlStore(client: SqlClient, { batchSize = 500 }: SqlStoreOptions = {}): Promise<ConsentStore> {
  await migrate(client)

  async function* list(range: TimeRange): AsyncIterable<StoredEntry> {
    // Keyset pages: no cursor held open between batches, so a slow reader blocks nothing.
    let after: [string, string] | null = null
    let limit = Math.max(1, Math.floor(batchSize))
    for (;;) {
      let rows: EntryRow[] = await client.query<EntryRow>(
        `SELECT ${COLUMNS} FROM consent_log WHERE ${IN_RANGE}
         AND ($3::timestamptz IS NULL OR (received_at, seq) > ($3::timestamptz, $4::bigint))
         ORDER BY received_at, seq LIMIT ${limit}`,
        [...bounds(range), after?.[0] ?? null, after?.[1] ?? null]
      )
      for (let row of rows) yield toStored(row)
      if (rows.length < limit) return
      let last = rows[rows.length - 1]
      after = [last.cursor, last.seq]
    }
  }

  return {
    async add(entry, { receivedAt, ipHash }): Promise<AddResult> {
      let json = JSON.stringify(entry)
      let inserted = await client.query(
        `INSERT INTO consent_log (consent_id, at, action, received_at, ip_hash, entry)
         VALUES ($1, $2, $3, $4, $5, $6::json)
         ON CONFLICT ON CONSTRAINT consent_log_once DO NOTHING RETURNING seq`,
        [entry.id, entry.at, entry.action, receivedAt.toISOString(), ipHash, json]
      )
      if (inserted.length > 0) return 'stored'
      let [kept] = await client.query<{ same: boolean }>(
        'SELECT ($5::jsonb || entry::jsonb) = $4::jsonb AS same FROM consent_log WHERE consent_id = $1 AND at = $2 AND action = $3',
        [entry.id, entry.at, entry.action, json, ADDED_FIELDS]
      )
      // Erased between the two statements: it is gone, as the visitor asked.
      if (!kept) return 'duplicate'
      return kept.same ? 'duplicate' : 'conflict'
    },

    async history(id) {
      let rows = await client.query<EntryRow>(`SELECT ${COLUMNS} FROM consent_log WHERE consent_id = $1 ORDER BY at, seq`, [id])
      return rows.map(toStored)
    },

    async erase(id) {
      let [{ count }] = await client.query<{ count: number }>(
        'WITH gone AS (DELETE FROM consent_log WHERE consent_id = $1 RETURNING 1) SELECT count(*)::int AS count FROM gone',
        [id]
      )
      return count
    },

    list,

    async stats(range) {
      // Each consent id counts once a day, with its last entry of that day; a reset or an expiry there means no decision.
      let last = `SELECT DISTINCT ON (day, consent_id) day, action, entry
        FROM (SELECT (received_at AT TIME ZONE 'UTC')::date AS day, consent_id, at, seq, action, entry
              FROM consent_log WHERE ${IN_RANGE}) AS received
        ORDER BY day, consent_id, at DESC, seq DESC`
      let params = bounds(range)
      let days = await client.query<{ day: string; decisions: number }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS decisions
         FROM (${last}) AS last WHERE action NOT IN ('reset', 'expire') GROUP BY day ORDER BY day`,
        params
      )
      let categories = await client.query<{ day: string; category: string; granted: number; refused: number }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, grant_.key AS category,
           count(*) FILTER (WHERE grant_.value::text = 'true')::int AS granted,
           count(*) FILTER (WHERE grant_.value::text = 'false')::int AS refused
         FROM (${last}) AS last, json_each(entry->'categories') AS grant_
         WHERE action NOT IN ('reset', 'expire') GROUP BY day, grant_.key ORDER BY day, grant_.key`,
        params
      )
      let result = new Map<string, DayStats>(days.map(({ day, decisions }) => [day, { day, decisions, categories: {} }]))
      for (let { day, category, granted, refused } of categories) {
        result.get(day)!.categories[category] = { granted, refused, rate: round(granted / (granted + refused)) }
      }
      return [...result.values()]
    },

    async purge(olderThan) {
      let [{ count }] = await client.query<{ count: number }>(
        'WITH gone AS (DELETE FROM consent_log WHERE received_at < $1 RETURNING 1) SELECT count(*)::int AS count FROM gone',
        [olderThan.toISOString()]
      )
      return count
    },

    async count() {
      let [{ count }] = await client.query<{ count: number }>('SELECT count(*)::int AS count FROM consent_log')
      return count
    },

    async ping() {
      await client.query('SELECT 1')
    },

    close: () => client.close()
  }
}
