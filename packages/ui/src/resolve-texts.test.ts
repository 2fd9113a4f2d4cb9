// @vitest-environment happy-dom
import { validateConfig } from '@consentry/core'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { resolveTexts } from './resolve-texts.js'
import de from './translations/de.json'
import fr from './translations/fr.json'

const config = (input: unknown = {}) => validateConfig(input).config
const files: Record<string, object> = { fr, de }
const loadTranslation = vi.fn(async (language: string) => {
  if (!files[language]) throw new Error('HTTP 404')
  return files[language]
})

afterEach(() => {
  document.documentElement.lang = ''
  vi.restoreAllMocks()
  loadTranslation.mockClear()
})

describe('resolveTexts', () => {
  it('uses the page language and loads its shipped file', async () => {
    document.documentElement.lang = 'fr-FR'
    let { language, texts } = await resolveTexts(config(), { loadTranslation })
    expect(language).toBe('fr')
    expect(texts.acceptAll).toBe(fr.acceptAll)
    expect(loadTranslation).toHaveBeenCalledWith('fr')
  })

  it('prefers the forced language, then config.language, then the page, then the browser', async () => {
    document.documentElement.lang = 'fr'
    expect((await resolveTexts(config({ language: 'de' }), { loadTranslation, language: 'fr' })).language).toBe('fr')
    expect((await resolveTexts(config({ language: 'de' }), { loadTranslation })).language).toBe('de')
    document.documentElement.lang = ''
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ja', 'de-CH'])
    expect((await resolveTexts(config(), { loadTranslation })).language).toBe('de')
  })

  it('needs no request for English', async () => {
    let { language, texts } = await resolveTexts(config({ translations: { en: { title: 'Cookies?' } } }), { loadTranslation })
    expect(language).toBe('en')
    expect(texts.title).toBe('Cookies?')
    expect(loadTranslation).not.toHaveBeenCalled()
  })

  it('falls back to English and says why when a translation cannot be loaded', async () => {
    document.documentElement.lang = 'it'
    let messages: string[] = []
    let { language, texts } = await resolveTexts(config(), { loadTranslation, onMessage: message => messages.push(message) })
    expect(language).toBe('en')
    expect(texts.acceptAll).toBe('Accept all')
    expect(messages).toEqual(['consentry: the "it" translation could not be loaded (Error: HTTP 404): showing English'])
  })

  it('keeps a configured translation when its shipped file fails', async () => {
    let { language, texts } = await resolveTexts(config({ language: 'it', translations: { it: { title: 'Privacy' } } }), {
      loadTranslation,
      onMessage: () => {}
    })
    expect(language).toBe('it')
    expect(texts.title).toBe('Privacy')
  })

  it('shows a language that is only configured, naming the texts it lacks', async () => {
    let messages: string[] = []
    let { language, texts } = await resolveTexts(config({ language: 'ja', translations: { ja: { title: '同意' } } }), {
      onMessage: message => messages.push(message)
    })
    expect(language).toBe('ja')
    expect(texts.title).toBe('同意')
    expect(texts.acceptAll).toBe('Accept all')
    expect(messages[0]).toMatch(/^consentry: config\.translations\.ja: no shipped translation, so these texts are in English: description, acceptAll, /)
  })

  it('offers only English and configured languages without a loader', async () => {
    document.documentElement.lang = 'fr'
    expect((await resolveTexts(config())).language).toBe('en')
  })
})
