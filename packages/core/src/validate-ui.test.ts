import { describe, expect, it } from 'vitest'

import { validateConfig } from './validate.js'

const messages = (input: unknown): string[] => validateConfig(input).problems.map(problem => problem.message)

describe('config.ui', () => {
  it('fills the defaults: a bottom bar, no blocking, no close or reopen button, panel preloaded, automatic colours', () => {
    expect(validateConfig({}).config.ui).toEqual({
      layout: 'bar',
      position: 'bottom',
      blocking: false,
      closeButton: false,
      reopenButton: false,
      preloadPanel: true,
      colorScheme: 'auto',
      theme: {}
    })
  })

  it('keeps valid settings', () => {
    let { config, problems } = validateConfig({
      ui: {
        layout: 'box',
        position: 'top-left',
        blocking: true,
        closeButton: true,
        reopenButton: 'bottom-right',
        preloadPanel: false,
        colorScheme: 'dark',
        theme: { accent: '#7b1fa2', radius: '12px', font: 'Georgia, serif', shadow: '0 2px 8px rgba(0,0,0,.3)' },
        nonce: 'r4nd0m'
      }
    })
    expect(problems).toEqual([])
    expect(config.ui).toEqual({
      layout: 'box',
      position: 'top-left',
      blocking: true,
      closeButton: true,
      reopenButton: 'bottom-right',
      preloadPanel: false,
      colorScheme: 'dark',
      theme: { accent: '#7b1fa2', radius: '12px', font: 'Georgia, serif', shadow: '0 2px 8px rgba(0,0,0,.3)' },
      nonce: 'r4nd0m'
    })
  })

  it('puts a reopen button given as true bottom-left, and a box bottom-right', () => {
    expect(validateConfig({ ui: { reopenButton: true, layout: 'box' } }).config.ui).toMatchObject({
      reopenButton: 'bottom-left',
      position: 'bottom-right'
    })
  })

  it('reports bad values by path and uses the defaults', () => {
    expect(
      messages({
        ui: {
          layout: 'popup',
          position: 'middle',
          blocking: 'yes',
          closeButton: 1,
          reopenButton: 'left',
          preloadPanel: 'idle',
          colorScheme: 'night',
          theme: { accent: 'url(https://tracker.example/p.gif)', 'Bad Name': 'red', text: 'red; background: red', bg: 'expression(x)"' },
          nonce: '',
          width: 300
        }
      })
    ).toEqual([
      'config.ui.width: unknown key, ignored (known keys: layout, position, blocking, closeButton, reopenButton, preloadPanel, colorScheme, theme, nonce)',
      'config.ui.layout: expected "bar", "box" or "modal", got "popup"',
      'config.ui.position: expected "bottom" or "top", got "middle"',
      'config.ui.blocking: expected true or false, got "yes"',
      'config.ui.closeButton: expected true or false, got 1',
      'config.ui.reopenButton: expected true, false, "bottom-left" or "bottom-right", got "left"',
      'config.ui.preloadPanel: expected true or false, got "idle"',
      'config.ui.colorScheme: expected "auto", "light" or "dark", got "night"',
      'config.ui.theme.accent: expected a CSS value without url(), quotes or semicolons, got "url(https://tracker.example/p.gif)"',
      'config.ui.theme["Bad Name"]: expected a variable name such as "accent"; ignored',
      'config.ui.theme.text: expected a CSS value without url(), quotes or semicolons, got "red; background: red"',
      'config.ui.theme.bg: expected a CSS value without url(), quotes or semicolons, got "expression(x)\\""',
      'config.ui.nonce: expected a non-empty string, got ""'
    ])
  })

  it('checks a box position against the box corners', () => {
    expect(messages({ ui: { layout: 'box', position: 'top' } })).toEqual([
      'config.ui.position: expected "bottom-right", "bottom-left", "top-right" or "top-left", got "top"'
    ])
  })
})

describe('config.translations', () => {
  it('keeps partial texts per language, categories included', () => {
    let { config, problems } = validateConfig({
      translations: {
        fr: { title: 'Vos choix', categories: { analytics: { title: "Mesure d'audience" } } },
        'pt-BR': { acceptAll: 'Aceitar' }
      }
    })
    expect(problems).toEqual([])
    expect(config.translations).toEqual({
      fr: { title: 'Vos choix', categories: { analytics: { title: "Mesure d'audience" } } },
      'pt-BR': { acceptAll: 'Aceitar' }
    })
  })

  it('keeps HTML-looking texts as plain strings (the banner shows them as text)', () => {
    let hostile = '<img src=x onerror=alert(1)>'
    expect(validateConfig({ translations: { en: { title: hostile } } }).config.translations.en.title).toBe(hostile)
  })

  it('reports bad languages, unknown keys and non-string texts', () => {
    expect(
      messages({
        translations: {
          english: { title: 'x' },
          fr: { titel: 'x', save: 42, categories: { analytics: { name: 'x', title: '' }, marketing: 'Marketing' } },
          de: 'Deutsch'
        }
      })
    ).toEqual([
      'config.translations.english: expected a language tag such as "fr" or "pt-BR" as key; ignored',
      expect.stringMatching(/^config\.translations\.fr\.titel: unknown key, ignored \(known keys: title, description, .*, categories\)$/),
      'config.translations.fr.save: expected a non-empty string, got 42',
      'config.translations.fr.categories.analytics.name: unknown key, ignored (known keys: title, description, services, cookies)',
      'config.translations.fr.categories.analytics.title: expected a non-empty string, got ""',
      'config.translations.fr.categories.marketing: expected an object, got "Marketing"',
      'config.translations.de: expected an object, got "Deutsch"'
    ])
  })

  it('keeps the services\' and cookies\' texts of a language, and names a bad one by its path', () => {
    let fr = {
      categories: {
        essential: {
          cookies: { consentry: { duration: '6 mois', description: 'Mémorise vos choix' } },
          services: { account: { label: 'Compte client', cookies: { '/^sess_/': { duration: 'Session' } } } }
        }
      }
    }
    expect(validateConfig({ translations: { fr } }).config.translations.fr).toEqual(fr)
    expect(
      messages({
        translations: {
          fr: { categories: { essential: { services: { account: { label: 3, name: 'x' } }, cookies: { consentry: { duration: '', lifetime: '6 mois' } } } } }
        }
      })
    ).toEqual([
      'config.translations.fr.categories.essential.services.account.name: unknown key, ignored (known keys: label, description, cookies)',
      'config.translations.fr.categories.essential.services.account.label: expected a non-empty string, got 3',
      'config.translations.fr.categories.essential.cookies.consentry.lifetime: unknown key, ignored (known keys: provider, duration, description)',
      'config.translations.fr.categories.essential.cookies.consentry.duration: expected a non-empty string, got ""'
    ])
  })
})
