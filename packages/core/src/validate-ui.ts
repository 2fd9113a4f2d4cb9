import type { Checker, Reader } from './checker.js'
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

/** The `translations`: per language tag, texts by key and category texts by category id. */
export const readTranslations =
  ({ fields, keyed, str }: Checker): Reader<Record<string, TranslationConfig>> =>
  (value, path) => {
    let text = str()
    let readers: Record<string, Reader> = {}
    for (let key of TEXT_KEYS) readers[key] = text
    readers.categories = (value, path) => {
      let categories = keyed(value, path, (entry, _id, at) => fields(entry, at, { title: text, description: text }), /(?:)/, '', 'an object')
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
  ({ fields, keyed, text, one, str }: Checker): Reader<NormalizedUi> =>
  (value, path) => {
    let bool = (fallback: boolean) => one([true, false], fallback)
    let layout: NormalizedUi['layout']
    return fields<NormalizedUi>(value, path, {
      layout: (value, path) => (layout = one(['bar', 'box', 'modal'] as const, 'bar')(value, path)),
      position: (value, path) => {
        let positions = layout === 'box' ? (['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const) : (['bottom', 'top'] as const)
        return layout === 'modal' ? 'bottom' : one<string>(positions, positions[0])(value, path)
      },
      blocking: bool(false),
      closeButton: bool(false),
      reopenButton: (value, path) => {
        let reopen = one([true, false, 'bottom-left', 'bottom-right'] as const, false)(value, path)
        return reopen === true ? 'bottom-left' : reopen
      },
      preloadPanel: bool(true),
      colorScheme: one(['auto', 'light', 'dark'] as const, 'auto'),
      theme: (value, path) =>
        keyed(
          value,
          path,
          (css, _name, at) => text(css, at, CSS_VALUE, 'a CSS value without url(), quotes or semicolons'),
          /^[a-z][a-z\d-]*$/,
          'expected a variable name such as "accent"; ignored',
          'an object'
        ),
      nonce: str()
    })
  }
