import { atom } from 'nanostores'
import type { ReadableAtom } from 'nanostores'

import type { NormalizedConfig } from './config.js'
import { encodeRecord, LAYERS, METHODS } from './record.js'
import type { ConsentMethod, ConsentRecord, ServiceGrants, UiLayer } from './record.js'
import { cookieStorage } from './storage/cookie-storage.js'
import { DAY, readStored } from './storage/read-stored.js'
import type { StaleReason } from './storage/read-stored.js'
import type { ConsentStorage } from './storage/storage.js'
import { validateConfig } from './validate.js'
import type { ConfigValidation } from './validate.js'
import type { ConfigProblem } from './checker.js'
import type { ConsentModel } from './validate-features.js'

export interface ConsentOptions {
  /** Where the decision is stored. @default cookieStorage(config.cookie) */
  storage?: ConsentStorage
  /** The language the visitor is shown, written into the record. @default config.language or "en" */
  language?: string
  /** Receives every console message, each starting with `consentry: `. @default console.warn */
  onMessage?: (message: string) => void
  /**
   * The visitor's Global Privacy Control signal: `navigator.globalPrivacyControl`, or a flag the
   * server sets from the `Sec-GPC: 1` header (P-01). Honoured unless `config.gpc` is false.
   * @default false
   */
  gpc?: boolean
  /** The visitor's region, e.g. "US-CA", when the page knows it. @default config.region */
  region?: string
  /**
   * What `validateConfig(input)` already returned for this same input, so that a caller that
   * needed the configuration first (to pick the language) does not validate it twice.
   */
  validation?: ConfigValidation
}

/**
 * A decision to apply: `true`/`false` for a whole category (its services follow), or an object
 * of service grants for some services of a category. Categories left out keep their state.
 */
export type ConsentChoice = Record<string, boolean | Record<string, boolean>>

/** Called with the new record (`null` after `reset`) and the one it replaced. */
export type ChangeListener = (record: ConsentRecord | null, previous: ConsentRecord | null) => void

export interface Consent {
  /** The configuration in use, after validation. */
  readonly config: NormalizedConfig
  /** What was wrong with the configuration given; each was also reported in the console. */
  readonly problems: readonly ConfigProblem[]
  /**
   * `opt-in`: nothing optional runs before a choice. `opt-out`: everything runs until the visitor
   * opts out. From `config.regions` for the visitor's region, else `config.mode`.
   */
  readonly mode: ConsentModel
  /**
   * The configuration key that chose `mode` (G-10's jurisdiction rule): `regions.US-CA` or
   * `regions.US` when the visitor's region matched that key of `config.regions`, else `mode`.
   */
  readonly rule: string
  /** Global Privacy Control is on and honoured: marketing is never granted (P-02, R-12). */
  readonly gpc: boolean
  /**
   * A decision the engine made itself while it was created (Global Privacy Control overriding an
   * opt-in, or opting out in an opt-out region), which no listener could hear yet; `null` if none.
   */
  readonly startupChange: { record: ConsentRecord; previous: ConsentRecord | null } | null
  /**
   * Why a stored decision was not used: made under a lower `revision`, `expired`, or made before
   * a category or service was `added`. `null` when there was none, or it is valid.
   */
  readonly stale: StaleReason | null
  /** The visitor's valid decision, or `null` while undecided (first visit, expired, new revision). */
  $record: ReadableAtom<ConsentRecord | null>
  $isDecided: ReadableAtom<boolean>
  /** Every category: granted or not. While undecided only required categories are granted. */
  $categories: ReadableAtom<Record<string, boolean>>
  /** Every declared service, by category: granted or not. */
  $services: ReadableAtom<ServiceGrants>
  /**
   * Whether a category, or one of its services, may run now. An unknown category is refused and
   * reported once; an undeclared service follows its category.
   */
  hasConsent(category: string, service?: string): boolean
  /**
   * Grants every category and service. `uiLayer` is for a UI that draws the choice: the layer
   * the visitor decided on, kept on the record (and in the cookie) for the consent log. An action
   * may be handed to addEventListener as it is: the event it then gets is not a method or layer.
   */
  acceptAll(method?: ConsentMethod, uiLayer?: UiLayer): ConsentRecord
  /** Refuses everything that is not required. The refusal is stored like a consent. */
  rejectAll(method?: ConsentMethod, uiLayer?: UiLayer): ConsentRecord
  /** Applies a custom choice on top of the current one (all refused while undecided). */
  setConsent(choice: ConsentChoice, method?: ConsentMethod, uiLayer?: UiLayer): ConsentRecord
  /** Forgets the decision: removes the cookie, and the visitor is undecided again. */
  reset(): void
  /** Listens to every decision and reset, in order. Returns the function that stops listening. */
  on(event: 'change', listener: ChangeListener): () => void
}


/** Own keys only: `"constructor" in {}` is true, and a tag named so must not run (G-01). */
const own = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key)

/**
 * A random UUID v4: `crypto.randomUUID` where it exists (secure contexts: https: pages and
 * localhost), else built from `getRandomValues`, which exists everywhere but costs the first
 * decision about 1.5 ms at 4x CPU (measured on the "Accept all" click).
 */
function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID()
  let bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 15) | 64
  bytes[8] = (bytes[8] & 63) | 128
  let hex = Array.from(bytes, byte => (byte + 256).toString(16).slice(1)).join('')
  return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')
}

const mapIds = <T>(ids: Record<string, unknown>, value: (id: string) => T): Record<string, T> => {
  let result: Record<string, T> = {}
  for (let id in ids) result[id] = value(id)
  return result
}

/**
 * Creates a consent engine: the visitor's decision as stores, and the actions that change it.
 * Each call makes a separate instance; nothing is shared between them.
 * @example
 * let consent = createConsent({ categories: { essential: {}, analytics: {} } })
 * consent.$categories.subscribe(grants => grants.analytics && startAnalytics())
 * consent.acceptAll()
 */
export function createConsent(input?: unknown, options: ConsentOptions = {}): Consent {
  return createConsentFrom(options.validation ?? validateConfig(input), options)
}

/**
 * `createConsent` for a configuration validated already, by `validateConfig` or `validateStart`.
 * It does not bring the validator into a bundle: a page that validates with `validateStart` (the
 * drop-in) leaves the vendor integrations' checks for the code that starts them.
 * @example
 * let validation = validateStart(input)
 * let consent = createConsentFrom(validation, { language: 'fr' })
 */
export function createConsentFrom(validation: ConfigValidation, options: Omit<ConsentOptions, 'validation'> = {}): Consent {
  let { config, problems } = validation
  let { categories, cookie } = config
  let { storage = cookieStorage(cookie), language = config.language ?? 'en' } = options
  let region = options.region ?? config.region
  // The region itself ("US-CA"), else its country ("US"); own keys only, as for categories.
  let regionKey = region && [region, region.split('-')[0]].find(key => own(config.regions, key))
  let mode: ConsentModel = regionKey ? config.regions[regionKey] : config.mode
  let gpc = config.gpc && !!options.gpc
  /** GPC means "do not sell or share": marketing stays refused whatever else is chosen (P-02). */
  let allowed = (id: string): boolean => !(gpc && id === 'marketing')
  let told = new Set<string>()
  let tell = (message: string): void => {
    if (told.has(message)) return
    told.add(message)
    ;(options.onMessage ?? console.warn)('consentry: ' + message)
  }
  for (let problem of problems) tell(problem.message)

  let { best, stale, unreadable } = readStored(storage, config)
  if (unreadable) tell(`ignored an unreadable consent cookie "${cookie.name}": the visitor is asked again`)

  // Plain atoms rather than `computed`: it would add nanostores' lifecycle code to every page.
  let $record = atom<ConsentRecord | null>(null)
  let $isDecided = atom(false)
  let $categories = atom<Record<string, boolean>>({})
  let $services = atom<ServiceGrants>({})
  // Before a choice: only required categories in opt-in mode; everything allowed in opt-out mode.
  let undecided = (id: string): boolean => categories[id].required || (mode === 'opt-out' && allowed(id))
  let undecidedServices: ServiceGrants = {}
  for (let id in categories) {
    let { services } = categories[id]
    if (Object.keys(services).length > 0) undecidedServices[id] = mapIds(services, () => undecided(id))
  }
  /** Sets the derived stores first, so `$record` listeners read them up to date. */
  let set = (record: ConsentRecord | null): void => {
    $isDecided.set(!!record)
    $categories.set(record ? record.categories : mapIds(categories, undecided))
    $services.set(record ? record.services : undecidedServices)
    $record.set(record)
  }
  set(best ?? null)

  /**
   * `method` and `uiLayer` come from the caller as given: an action handed to addEventListener
   * gets the event there. Only known names are kept; anything else is the action's own method.
   */
  let decide = (
    choose: (id: string, service?: string) => boolean,
    method: unknown,
    fallback: ConsentMethod,
    uiLayer?: unknown
  ): ConsentRecord => {
    let previous = $record.get()
    // Whole seconds: the cookie keeps seconds, so the record reads back unchanged.
    let now = Math.floor(Date.now() / 1000) * 1000
    let record: ConsentRecord = {
      id: previous?.id ?? uuid(),
      categories: {},
      services: {},
      revision: config.revision,
      givenAt: previous?.givenAt ?? new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + cookie.expiresDays * DAY).toISOString(),
      method: METHODS.includes(method) ? (method as ConsentMethod) : fallback,
      language
    }
    if (gpc) record.gpc = true
    if (LAYERS.includes(uiLayer)) record.uiLayer = uiLayer as UiLayer
    for (let id in categories) {
      let category = categories[id]
      let serviceIds = Object.keys(category.services)
      if (serviceIds.length > 0) {
        let services = (record.services[id] = {} as Record<string, boolean>)
        for (let service of serviceIds) services[service] = category.required || (allowed(id) && choose(id, service))
        // A category counts as granted when any of its services is.
        record.categories[id] = category.required || serviceIds.some(service => services[service])
      } else {
        record.categories[id] = category.required || (allowed(id) && choose(id))
      }
    }
    if (!storage.write(encodeRecord(record), new Date(record.expiresAt))) {
      tell(
        'the consent cookie could not be stored (cookies are blocked' +
          (cookie.domain ? ` or config.cookie.domain "${cookie.domain}" is not this site's` : '') +
          '): the choice lasts for this page only'
      )
    }
    set(record)
    return record
  }

  let hasConsent = (category: string, service?: string): boolean => {
    if (!own(categories, category)) {
      tell(`unknown category "${category}" is refused (known: ${Object.keys(categories).join(', ')})`)
      return false
    }
    let services = $services.get()[category]
    if (service !== undefined) {
      if (services && own(services, service)) return services[service]
      tell(`unknown service "${service}" in category "${category}" follows its category`)
    }
    return $categories.get()[category]
  }

  let previous = $record.get()
  let startupChange: Consent['startupChange'] = null
  if (gpc && previous?.categories.marketing) {
    // GPC overrides an earlier opt-in: the same choice without marketing, recorded as such.
    let record = decide((id, service) => (service === undefined ? previous.categories[id] : previous.services[id][service]), 'gpc', 'gpc')
    startupChange = { record, previous }
  } else if (gpc && !previous && mode === 'opt-out') {
    // In opt-out regions the signal is the visitor's opt-out: no banner needs to ask.
    startupChange = { record: decide(() => true, 'gpc', 'gpc'), previous: null }
  }

  return {
    config,
    problems,
    mode,
    rule: regionKey ? 'regions.' + regionKey : 'mode',
    gpc,
    startupChange,
    stale,
    $record,
    $isDecided,
    $categories,
    $services,
    hasConsent,
    acceptAll: (method, uiLayer) => decide(() => true, method, 'accept-all', uiLayer),
    rejectAll: (method, uiLayer) => decide(() => false, method, 'reject-all', uiLayer),
    setConsent(choice, method, uiLayer) {
      for (let id in choice) {
        let value = choice[id]
        if (!own(categories, id)) {
          tell(`setConsent: unknown category "${id}" ignored`)
        } else if (typeof value == 'object' && value !== null) {
          for (let service in value) {
            if (!own(categories[id].services, service)) {
              tell(`setConsent: unknown service "${service}" in category "${id}" ignored`)
            }
          }
        } else if (typeof value != 'boolean') {
          tell(`setConsent: expected true, false or an object of services for "${id}", got ${typeof value}`)
        }
      }
      let record = $record.get()
      return decide((id, service) => {
        let value = choice[id]
        if (typeof value == 'boolean') return value
        if (service !== undefined && typeof value == 'object' && typeof value?.[service] == 'boolean') {
          return value[service]
        }
        return record ? (service === undefined ? record.categories[id] : record.services[id][service]) : undecided(id)
      }, method, 'custom', uiLayer)
    },
    reset() {
      storage.clear()
      set(null)
    },
    on(event, listener) {
      if (event !== 'change') {
        tell(`on: unknown event "${event}" (known: change)`)
        return () => {}
      }
      return $record.listen((record, previous) => {
        // A failing listener is the integrator's bug: it must not stop the others or the banner.
        try {
          listener(record, previous ?? null)
        } catch (error) {
          console.error('consentry: a change listener failed', error)
        }
      })
    }
  }
}
