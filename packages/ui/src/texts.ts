import type { CategoryTexts, TextKey, TranslationConfig } from '@consentry/core'

import en from './translations/en.json'

/**
 * Every text of the banner and panel in one language, after fallbacks. A category's `services` and
 * `cookies` are only what the configuration translates; the rest shows as configured.
 */
export type Texts = Record<TextKey, string> & {
  categories: Record<string, Required<Pick<CategoryTexts, 'title' | 'description'>> & Pick<CategoryTexts, 'services' | 'cookies'>>
}

/** Languages with a shipped translation file (`translations/<code>.json`). */
export const SHIPPED_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'ar']

const RTL = /^(ar|he|fa|ur|yi|ps|sd|ckb|dv)(-|$)/i

export const isRtl = (language: string): boolean => RTL.test(language)

export { en as english }

/**
 * The language to show: the configured one, else the page's `<html lang>`, else the browser's
 * preferred ones; the first that has texts (shipped or configured), matching `fr-CA` to `fr`.
 */
export function pickLanguage(
  candidates: (string | null | undefined)[],
  available: string[]
): string {
  let lower = available.map(code => code.toLowerCase())
  for (let candidate of candidates) {
    if (!candidate) continue
    let code = candidate.toLowerCase()
    for (let tag of [code, code.split('-')[0]]) {
      let index = lower.indexOf(tag)
      if (index >= 0) return available[index]
    }
  }
  return 'en'
}

/**
 * Builds the texts of one language: the configured translation over the shipped one, key by key,
 * over English. Category titles default to the category id.
 */
export function buildTexts(
  categoryIds: string[],
  ...layers: (TranslationConfig | undefined)[]
): Texts {
  let texts = { ...(en as unknown as Texts), categories: {} } as Texts
  for (let layer of layers) {
    if (!layer) continue
    for (let key in layer) if (key !== 'categories') texts[key as TextKey] = layer[key as TextKey] as string
  }
  for (let id of categoryIds) {
    let entry = { title: id, description: '' }
    for (let layer of [en as TranslationConfig, ...layers]) Object.assign(entry, layer?.categories?.[id])
    texts.categories[id] = entry
  }
  return texts
}

/**
 * Splits a text at `{name}` placeholders and puts the given parts (strings or elements) in their
 * place: the text stays text, so HTML in it is shown as written, never interpreted.
 */
export function fill<T>(text: string, parts: Record<string, T>): (string | T)[] {
  return text.split(/(\{\w+\})/).map(piece => {
    let name = piece.slice(1, -1)
    return piece[0] === '{' && name in parts ? parts[name] : piece
  })
}

/**
 * Loads a shipped translation with a dynamic import, so bundlers split each language into its
 * own chunk and a page downloads only its own. The drop-in script fetches JSON files instead.
 */
export const loadShippedTranslation = async (language: string): Promise<TranslationConfig> =>
  (await import(`./translations/${language}.json`)).default
