import { isObject } from './checker.js'
import type { Checker, Reader } from './checker.js'
import type { TranslationConfig, UiConfig } from './config.js'

/** The text keys of a translation; the banner's English texts have exactly these. */
export const TEXT_KEYS = [
  'title', 'description', 'acceptAll', 'rejectAll', 'customize', 'save', 'close', 'closeNotice',
  'preferencesTitle', 'preferencesDescription', 'privacyPolicy', 'revisionMessage', 'alwaysActive',
  'services', 'cookies', 'cookieName', 'cookieProvider', 'cookieDuration', 'cookieDescription',
  'cookieThirdParty', 'yes', 'no', 'showDetails', 'saved', 'settings', 'gpcHonored', 'doNotSell', 'placeholderText', 'loadOnce',
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

/** The `translations`: per language tag, texts by key and category texts by category id. */
export const readTranslations =
  ({ fields, keyed, text }: Checker): Reader<Record<string, TranslationConfig>> =>
  (value, path) => {
    let readers: Record<string, Reader> = {}
    for (let key of TEXT_KEYS) readers[key] = text
    /** Texts keyed by an id of the configuration (any key: a cookie's name may be a "/regex/"). */
    let byId =
      (read: Record<string, Reader>): Reader =>
      (value, path) =>
        keyed(value, path, (entry, _id, at) => fields(entry, at, read), /(?:)/, '', 'an object')
    let cookies = byId({ provider: text, duration: text, description: text })
    readers.categories = (value, path) => {
      let categories = byId({
        title: text,
        description: text,
        services: byId({ label: text, description: text, cookies }),
        cookies
      })(value, path) as Record<string, unknown>
      return Object.keys(categories).length > 0 ? categories : undefined
    }
    return keyed(
      value,
      path,
      (texts, _language, at) => fields<TranslationConfig>(texts, at, readers),
      LANGUAGE,
      'expected a language tag such as "fr" or "pt-BR" as key; ignored',
      'an object'
    )
  }

export const readUi =
  ({ fields, keyed, text, one }: Checker): Reader<NormalizedUi> =>
  (value, path) => {
    let bool = one([true, false])
    let layout = isObject(value) ? value.layout : undefined
    let positions = layout === 'box' ? (['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const) : (['bottom', 'top'] as const)
    let ui = fields<NormalizedUi>(
      value,
      path,
      {
        layout: one(['bar', 'box', 'modal']),
        // A modal sits in the middle: a position given for it is ignored.
        position: layout === 'modal' ? () => undefined : one<string>(positions),
        blocking: bool,
        closeButton: bool,
        reopenButton: (value, path) => {
          let reopen = one([true, false, 'bottom-left', 'bottom-right'])(value, path)
          return reopen === true ? 'bottom-left' : reopen
        },
        preloadPanel: bool,
        colorScheme: one(['auto', 'light', 'dark']),
        theme: (value, path) =>
          keyed(
            value,
            path,
            (css, _name, at) => text(css, at, CSS_VALUE, 'a CSS value without url(), quotes or semicolons'),
            /^[a-z][a-z\d-]*$/,
            'expected a variable name such as "accent"; ignored',
            'an object'
          ),
        nonce: text
      },
      { layout: 'bar', position: positions[0], blocking: false, closeButton: false, reopenButton: false, preloadPanel: true, colorScheme: 'auto', theme: {} }
    )
    if (ui.layout === 'modal') ui.position = 'bottom'
    return ui
  }
