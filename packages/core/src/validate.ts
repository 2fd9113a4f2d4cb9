import { createChecker, isObject } from './checker.js'
import type { Checker, ConfigProblem, Reader } from './checker.js'
import { DEFAULT_CATEGORIES } from './config.js'
import { HTTPS_URL, MODES, readConsentMode, readIntegrations, readLog, REGION } from './validate-features.js'
import { LANGUAGE, readTranslations, readUi } from './validate-ui.js'
import type { NormalizedIntegrations } from './validate-features.js'
import type {
  NormalizedCategory,
  NormalizedConfig,
  NormalizedCookie,
  NormalizedService
} from './config.js'

export interface ConfigValidation {
  /** The usable configuration: every valid part kept, every invalid part replaced by its default. */
  config: NormalizedConfig
  problems: ConfigProblem[]
  /**
   * From `validateStart` only: the configuration's `integrations` as given, unread (`config.integrations`
   * is then `{}`), for `validateIntegrations` to read once they are needed.
   */
  integrations?: unknown
}

const COOKIE_NAME = /^[^\s;,=]+$/
const PATH = /^\/[^\s;]*$/
/** Links are followed on click: a `javascript:` or `data:` URL would run code or spoof content. */
// Control characters and spaces are refused because URL parsers drop them ("java\tscript:").
export const SAFE_URL = /^(?!.*[\s\x00-\x1f\x7f])(?:[hH][tT][tT][pP][sS]?:|[mM][aA][iI][lL][tT][oO]:|(?![a-zA-Z][\w+.-]*:))./
// G-09: these are analytics and advertising cookies, never strictly necessary.
const TRACKER = /^\/?\^?(_ga|_gid|_gat|_gcl|_gac|_dc_gtm|_fbp|_fbc|_uet|_hj)/

/** Tells whether a cookie pattern is a `"/regex/flags"` string, and compiles it. */
export function cookiePattern(name: string): RegExp | undefined {
  let match = /^\/(.+)\/([imsu]*)$/.exec(name)
  return match ? new RegExp(match[1], match[2]) : undefined
}

/**
 * Checks a configuration and fills in its defaults. Never throws: each problem is reported with
 * its JSON path, the valid parts are kept and the invalid ones fall back to safe defaults.
 * @example
 * let { config, problems } = validateConfig(JSON.parse(text))
 * for (let problem of problems) console.warn(problem.message)
 */
export const validateConfig = (input: unknown): ConfigValidation => read(input, readIntegrations)

/**
 * `validateConfig` without the vendor integrations' checks, for a page that starts them later (the
 * drop-in's follow-up file): `config.integrations` is `{}`, and `integrations` holds them as given,
 * for `validateIntegrations`. What the banner needs is checked at once; the integrations' checks
 * (0.46 kB) come with the code that uses them.
 * @example
 * let validation = validateStart(input)
 * // later:
 * let { integrations, problems } = validateIntegrations(validation.config, validation.integrations)
 */
export const validateStart = (input: unknown): ConfigValidation => read(input)

/**
 * Reads the `integrations` that `validateStart` left as given, against the categories of its
 * configuration: the same checks and JSON paths as `validateConfig`.
 */
export function validateIntegrations(
  config: Pick<NormalizedConfig, 'categories'>,
  value: unknown
): { integrations: NormalizedIntegrations; problems: ConfigProblem[] } {
  let check = createChecker()
  let integrations = value === undefined ? {} : readIntegrations(check, config.categories)(value, 'config.integrations')
  return { integrations, problems: check.problems }
}

function read(input: unknown, vendors?: (check: Checker, categories: Record<string, NormalizedCategory>) => Reader<NormalizedIntegrations>): ConfigValidation {
  let check = createChecker()
  let unread: unknown
  let { problems, report, expected, fields, keyed, list, str, int, one } = check
  let text = str()
  let cookiePath = str(PATH, 'a path starting with "/"')
  let bool = one([true, false])
  /** What a category or a service stores, all empty by default. */
  let stored = (): Pick<NormalizedCategory, 'cookies' | 'storage' | 'indexedDB'> => ({ cookies: [], storage: [], indexedDB: [] })

  let cookies =
    (required: () => boolean): Reader<NormalizedCookie[]> =>
    (value, at) =>
      list(value, at, 'an array of cookies', (item, at) => {
        let named = isObject(item)
        let valid = false
        let cookie = fields<NormalizedCookie>(
          named ? item : { name: item },
          at,
          {
            name: (name, path) => {
              try {
                valid = typeof name == 'string' && COOKIE_NAME.test(name) && (cookiePattern(name), true)
              } catch {
                valid = false
              }
              if (!valid) return expected(named ? path : at, 'a cookie name or "/regex/"', name)
              if (required() && TRACKER.test(name as string)) {
                report(at, `${JSON.stringify(name)} is an analytics or advertising cookie: it needs consent and does not belong in a required category (G-09)`)
              }
              return name
            },
            path: cookiePath,
            domain: text,
            provider: text,
            duration: text,
            description: text,
            thirdParty: bool
          },
          { path: '/' },
          ['name']
        )
        return valid ? cookie : undefined
      })

  /** Web storage keys or IndexedDB names: any non-empty name, or a "/regex/" that compiles. */
  let storage =
    (what: string): Reader<string[]> =>
    (value, path) =>
      list(value, path, `an array of ${what}s`, (key, at) => {
        try {
          if (typeof key == 'string' && key !== '' && (cookiePattern(key), true)) return key
        } catch {}
        return expected(at, `a ${what} or "/regex/"`, key)
      })

  /** What a category or one of its services stores; `required` is the category's, once read. */
  let stores = (required: () => boolean): Record<string, Reader> => ({
    cookies: cookies(required),
    storage: storage('storage key'),
    indexedDB: storage('database name')
  })

  let category = (item: unknown, id: string, at: string): NormalizedCategory => {
    let required = id === 'essential'
    let isRequired = (): boolean => required
    return fields<NormalizedCategory>(
      item,
      at,
      {
        // Read first: it decides the G-09 check of the cookies below.
        required: (value, path) => (required = bool(value, path) ?? required),
        services: (value, path) =>
          keyed(value, path, (service, serviceId, at) =>
            fields<NormalizedService>(service, at, { label: text, description: text, ...stores(isRequired) }, { label: serviceId, ...stored() })
          ),
        ...stores(isRequired)
      },
      { required, services: {}, ...stored() }
    )
  }
  let cookie: Reader<NormalizedConfig['cookie']> = (value, path) =>
    fields(
      value,
      path,
      {
        name: str(/^[\w!#$%&'*+.^`|~-]+$/, 'a cookie name (letters, digits, "_" or "-")'),
        domain: str(/^\.?[a-z\d-]+(\.[a-z\d-]+)*$/i, 'a domain such as ".example.com"'),
        path: cookiePath,
        expiresDays: int(400),
        sameSite: one(['Lax', 'Strict', 'None']),
        refreshUrl: str(HTTPS_URL, 'an https: or relative address')
      },
      { name: 'consentry', path: '/', expiresDays: 182, sameSite: 'Lax' }
    )
  let ui = readUi(check)

  // Filled in place by the categories' reader, which runs before the readers given this list.
  let categoryIds: string[] = []
  let categoriesRead: Record<string, NormalizedCategory> = {}
  let config = fields<NormalizedConfig>(
    input,
    'config',
    {
      $schema: () => undefined,
      revision: int(),
      categories: (value, path) => {
        if (isObject(value) && Object.keys(value).length === 0) expected(path, 'at least one category', value)
        let categories = keyed(value, path, category)
        if (Object.keys(categories).length === 0) {
          for (let id of DEFAULT_CATEGORIES) categories[id] = category(undefined, id, path)
        }
        categoryIds.splice(0, Infinity, ...Object.keys(categories))
        Object.assign(categoriesRead, categories)
        return categories
      },
      cookie,
      language: str(LANGUAGE, 'a language tag such as "fr" or "pt-BR"'),
      privacyPolicyUrl: str(SAFE_URL, 'an https:, http:, mailto: or relative URL'),
      consentMode: readConsentMode(check, categoryIds),
      gpc: bool,
      mode: one(MODES),
      regions: (value, path) =>
        keyed(value, path, (mode, _code, at) => one(MODES)(mode, at) ?? 'opt-in', REGION, 'expected a region code such as "US" or "US-CA" as key; ignored', 'an object'),
      region: str(REGION, 'a region code such as "US-CA"'),
      reloadOnWithdraw: bool,
      translations: readTranslations(check),
      ui,
      // Left as given for validateIntegrations when no reader was passed: read as missing here.
      integrations: vendors?.(check, categoriesRead) ?? (value => void (unread = value)),
      log: readLog(check)
    },
    {
      revision: 1,
      consentMode: null,
      gpc: true,
      mode: 'opt-in',
      regions: {},
      reloadOnWithdraw: false,
      translations: {},
      integrations: {},
      log: null
    },
    // Read also when missing: their readers give the defaults.
    ['categories', 'cookie', 'ui']
  )
  return vendors ? { config, problems } : { config, problems, integrations: unread }
}
