import { child, isObject } from './checker.js'
import type { ConfigProblem } from './checker.js'
import type { NormalizedConfig } from './config.js'

/** The vendor integrations that set analytics or advertising cookies, with their names in messages. */
const VENDORS = { googleAnalytics: 'Google Analytics', googleTagManager: 'Google Tag Manager', metaPixel: 'the Meta Pixel' } as const

/**
 * The checks that belong at build time rather than in every visitor's browser. The
 * strictly-necessary exemption (G-09): each cookie declared in a required category carries a
 * `description` saying why it is strictly necessary, and no vendor integration (Google Analytics,
 * Google Tag Manager, the Meta Pixel) is gated by a required category, where it would load without
 * consent. Granularity (G-04): Google Analytics or the Meta Pixel in a category with services
 * names its own `service`, or it would load when any service of the category is granted.
 * `consentry validate` runs them after `validateConfig`; the runtime does not, to keep them out of
 * the page's bytes.
 * @param input The configuration as written, for the JSON paths.
 * @param config What `validateConfig(input)` made of it, for what is required.
 * @example
 * let { config, problems } = validateConfig(input)
 * problems.push(...lintConfig(input, config))
 */
export function lintConfig(input: unknown, config: NormalizedConfig): ConfigProblem[] {
  let problems: ConfigProblem[] = []
  let report = (path: string, text: string, requirement = 'G-09'): void =>
    void problems.push({ path, message: `${path}: ${text} (${requirement})` })
  let required = (id: string): boolean => Object.hasOwn(config.categories, id) && config.categories[id].required
  let written = isObject(input) && isObject(input.categories) ? input.categories : {}

  /** The cookies a category or service declares, each with its path, as written. */
  let justify = (holder: unknown, path: string): void => {
    if (!isObject(holder) || !Array.isArray(holder.cookies)) return
    holder.cookies.forEach((cookie, index) => {
      let description = isObject(cookie) ? cookie.description : undefined
      if (typeof description != 'string' || !description.trim()) {
        report(child(child(path, 'cookies'), index), 'a cookie set without consent needs a "description" that says why it is strictly necessary')
      }
    })
  }
  for (let id in config.categories) {
    if (!config.categories[id].required || !Object.hasOwn(written, id)) continue
    let category = written[id]
    let path = child('config.categories', id)
    justify(category, path)
    let services = isObject(category) && isObject(category.services) ? category.services : {}
    for (let service in config.categories[id].services) {
      if (Object.hasOwn(services, service)) justify(services[service], child(child(path, 'services'), service))
    }
  }

  let integrations = isObject(input) && isObject(input.integrations) ? input.integrations : {}
  for (let vendor of Object.keys(VENDORS) as (keyof typeof VENDORS)[]) {
    let settings = config.integrations[vendor]
    if (!settings) continue
    let path = child('config.integrations', vendor)
    let written = isObject(integrations[vendor]) ? integrations[vendor] : {}
    let list = 'categories' in settings
    for (let id of 'categories' in settings ? settings.categories : [settings.category]) {
      if (!required(id)) continue
      // A category left to its default is not in the file: the path then names the vendor.
      let index = Array.isArray(written.categories) ? written.categories.indexOf(id) : -1
      let at = list ? (index < 0 ? path : child(child(path, 'categories'), index)) : 'category' in written ? child(path, 'category') : path
      report(at, `"${id}" is a required category: ${VENDORS[vendor]} would load without consent`)
    }
    if ('category' in settings && !settings.service && !required(settings.category)) {
      let services = Object.keys(config.categories[settings.category]?.services ?? {})
      if (services.length > 0) {
        let text = `"${settings.category}" has services (${services.join(', ')}): name the one ${VENDORS[vendor]} is in "service", or it loads when any of them is granted`
        report(path, text, 'G-04')
      }
    }
  }
  return problems
}
