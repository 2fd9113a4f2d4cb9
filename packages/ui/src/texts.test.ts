import { describe, expect, it } from 'vitest'

import en from './translations/en.json'
import fr from './translations/fr.json'
import { buildTexts, fill, isRtl, pickLanguage, SHIPPED_LANGUAGES } from './texts.js'

describe('pickLanguage', () => {
  it('takes the first candidate that has texts, matching a region to its language', () => {
    expect(pickLanguage([undefined, 'fr-CA', 'de'], SHIPPED_LANGUAGES)).toBe('fr')
    expect(pickLanguage(['ja', 'DE-at'], SHIPPED_LANGUAGES)).toBe('de')
    expect(pickLanguage(['pt-BR'], [...SHIPPED_LANGUAGES, 'pt-BR'])).toBe('pt-BR')
  })

  it('falls back to English', () => {
    expect(pickLanguage(['ja', null, ''], SHIPPED_LANGUAGES)).toBe('en')
    expect(pickLanguage([], SHIPPED_LANGUAGES)).toBe('en')
  })
})

describe('buildTexts', () => {
  it('layers a partial translation over the shipped one, key by key, over English', () => {
    let texts = buildTexts(['essential', 'analytics'], fr, { title: 'Vos choix', categories: { analytics: { title: 'Statistiques' } } })
    expect(texts.title).toBe('Vos choix')
    expect(texts.acceptAll).toBe(fr.acceptAll)
    expect(texts.categories.analytics).toEqual({ title: 'Statistiques', description: fr.categories.analytics.description })
    expect(texts.categories.essential).toEqual(fr.categories.essential)
  })

  it('names a category without texts by its id', () => {
    expect(buildTexts(['social']).categories.social).toEqual({ title: 'social', description: '' })
  })

  it('is English without layers', () => {
    let texts = buildTexts(['marketing'])
    expect(texts.rejectAll).toBe(en.rejectAll)
    expect(texts.categories.marketing).toEqual(en.categories.marketing)
  })
})

describe('fill', () => {
  it('puts parts in the place of known placeholders and keeps everything else as text', () => {
    let link = { type: 'a' }
    expect(fill('Read our {policyLink} or {other}.', { policyLink: link })).toEqual(['Read our ', link, ' or ', '{other}', '.'])
    expect(fill('<b>{x}</b>', { x: 'y' })).toEqual(['<b>', 'y', '</b>'])
  })
})

describe('isRtl', () => {
  it('knows right-to-left scripts', () => {
    expect(['ar', 'he', 'fa', 'ar-EG'].map(isRtl)).toEqual([true, true, true, true])
    expect(['en', 'fr', 'arn', 'hr'].map(isRtl)).toEqual([false, false, false, false])
  })
})

describe('shipped translations', () => {
  it('have exactly the English keys', async () => {
    let keys = (texts: object): string[] =>
      Object.entries(texts).flatMap(([key, value]) =>
        typeof value == 'object' ? keys(value).map(inner => `${key}.${inner}`) : [key]
      )
    for (let language of SHIPPED_LANGUAGES) {
      let texts = (await import(`./translations/${language}.json`)).default
      expect(keys(texts).sort(), language).toEqual(keys(en).sort())
    }
  })
})
