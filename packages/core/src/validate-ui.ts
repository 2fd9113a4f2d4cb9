import type { Checker, Json } from './checker.js'
import { child } from './checker.js'
import type { TranslationConfig, UiConfig } from './config.js'

/** The text keys of a translation; the banner's English texts have exactly these. */
export const TEXT_KEYS = [
  'title', 'description', 'acceptAll', 'rejectAll', 'customize', 'save', 'close', 'closeNotice',
  'preferencesTitle', 'preferencesDescription', 'privacyPolicy', 'revisionMessage', 'alwaysActive',
  'services', 'cookies', 'cookieName', 'cookieProvider', 'cookieDuration', 'cookieDescription',
  'showDetails', 'saved', 'settings', 'gpcHonored', 'doNotSell', 'placeholderText', 'loadOnce',
  'allowCategory'
] as const

export type TextKey = (typeof TEXT_KEYS)[number]

/** The `ui` settings after validation, every default filled in. */
export interface NormalizedUi {
  layout: 'bar' | 'box' | 'modal'
  position: NonNullable<UiConfig['position']>
  blocking: boolean
  closeButton: boolean
  reopenButton: false | 'bottom-left' | 'bottom-right'
  preloadPanel: boolean
  colorScheme: 'light' | 'dark' | 'auto'
  theme: Record<string, string>
  nonce?: string
}

export const LANGUAGE = /^[a-z]{2,3}(-[a-z\d]{1,8})*$/i
// Theme values go through CSSOM, so they cannot inject rules; url() is refused because loading a
// resource from a theme would reach a third party before consent.
const CSS_VALUE = /^(?![\s\S]*[uU][rR][lL]\()[#\w\s.,%()+\-/]*$/

export function validateTranslations(
  value: unknown,
  { object, text, report }: Checker
): Record<string, TranslationConfig> {
  let result: Record<string, TranslationConfig> = {}
  let all = object(value, 'config.translations')
  for (let language in all) {
    let path = child('config.translations', language)
    if (!LANGUAGE.test(language)) {
      report(path, 'expected a language tag such as "fr" or "pt-BR" as key; ignored')
      continue
    }
    let input = object(all[language], path, [...TEXT_KEYS, 'categories'])
    let texts: TranslationConfig = {}
    for (let key of TEXT_KEYS) {
      let value = text(input[key], child(path, key))
      if (value !== undefined) texts[key] = value
    }
    let categories = object(input.categories, child(path, 'categories'))
      for (let id in categories) {
      let at = child(child(path, 'categories'), id)
      let fields = object(categories[id], at, ['title', 'description'])
      let entry: Json = {}
      for (let key of ['title', 'description']) {
        let value = text(fields[key], child(at, key))
        if (value !== undefined) entry[key] = value
      }
      ;(texts.categories ??= {})[id] = entry
    }
    result[language] = texts
  }
  return result
}

export function validateUi(value: unknown, { object, oneOf, text, report }: Checker): NormalizedUi {
  let input = object(value, 'config.ui', [
    'layout', 'position', 'blocking', 'closeButton', 'reopenButton', 'preloadPanel', 'colorScheme', 'theme', 'nonce'
  ])
  let layout = oneOf(input.layout, 'config.ui.layout', ['bar', 'box', 'modal'] as const, 'bar')
  let positions = layout === 'box' ? (['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const) : (['bottom', 'top'] as const)
  let ui: NormalizedUi = {
    layout,
    position: layout === 'modal' ? 'bottom' : oneOf(input.position, 'config.ui.position', positions, positions[0]),
    blocking: oneOf(input.blocking, 'config.ui.blocking', [true, false], false),
    closeButton: oneOf(input.closeButton, 'config.ui.closeButton', [true, false], false),
    reopenButton: false,
    preloadPanel: true,
    colorScheme: 'auto',
    theme: {}
  }
  let reopen = oneOf(input.reopenButton, 'config.ui.reopenButton', [true, false, 'bottom-left', 'bottom-right'] as const, false)
  ui.reopenButton = reopen === true ? 'bottom-left' : reopen
  ui.preloadPanel = oneOf(input.preloadPanel, 'config.ui.preloadPanel', [true, false], true)
  ui.colorScheme = oneOf(input.colorScheme, 'config.ui.colorScheme', ['auto', 'light', 'dark'] as const, 'auto')
  let theme = object(input.theme, 'config.ui.theme')
  for (let name in theme) {
    let path = child('config.ui.theme', name)
    if (!/^[a-z][a-z\d-]*$/.test(name)) report(path, 'expected a variable name such as "accent"; ignored')
    else {
      let css = text(theme[name], path, CSS_VALUE, 'a CSS value without url(), quotes or semicolons')
      if (css) ui.theme[name] = css
    }
  }
  let nonce = text(input.nonce, 'config.ui.nonce')
  if (nonce) ui.nonce = nonce
  return ui
}
