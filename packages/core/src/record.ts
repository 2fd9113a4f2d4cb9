/** How a decision was made. */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'dismiss' | 'gpc' | 'opt-out'

/**
 * Where a decision was made on Consentry's own UI: the banner (`first`), the preferences panel
 * (`second`), or the button of an embed's placeholder (`placeholder`).
 */
export type UiLayer = 'first' | 'second' | 'placeholder'

/** Grants per service, keyed by category id, then service id. */
export type ServiceGrants = Record<string, Record<string, boolean>>

/** One visitor's decision, as stored and as handed to listeners. */
export interface ConsentRecord {
  /** Random UUID, kept across later updates of the same decision (proof of consent, G-10). */
  id: string
  /** Every category of the configuration, granted or not (required ones are always `true`). */
  categories: Record<string, boolean>
  /** Every service of the configuration, by category, granted or not. */
  services: ServiceGrants
  /** The configuration's revision when the visitor decided (G-11). */
  revision: number
  /** ISO 8601 time of the first decision. */
  givenAt: string
  /** ISO 8601 time of the latest change. */
  updatedAt: string
  /** ISO 8601 time after which the visitor is asked again. */
  expiresAt: string
  method: ConsentMethod
  /** The language the visitor was shown. */
  language: string
  /** Set when the browser sent Global Privacy Control with this decision: marketing was refused by it. */
  gpc?: true
  /**
   * The layer of Consentry's UI the visitor decided on (G-10): `first` for the banner, `second`
   * for the preferences panel, `placeholder` for an embed's "Allow" button. A decision made through
   * the JS API or by GPC has none. Kept in the cookie, like the method.
   */
  uiLayer?: UiLayer
}

const FORMAT = '1'
// Stored by index: new methods go at the end.
export const METHODS: readonly unknown[] = ['accept-all', 'reject-all', 'custom', 'dismiss', 'gpc', 'opt-out']
// Stored by first letter, after the method's index: "0f" is accept-all on the banner.
export const LAYERS: readonly unknown[] = ['first', 'second', 'placeholder']
const UUID = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/
const NAME = /^!?[\w-]+$/
const TIME = /^[\da-z]{1,9}$/

const time = (iso: string): string => Math.floor(Date.parse(iso) / 1000).toString(36)
const iso = (base36: string): string => new Date(parseInt(base36, 36) * 1000).toISOString()

const grants = (map: Record<string, boolean>): string =>
  Object.keys(map).map(id => (map[id] ? id : '!' + id)).join('.')

/**
 * Writes a record as a cookie value of about 160 bytes for the default categories (T-02).
 * It uses only characters that cookies carry unencoded, so no escaping is needed:
 * `1~id~revision~given~updated~expires~method[layer]~language~cat.!cat~cat:svc.!svc|cat:svc[~1 for GPC]`,
 * where the method is its index and the layer, if any, its first letter (`0f`: accept-all, banner).
 */
export function encodeRecord(record: ConsentRecord): string {
  let services = Object.keys(record.services)
    .map(category => category + ':' + grants(record.services[category]))
    .join('|')
  return [
    FORMAT,
    record.id,
    record.revision,
    time(record.givenAt),
    time(record.updatedAt),
    time(record.expiresAt),
    METHODS.indexOf(record.method) + (record.uiLayer?.[0] ?? ''),
    record.language,
    grants(record.categories),
    services,
    ...(record.gpc ? ['1'] : [])
  ].join('~')
}

const parseGrants = (text: string): Record<string, boolean> | undefined => {
  let map: Record<string, boolean> = {}
  for (let item of text ? text.split('.') : []) {
    if (!NAME.test(item)) return undefined
    if (item[0] === '!') map[item.slice(1)] = false
    else map[item] = true
  }
  return map
}

/** Reads a cookie value back; anything tampered, truncated or foreign gives `undefined`. */
export function decodeRecord(value: string): ConsentRecord | undefined {
  let parts = value.split('~')
  let [format, id, revision, given, updated, expires, method, language, categoryText, serviceText, gpc] = parts
  if (
    (parts.length !== 10 && !(parts.length === 11 && gpc === '1')) ||
    format !== FORMAT ||
    !UUID.test(id) ||
    !/^[1-9]\d{0,8}$/.test(revision) ||
    ![given, updated, expires].every(part => TIME.test(part)) ||
    !/^[0-5][fsp]?$/.test(method) ||
    !/^[a-z]{2,3}(-[a-z\d]{1,8})*$/i.test(language)
  ) {
    return undefined
  }
  let categories = parseGrants(categoryText)
  let services: ServiceGrants = {}
  for (let item of serviceText ? serviceText.split('|') : []) {
    let [category, list, extra] = item.split(':')
    let map = list !== undefined && extra === undefined && NAME.test(category) ? parseGrants(list) : undefined
    if (!map) return undefined
    services[category] = map
  }
  if (!categories) return undefined
  let record: ConsentRecord = {
    id,
    categories,
    services,
    revision: +revision,
    givenAt: iso(given),
    updatedAt: iso(updated),
    expiresAt: iso(expires),
    method: METHODS[+method[0]] as ConsentMethod,
    language
  }
  if (gpc) record.gpc = true
  if (method[1]) record.uiLayer = LAYERS.find(layer => (layer as UiLayer)[0] === method[1]) as UiLayer
  return record
}
