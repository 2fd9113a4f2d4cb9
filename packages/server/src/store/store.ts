import type { ConsentEntry } from '../parse-entry.js'

/** An entry as kept: what the browser sent, when the server received it, and the optional address hash. */
export interface StoredEntry {
  /** ISO 8601 time the server received it: the server's clock, not the visitor's. */
  receivedAt: string
  /** HMAC of the truncated client address, when `hashIp` is configured; otherwise `null`. */
  ipHash: string | null
  entry: ConsentEntry
}

/** What `add` did: kept it, found the same entry already kept, or found a different one under the same key. */
export type AddResult = 'stored' | 'duplicate' | 'conflict'

/** A time span on the received-at time: `from` included, `to` excluded; `null` leaves a side open. */
export interface TimeRange {
  from: Date | null
  to: Date | null
}

/** One category on one day, counting each consent id's last decision of that day. */
export interface CategoryStats {
  granted: number
  refused: number
  /** `granted / (granted + refused)`, rounded to 4 decimals. */
  rate: number
}

/** The decisions of one UTC day (resets left out). */
export interface DayStats {
  /** `YYYY-MM-DD`, UTC. */
  day: string
  /** Consent ids whose last entry of the day is a decision. */
  decisions: number
  categories: Record<string, CategoryStats>
}

/**
 * Where consent log entries live. The one implementation is `createSqlStore`, over embedded
 * PGlite or a PostgreSQL server; tests may bring their own.
 */
export interface ConsentStore {
  /** Keeps an entry once per (id, at, action): a replay of the same entry is a `duplicate`. */
  add(entry: ConsentEntry, meta: { receivedAt: Date; ipHash: string | null }): Promise<AddResult>
  /** Every entry of one consent id, oldest first (by the browser's `at`). */
  history(id: string): Promise<StoredEntry[]>
  /** Deletes every entry of one consent id; returns how many there were. */
  erase(id: string): Promise<number>
  /** The entries received in a range, oldest first, fetched in batches. */
  list(range: TimeRange): AsyncIterable<StoredEntry>
  /** Consent rates per category per UTC day of the received-at time. */
  stats(range: TimeRange): Promise<DayStats[]>
  /** Deletes the entries received before a time; returns how many. */
  purge(olderThan: Date): Promise<number>
  /** How many entries are kept. */
  count(): Promise<number>
  /** Resolves when the database answers. */
  ping(): Promise<void>
  close(): Promise<void>
}
