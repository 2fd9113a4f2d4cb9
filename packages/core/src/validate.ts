import { child, createChecker, isObject } from './checker.js'
import type { ConfigProblem, Json } from './checker.js'
import { DEFAULT_CATEGORIES } from './config.js'
import { validateConsentMode, validateIntegrations, validateLog, validatePrivacy } from './validate-features.js'
import { LANGUAGE, validateTranslations, validateUi } from './validate-ui.js'
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
}

const COOKIE_NAME = /^[^\s;,=]+$/
const PATH = /^\/[^\s;]*$/
/** Links are followed on click: a `javascript:` or `data:` URL would run code or spoof content. */
// Control characters and spaces are refused because URL parsers drop them ("java\tscript:").
export const SAFE_URL = /^(?!.*[\s\x00-\x1f\x7f])(?:[hH][tT][tT][pP][sS]?:|[mM][aA][iI][lL][tT][oO]:|(?![a-zA-Z][\w+.-]*:))./
// G-09: these are analytics and advertising cookies, never strictly necessary.
const TRACKER = /^\/?\^?(_ga|_gid|_gat|_gcl|_gac|_dc_gtm|_fbp|_fbc|_uet|_hj)/

const CONFIG_KEYS = [
  '$schema', 'revision', 'categories', 'cookie', 'language', 'privacyPolicyUrl', 'consentMode', 'gpc',
  'mode', 'regions', 'region', 'reloadOnWithdraw', 'translations', 'ui', 'integrations', 'log'
]

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
export function validateConfig(input: unknown): ConfigValidation {
  let check = createChecker()
  let { problems, report, expected, object, text, integer, keyed } = check

  let cookies = (value: unknown, path: string, required: boolean): NormalizedCookie[] => {
    let result: NormalizedCookie[] = []
    if (value === undefined) return result
    if (!Array.isArray(value)) {
      expected(path, 'an array of cookies', value)
      return result
    }
    value.forEach((item, index) => {
      let at = child(path, index)
      let details: Json = isObject(item)
        ? object(item, at, ['name', 'domain', 'path', 'provider', 'duration', 'description'])
        : { name: item }
      let name = details.name
      let valid = typeof name == 'string' && COOKIE_NAME.test(name)
      if (valid) {
        try {
          cookiePattern(name as string)
        } catch {
          valid = false
        }
      }
      if (!valid) {
        expected(isObject(item) ? child(at, 'name') : at, 'a cookie name or "/regex/"', name)
        return
      }
      if (required && TRACKER.test(name as string)) {
        report(at, `${JSON.stringify(name)} is an analytics or advertising cookie: it needs consent and does not belong in a required category (G-09)`)
      }
      let cookie: NormalizedCookie = {
        name: name as string,
        path: text(details.path, child(at, 'path'), PATH, 'a path starting with "/"') ?? '/'
      }
      for (let key of ['domain', 'provider', 'duration', 'description'] as const) {
        let value = text(details[key], child(at, key))
        if (value !== undefined) cookie[key] = value
      }
      result.push(cookie)
    })
    return result
  }

  /** Web storage keys or IndexedDB names: any non-empty name, or a "/regex/" that compiles. */
  let storage = (value: unknown, path: string, what = 'storage key'): string[] => {
    if (value === undefined) return []
    if (!Array.isArray(value)) {
      expected(path, `an array of ${what}s`, value)
      return []
    }
    return value.filter((key, index) => {
      let valid = typeof key == 'string' && key !== ''
      try {
        if (valid) cookiePattern(key)
      } catch {
        valid = false
      }
      if (!valid) expected(child(path, index), `a ${what} or "/regex/"`, key)
      return valid
    })
  }

  let root = object(input === undefined ? {} : input, 'config', CONFIG_KEYS)
  let revision = integer(root.revision, 'config.revision', 1)

  let categoriesInput = root.categories
  if (isObject(categoriesInput) && Object.keys(categoriesInput).length === 0) {
    expected('config.categories', 'at least one category', categoriesInput)
  }
  let categories = keyed(categoriesInput, 'config.categories', (item, id, path): NormalizedCategory => {
    let category = object(item, path, ['required', 'services', 'cookies', 'storage', 'indexedDB'])
    let required = id === 'essential'
    if (category.required !== undefined) {
      if (typeof category.required == 'boolean') required = category.required
      else expected(child(path, 'required'), 'true or false', category.required)
    }
    return {
      required,
      services: keyed(category.services, child(path, 'services'), (service, serviceId, at): NormalizedService => {
        let fields = object(service, at, ['label', 'description', 'cookies', 'storage', 'indexedDB'])
        let result: NormalizedService = {
          label: text(fields.label, child(at, 'label')) ?? serviceId,
          cookies: cookies(fields.cookies, child(at, 'cookies'), required),
          storage: storage(fields.storage, child(at, 'storage')),
          indexedDB: storage(fields.indexedDB, child(at, 'indexedDB'), 'database name')
        }
        let description = text(fields.description, child(at, 'description'))
        if (description !== undefined) result.description = description
        return result
      }),
      cookies: cookies(category.cookies, child(path, 'cookies'), required),
      storage: storage(category.storage, child(path, 'storage')),
      indexedDB: storage(category.indexedDB, child(path, 'indexedDB'), 'database name')
    }
  })
  if (Object.keys(categories).length === 0) {
    for (let id of DEFAULT_CATEGORIES) {
      categories[id] = { required: id === 'essential', services: {}, cookies: [], storage: [], indexedDB: [] }
    }
  }

  let cookieInput = object(root.cookie, 'config.cookie', ['name', 'domain', 'path', 'expiresDays', 'sameSite'])
  let cookie: NormalizedConfig['cookie'] = {
    name: text(cookieInput.name, 'config.cookie.name', /^[\w!#$%&'*+.^`|~-]+$/, 'a cookie name (letters, digits, "_" or "-")') ?? 'consentry',
    path: text(cookieInput.path, 'config.cookie.path', PATH, 'a path starting with "/"') ?? '/',
    expiresDays: integer(cookieInput.expiresDays, 'config.cookie.expiresDays', 182, 400),
    sameSite: 'Lax'
  }
  let domain = text(cookieInput.domain, 'config.cookie.domain', /^\.?[a-z\d-]+(\.[a-z\d-]+)*$/i, 'a domain such as ".example.com"')
  if (domain) cookie.domain = domain
  cookie.sameSite = check.oneOf(cookieInput.sameSite, 'config.cookie.sameSite', ['Lax', 'Strict', 'None'] as const, 'Lax')

  let ids = Object.keys(categories)
  let config: NormalizedConfig = {
    revision,
    categories,
    cookie,
    consentMode: validateConsentMode(root.consentMode, check, ids),
    ...validatePrivacy(root, check),
    translations: validateTranslations(root.translations, check),
    ui: validateUi(root.ui, check),
    integrations: validateIntegrations(root.integrations, check, ids),
    log: validateLog(root.log, check)
  }
  let language = text(root.language, 'config.language', LANGUAGE, 'a language tag such as "fr" or "pt-BR"')
  if (language) config.language = language
  let policy = text(root.privacyPolicyUrl, 'config.privacyPolicyUrl', SAFE_URL, 'an https:, http:, mailto: or relative URL')
  if (policy) config.privacyPolicyUrl = policy
  return { config, problems }
}
