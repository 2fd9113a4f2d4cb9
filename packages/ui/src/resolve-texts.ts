import type { NormalizedConfig, TranslationConfig } from '@consentry/core'
import { TEXT_KEYS } from '@consentry/core'

import { buildTexts, pickLanguage, SHIPPED_LANGUAGES } from './texts.js'
import type { Texts } from './texts.js'

export interface ResolveTextsOptions {
  /** Forces a language, before `config.language`, `<html lang>` and the browser's languages. */
  language?: string
  /** Loads a shipped translation file, e.g. by `fetch` or `import()`. Without it only English ships. */
  loadTranslation?: (language: string) => Promise<TranslationConfig>
  /** Receives problems, each starting with `consentry: `. @default console.warn */
  onMessage?: (message: string) => void
}

/**
 * Picks the visitor's language and builds its texts: the configured translation over the shipped
 * one, key by key, over English (the only language that needs no request).
 */
export async function resolveTexts(
  config: NormalizedConfig,
  { language: forced, loadTranslation, onMessage = console.warn }: ResolveTextsOptions = {}
): Promise<{ language: string; texts: Texts }> {
  let configured = config.translations
  let candidates = [forced, config.language]
  if (typeof document != 'undefined') candidates.push(document.documentElement.lang, ...navigator.languages)
  let shipped = loadTranslation ? SHIPPED_LANGUAGES : ['en']
  let language = pickLanguage(candidates, [...shipped, ...Object.keys(configured)])
  let own = configured[language]
  let file: TranslationConfig | undefined
  if (language !== 'en' && shipped.includes(language)) {
    try {
      file = await loadTranslation!(language)
    } catch (error) {
      onMessage(`consentry: the "${language}" translation could not be loaded (${String(error)}): showing English`)
      if (!own) language = 'en'
    }
  } else if (own && language !== 'en') {
    let missing = TEXT_KEYS.filter(key => !own[key])
    if (missing.length > 0) {
      onMessage(`consentry: config.translations.${language}: no shipped translation, so these texts are in English: ${missing.join(', ')}`)
    }
  }
  return { language, texts: buildTexts(Object.keys(config.categories), file, own) }
}
