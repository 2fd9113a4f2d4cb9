/** How a decision was made, as `@consentry/core` names it. */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'dismiss' | 'gpc' | 'opt-out'

/** What the visitor did: the method, or `withdraw` / `reset`; `expire` when the decision ran out. */
export type ConsentAction = ConsentMethod | 'withdraw' | 'reset' | 'expire'

/**
 * One entry of the consent log, as the SDK posts it (`LogEntry` of `@consentry/core`; a test
 * keeps the two in step), with `null` for the fields an older SDK did not send. Nothing in it
 * identifies the visitor beyond the random consent id.
 */
export interface ConsentEntry {
  /** The consent id: a random UUID v4 kept across updates of one decision. */
  id: string
  previousId: string | null
  /** ISO 8601 time the browser made the entry; a retried entry keeps it. */
  at: string
  givenAt: string
  updatedAt: string
  revision: number
  /** FNV-1a hash (8 hex digits) of the configuration and texts the visitor was shown. */
  configHash: string
  language: string
  categories: Record<string, boolean>
  services: Record<string, Record<string, boolean>>
  method: ConsentMethod | null
  action: ConsentAction
  /**
   * Where the visitor decided: `first` (the banner), `second` (the preferences panel),
   * `placeholder` (an embed's "Allow" button), or `null` without Consentry's UI (the JS API, GPC
   * applied as the page started, the page's own "do not sell" link), for a reset or an expiry, and for an entry
   * from an SDK that did not send it yet.
   */
  uiLayer: 'first' | 'second' | 'placeholder' | null
  gpc: boolean
  /**
   * The configuration rule that chose the consent model on the page: `regions.<key>: <mode>` when
   * the visitor's region matched that key of `config.regions`, else `mode: <mode>`; `null` for an
   * entry from an SDK that did not send it yet.
   */
  jurisdictionRule: string | null
  /** Origin and path of the page, without query string or fragment. */
  page: string
}

/** The outcome of `parseEntry`: the entry, or a message that never repeats the input. */
export type EntryParse = { entry: ConsentEntry; error?: undefined } | { entry?: undefined; error: string }

const FIELDS = [
  'id', 'previousId', 'at', 'givenAt', 'updatedAt', 'revision', 'configHash', 'language',
  'categories', 'services', 'method', 'action', 'uiLayer', 'gpc', 'jurisdictionRule', 'page'
] as const
// Browsers may still hold entries queued by an SDK from before these fields: missing, they are null.
const OPTIONAL: readonly string[] = ['uiLayer', 'jurisdictionRule']
const METHODS: readonly string[] = ['accept-all', 'reject-all', 'custom', 'dismiss', 'gpc', 'opt-out']
// A reset and an expiry end a decision: they are the two entries without a method.
const ENDS: readonly string[] = ['reset', 'expire']
const ACTIONS: readonly string[] = [...METHODS, 'withdraw', ...ENDS]
const UI_LAYERS: readonly unknown[] = [null, 'first', 'second', 'placeholder']
// The config's default `mode`, or a key of `config.regions` (ids of letters, digits, `_` and `-`).
const RULE = /^(mode|regions\.[\w-]{1,64}): opt-(in|out)$/
// What `crypto.getRandomValues` gives after the SDK sets the version and variant bits.
const UUID = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/
// `Date.prototype.toISOString`, the only form the SDK writes.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const NAME = /^[\w-]{1,64}$/
const LANGUAGE = /^[a-z]{2,3}(-[a-z\d]{1,8}){0,4}$/i
// The SDK sends an empty hash only when what was shown could not be serialized.
const HASH = /^([\da-f]{8})?$/
const MAX_NAMES = 64
const MAX_PAGE = 2048

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && value !== null && !Array.isArray(value)

const isIso = (value: unknown): boolean =>
  typeof value == 'string' && ISO.test(value) && new Date(value).toISOString() === value

// `__proto__` is a valid JSON key but a trap for whoever copies the map into an object.
const isName = (name: string): boolean => NAME.test(name) && name !== '__proto__'

const isGrants = (value: unknown): value is Record<string, boolean> =>
  isObject(value) &&
  Object.keys(value).length <= MAX_NAMES &&
  Object.entries(value).every(([name, granted]) => isName(name) && typeof granted == 'boolean')

const isPage = (value: unknown): boolean => {
  if (value === '') return true
  if (typeof value != 'string' || value.length > MAX_PAGE) return false
  try {
    let url = new URL(value)
    // Round-trips only without query, fragment or credentials.
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin + url.pathname === value
  } catch {
    return false
  }
}

const CHECKS: Record<(typeof FIELDS)[number], [(value: unknown) => boolean, string]> = {
  id: [value => typeof value == 'string' && UUID.test(value), 'a UUID v4 in lower case'],
  previousId: [value => value === null || (typeof value == 'string' && UUID.test(value)), 'null or a UUID v4 in lower case'],
  at: [isIso, 'an ISO 8601 UTC time with milliseconds'],
  givenAt: [isIso, 'an ISO 8601 UTC time with milliseconds'],
  updatedAt: [isIso, 'an ISO 8601 UTC time with milliseconds'],
  revision: [value => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 999_999_999, 'a whole number from 1 to 999999999'],
  configHash: [value => typeof value == 'string' && HASH.test(value), '8 lower-case hex digits'],
  language: [value => typeof value == 'string' && value.length <= 35 && LANGUAGE.test(value), 'a language tag such as "en" or "pt-BR"'],
  categories: [isGrants, `an object of up to ${MAX_NAMES} category ids, each true or false`],
  services: [
    value => isObject(value) && Object.keys(value).length <= MAX_NAMES && Object.entries(value).every(([name, grants]) => isName(name) && isGrants(grants)),
    `an object of up to ${MAX_NAMES} category ids, each an object of service ids, each true or false`
  ],
  method: [value => value === null || METHODS.includes(value as string), `null or one of ${METHODS.join(', ')}`],
  action: [value => ACTIONS.includes(value as string), `one of ${ACTIONS.join(', ')}`],
  uiLayer: [value => UI_LAYERS.includes(value), 'null or one of first, second, placeholder'],
  gpc: [value => typeof value == 'boolean', 'true or false'],
  jurisdictionRule: [
    value => value === null || (typeof value == 'string' && RULE.test(value)),
    'null or a rule such as "mode: opt-in" or "regions.US-CA: opt-out"'
  ],
  page: [isPage, 'an http(s) address without query string or fragment, or ""']
}

/**
 * The entry with its fields in the SDK's order, and `null` for each one missing: for what
 * `parseEntry` accepted, and for entries stored before `uiLayer` and `jurisdictionRule` existed.
 * @example
 * let entry = completeEntry(row.entry)
 */
export function completeEntry(value: Record<string, unknown>): ConsentEntry {
  return Object.fromEntries(FIELDS.map(field => [field, Object.hasOwn(value, field) ? value[field] : null])) as unknown as ConsentEntry
}

/**
 * Checks a parsed JSON body against the `LogEntry` shape: every field present (`uiLayer` and
 * `jurisdictionRule` may be missing, from an older SDK), of its type and format, and no other
 * field. The entry it returns has its fields in the SDK's order, a missing one as `null`.
 * @example
 * let { entry, error } = parseEntry(JSON.parse(body))
 */
export function parseEntry(value: unknown): EntryParse {
  if (!isObject(value)) return { error: 'the body must be a JSON object (a consent log entry)' }
  // Names of unknown fields are not repeated: an error never echoes the input.
  if (Object.keys(value).some(key => !(FIELDS as readonly string[]).includes(key))) {
    return { error: `invalid consent entry: unknown field; the fields are ${FIELDS.join(', ')}` }
  }
  for (let field of FIELDS) {
    if (!Object.hasOwn(value, field)) {
      if (OPTIONAL.includes(field)) continue
      return { error: `invalid consent entry: missing field "${field}"` }
    }
    let [check, expected] = CHECKS[field]
    if (!check(value[field])) return { error: `invalid consent entry: "${field}" must be ${expected}` }
  }
  let entry = completeEntry(value)
  // The SDK's rules: a reset or an expiry has no method, anything else has one, and a method-named action is that method.
  if ((entry.method === null) !== ENDS.includes(entry.action)) {
    return { error: 'invalid consent entry: "method" must be null exactly when "action" is "reset" or "expire"' }
  }
  if (METHODS.includes(entry.action) && entry.action !== entry.method) {
    return { error: 'invalid consent entry: "action" must equal "method" unless it is "withdraw", "reset" or "expire"' }
  }
  return { entry }
}
