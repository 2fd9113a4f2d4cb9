import type { NormalizedConfig } from '../config.js'
import { decodeRecord, encodeRecord } from '../record.js'
import type { ConsentRecord, ServiceGrants } from '../record.js'
import type { ConsentStorage } from './storage.js'

/** Why a stored decision no longer counts. */
export type StaleReason = 'revision' | 'expired' | 'added'

/** Milliseconds in a day. */
export const DAY = 864e5

/**
 * When a decision stops counting: judged from the record's own dates, capped by today's
 * validity, so that a revisit never extends it.
 */
export const endsAt = (record: ConsentRecord, config: NormalizedConfig): number =>
  Math.min(Date.parse(record.expiresAt), Date.parse(record.updatedAt) + config.cookie.expiresDays * DAY)

/** Puts a record in line with the current configuration, or says why it no longer counts (G-11, R-06). */
function current(record: ConsentRecord, config: NormalizedConfig): ConsentRecord | StaleReason {
  let { revision, categories } = config
  if (record.revision < revision) return 'revision'
  if (endsAt(record, config) <= Date.now()) return 'expired'
  let result = { ...record, categories: {} as Record<string, boolean>, services: {} as ServiceGrants }
  for (let id in categories) {
    let category = categories[id]
    let granted = record.categories[id]
    // A category or service the visitor was never asked about needs a new decision.
    if (granted === undefined && !category.required) return 'added'
    result.categories[id] = category.required || granted
    if (Object.keys(category.services).length === 0) continue
    let services = (result.services[id] = {} as Record<string, boolean>)
    for (let service in category.services) {
      let value = record.services[id]?.[service]
      if (value === undefined && !category.required) return 'added'
      services[service] = category.required || (value as boolean)
    }
  }
  return result
}

/**
 * Reads the stored decision: the newest valid record among the stored copies (more than one is
 * left after a change of `cookie.domain`; they are then merged into one), or why there is none.
 */
export function readStored(
  storage: ConsentStorage,
  config: NormalizedConfig
): { best: ConsentRecord | undefined; stale: StaleReason | null; unreadable: boolean } {
  let stored = storage.read()
  let best: ConsentRecord | undefined
  let stale: StaleReason | null = null
  let readable = 0
  for (let value of stored) {
    let decoded = decodeRecord(value)
    if (!decoded) continue
    readable++
    let record = current(decoded, config)
    if (typeof record == 'string') stale = record
    else if (!best || record.updatedAt > best.updatedAt) best = record
  }
  if (best && stored.length > 1) storage.write(encodeRecord(best), new Date(best.expiresAt))
  return { best, stale: best ? null : stale, unreadable: readable < stored.length }
}
