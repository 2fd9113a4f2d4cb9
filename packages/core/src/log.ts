import type { Consent } from './consent.js'
import type { ConsentMethod, ConsentRecord, ServiceGrants, UiLayer } from './record.js'
import { endsAt } from './storage/read-stored.js'

/** Where consent records are sent as proof of consent (GDPR art. 7(1), G-10). */
export interface LogSettings {
  /** The address records are POSTed to, as JSON: https: or relative to the page. */
  endpoint: string
  /** Records kept in localStorage while the endpoint cannot be reached; the oldest go first. @default 20 */
  queueSize?: number
  /** The localStorage key of that queue. @default "consentry-log" */
  storageKey?: string
}

export interface LogOptions {
  /**
   * What the visitor was shown, hashed into `configHash`; Consentry passes
   * `{ config: consent.config, texts }`.
   */
  shown?: unknown
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /** Holds the retry queue; `null` keeps none. @default localStorage */
  storage?: Storage | null
  /** @default Date.now */
  now?: () => number
}

/**
 * What the visitor did: the record's method, or `withdraw` / `reset`; `expire` when the decision's
 * validity ran out.
 */
export type LogAction = ConsentMethod | 'withdraw' | 'reset' | 'expire'

/**
 * One entry of the consent log. It holds nothing about the visitor beyond the decision: no IP
 * address, no user agent, no query string (GDPR art. 5(1)(c), data minimisation).
 */
export interface LogEntry {
  /** The record's id; it stays the same across updates of one decision. */
  id: string
  /** The id of the record this one replaced, or `null` for a first decision. */
  previousId: string | null
  /** ISO 8601 time the entry was made; a retried entry keeps it. */
  at: string
  givenAt: string
  updatedAt: string
  revision: number
  /** FNV-1a (32 bits, hex) of the UTF-8 JSON of what the visitor was shown. */
  configHash: string
  language: string
  /** Every category, granted or not; all `false` after a reset or an expiry. */
  categories: Record<string, boolean>
  /** Every service by category, granted or not; all `false` after a reset or an expiry. */
  services: ServiceGrants
  /** How the decision was made; `null` after a reset or an expiry. */
  method: ConsentMethod | null
  /**
   * `withdraw` when a category or service granted before is refused now, `reset` when the decision
   * was forgotten, `expire` when its validity ran out (logged by the first page after that).
   */
  action: LogAction
  /**
   * Where the visitor decided: `first` (the banner), `second` (the preferences panel),
   * `placeholder` (an embed's "Allow" button), or `null` without Consentry's UI (the JS API, GPC
   * as the page started, the page's own "do not sell" link), and for a reset or an expiry.
   */
  uiLayer: UiLayer | null
  gpc: boolean
  /**
   * The rule that chose the consent model on the page that made the entry: `regions.<key>: <mode>`
   * when the visitor's region matched a key of `config.regions`, else `mode: <mode>` (G-10).
   */
  jurisdictionRule: string
  /** The page's origin and path, without query string or fragment (they may carry personal data). */
  page: string
}

/** FNV-1a, 32 bits: small and synchronous; it names a configuration version, it is not a signature. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193)
  return (hash >>> 0).toString(16).padStart(8, '0')
}

const mapValues = <T, U>(map: Record<string, T>, value: (item: T) => U): Record<string, U> => {
  let result: Record<string, U> = {}
  for (let key in map) result[key] = value(map[key])
  return result
}

/**
 * Answers that refuse the entry itself (invalid, a conflicting copy, too large, wrong type): a
 * retry cannot succeed. Others (403, 404, 429, 5xx...) may be the endpoint's state, fixed later.
 */
const REFUSED = [400, 409, 413, 415, 422]

const isWithdrawal = (record: ConsentRecord, previous: ConsentRecord | null): boolean =>
  !!previous &&
  Object.keys(previous.categories).some(
    id =>
      (previous.categories[id] && record.categories[id] === false) ||
      Object.keys(previous.services[id] ?? {}).some(
        service => previous.services[id][service] && record.services[id]?.[service] === false
      )
  )

/**
 * Sends every decision to `settings.endpoint` as proof of consent (G-10) with a `keepalive` fetch
 * (`sendBeacon` where fetch is missing), so a visitor who leaves right after clicking is still
 * logged. Each entry stays queued in localStorage until the endpoint answers 2xx, and the queue
 * is sent again when the next page starts. Never throws and never waits.
 * @returns The function that stops logging.
 * @example
 * let stop = createConsentLog(consent, { endpoint: '/api/consent' }, { shown: { config: consent.config, texts } })
 */
export function createConsentLog(consent: Consent, settings: LogSettings, options: LogOptions = {}): () => void {
  let { endpoint, queueSize = 20, storageKey = 'consentry-log' } = settings
  let { now = Date.now } = options
  let storage: Storage | null = null
  try {
    // In privacy modes reading `localStorage` throws a SecurityError; in Node a ReferenceError.
    storage = options.storage !== undefined ? options.storage : localStorage
  } catch {}
  let configHash = ''
  try {
    configHash = fnv1a(JSON.stringify(options.shown) ?? '')
  } catch {
    // A cycle in `shown` is the caller's bug: the log still works, without a hash.
  }
  let page = typeof location == 'undefined' ? '' : location.origin + location.pathname
  /**
   * The last record logged from this browser, `<storageKey>-last`: `<id> <updatedAt>` (what it
   * was before 0.2, and how the catch-up below knows it), then `<givenAt> <expiresAt> <language>`.
   */
  let lastKey = `${storageKey}-last`
  let stamp = (record: ConsentRecord): string => `${record.id} ${record.updatedAt}`

  let read = (): string[] => {
    try {
      let list: unknown = JSON.parse(storage?.getItem(storageKey) ?? '[]')
      return Array.isArray(list) ? list.filter(item => typeof item == 'string') : []
    } catch {
      return []
    }
  }
  let write = (list: string[]): void => {
    try {
      if (list.length > 0) storage?.setItem(storageKey, JSON.stringify(list.slice(-queueSize)))
      else storage?.removeItem(storageKey)
    } catch {
      // Full or blocked storage: the entry is still being sent, only the retry is lost.
    }
  }

  let remove = (body: string): void => {
    let queue = read()
    if (queue.includes(body)) write(queue.filter(item => item !== body))
  }

  let send = (body: string): void => {
    // Queued before sending and kept until the endpoint answers 2xx: if the page is gone before the
    // answer, or the endpoint fails, the next page sends it again (the receiver stores a repeat once).
    let queue = read()
    if (!queue.includes(body)) write([...queue, body])
    try {
      // keepalive: the request outlives a visitor who leaves right after clicking.
      ;(options.fetch ?? fetch)(endpoint, {
        method: 'POST',
        keepalive: true,
        headers: { 'content-type': 'application/json' },
        body,
        credentials: 'omit',
        // The page's full address would otherwise go along in the Referer header.
        referrerPolicy: 'no-referrer'
      }).then(
        response => {
          if (response.ok) remove(body)
          else if (REFUSED.includes(response.status)) {
            // The endpoint will never take this entry: sending it again on every page only adds load.
            remove(body)
            console.warn(`consentry: the consent log refused an entry (${response.status}); it is not sent again`)
          }
        },
        () => {}
      )
    } catch {
      // No fetch: a beacon still gets it out. It stays queued, since a beacon never says whether
      // the endpoint stored it (sendBeacon's `true` only means the browser took it).
      try {
        navigator.sendBeacon?.(endpoint, new Blob([body], { type: 'application/json' }))
      } catch {}
    }
  }

  /** `record` null: `previous` was reset, or with `action` "expire", ran out (only its dates and language are read). */
  let log = (record: ConsentRecord | null, previous: ConsentRecord | null, action: LogAction = 'reset'): void => {
    // The atom only reports changes, so a reset always follows a record.
    let last = (record ?? previous) as ConsentRecord
    let at = new Date(now()).toISOString()
    let entry: LogEntry = {
      id: last.id,
      previousId: previous?.id ?? null,
      at,
      givenAt: last.givenAt,
      updatedAt: record ? record.updatedAt : at,
      revision: record ? record.revision : consent.config.revision,
      configHash,
      language: last.language,
      categories: record ? { ...record.categories } : mapValues(consent.$categories.get(), () => false),
      services: record
        ? mapValues(record.services, services => ({ ...services }))
        : mapValues(consent.$services.get(), services => mapValues(services, () => false)),
      method: record ? record.method : null,
      action: !record ? action : isWithdrawal(record, previous) ? 'withdraw' : record.method,
      uiLayer: record?.uiLayer ?? null,
      gpc: record ? record.gpc === true : consent.gpc,
      jurisdictionRule: `${consent.rule}: ${consent.mode}`,
      page
    }
    send(JSON.stringify(entry))
    try {
      // After a reset or an expiry there is no decision left to expire.
      if (record) storage?.setItem(lastKey, `${stamp(record)} ${record.givenAt} ${record.expiresAt} ${record.language}`)
      else storage?.removeItem(lastKey)
    } catch {}
  }

  for (let body of read()) send(body)
  let current = consent.$record.get()
  let last: string[] = []
  try {
    last = storage?.getItem(lastKey)?.split(' ') ?? []
  } catch {}
  // The decision last logged here ran out: the first page after that logs it, once. The
  // browser drops the cookie at its expiry, so this memory is what still knows; a decision that was
  // reset is forgotten here too, and an update keeps the id (it is then the current record).
  let [id, updatedAt, givenAt, expiresAt, language] = last
  let ended = { id, updatedAt, givenAt, expiresAt, language } as ConsentRecord
  if (language && id !== current?.id && endsAt(ended, consent.config) <= now()) log(null, ended, 'expire')
  let startup = consent.startupChange
  if (startup) log(startup.record, startup.previous)
  let stop = consent.on('change', log)
  // A decision stored but never logged (its page closed before the log code ran, or that code was
  // blocked there, or logging was turned on since) is logged now, once: the record in the cookie
  // always reaches the log. Its `at` is later than its `updatedAt`, and `previousId` is unknown.
  try {
    if (current && storage && !`${storage.getItem(lastKey)} `.startsWith(stamp(current) + ' ')) log(current, null)
  } catch {
    // Blocked storage: no memory of what was logged, so nothing is sent twice on every page.
  }
  return stop
}
