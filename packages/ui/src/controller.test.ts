import { createConsent, memoryStorage } from '@consentry/core'
import { describe, expect, it } from 'vitest'

import { createUiController } from './controller.js'

const config = {
  categories: {
    essential: {},
    analytics: { services: { ga4: {}, hotjar: {} } },
    marketing: {}
  }
}

const setup = (storage = memoryStorage()) => {
  let consent = createConsent(config, { storage, onMessage: () => {} })
  return { consent, ui: createUiController(consent, 'Saved.') }
}

describe('createUiController', () => {
  it('shows the first layer only while the visitor is undecided', () => {
    let storage = memoryStorage()
    expect(setup(storage).ui.$view.get().banner).toBe(true)
    setup(storage).consent.rejectAll()
    expect(setup(storage).ui.$view.get().banner).toBe(false)
  })

  it("closes the first layer after the engine's listeners: the gate starts the tags before the banner's closing work", () => {
    let { consent, ui } = setup()
    let seen: boolean[] = []
    consent.on('change', () => seen.push(ui.$view.get().banner))
    ui.acceptAll()
    expect(seen).toEqual([true])
    expect(ui.$view.get()).toMatchObject({ banner: false, panel: false, status: 'Saved.' })
    // A decision made elsewhere still closes it.
    let other = setup()
    other.consent.rejectAll()
    expect(other.ui.$view.get().banner).toBe(false)
    other.consent.reset()
    expect(other.ui.$view.get().banner).toBe(true)
  })

  it('opens the panel with nothing optional ticked before a choice (G-03)', () => {
    let { ui } = setup()
    ui.showPreferences()
    expect(ui.$view.get()).toMatchObject({
      panel: true,
      draft: {
        categories: { essential: true, analytics: false, marketing: false },
        services: { analytics: { ga4: false, hotjar: false } }
      }
    })
  })

  it('opens the panel with the current choice after one', () => {
    let { consent, ui } = setup()
    consent.setConsent({ analytics: { ga4: true } })
    ui.showPreferences()
    expect(ui.$view.get().draft).toEqual({
      categories: { essential: true, analytics: true, marketing: false },
      services: { analytics: { ga4: true, hotjar: false } }
    })
  })

  it('flips a category with its services, and a service on its own', () => {
    let { ui } = setup()
    ui.showPreferences()
    ui.toggle('analytics', true)
    expect(ui.$view.get().draft.services.analytics).toEqual({ ga4: true, hotjar: true })
    ui.toggle('analytics', false, 'ga4')
    ui.toggle('analytics', false, 'hotjar')
    expect(ui.$view.get().draft.categories.analytics).toBe(false)
    ui.toggle('analytics', true, 'hotjar')
    expect(ui.$view.get().draft.categories.analytics).toBe(true)
    ui.toggle('essential', false)
    expect(ui.$view.get().draft.categories.essential).toBe(true)
  })

  it('saves exactly the switches, announces it and closes everything (G-04)', () => {
    let { consent, ui } = setup()
    ui.showPreferences()
    ui.toggle('analytics', true, 'hotjar')
    ui.save()
    expect(consent.$record.get()).toMatchObject({
      method: 'custom',
      categories: { essential: true, analytics: true, marketing: false },
      services: { analytics: { ga4: false, hotjar: true } }
    })
    expect(ui.$view.get()).toMatchObject({ banner: false, panel: false, status: 'Saved.' })
  })

  it('treats saving with nothing switched on as a refusal (R-04)', () => {
    let { consent, ui } = setup()
    ui.showPreferences()
    ui.save()
    expect(consent.$record.get()?.categories).toEqual({ essential: true, analytics: false, marketing: false })
  })

  it('discards unsaved switches when the panel closes (A-03)', () => {
    let { consent, ui } = setup()
    ui.showPreferences()
    ui.toggle('marketing', true)
    ui.closePreferences()
    expect(consent.$record.get()).toBeNull()
    expect(ui.$view.get()).toMatchObject({ banner: true, panel: false })
    ui.showPreferences()
    expect(ui.$view.get().draft.categories.marketing).toBe(false)
  })

  it('passes the layer a decision was taken on to the record, and none when not told (G-10)', () => {
    let { consent, ui } = setup()
    ui.acceptAll('first')
    expect(consent.$record.get()).toMatchObject({ method: 'accept-all', uiLayer: 'first' })
    ui.showPreferences()
    ui.save('second')
    expect(consent.$record.get()).toMatchObject({ method: 'custom', uiLayer: 'second' })
    ui.dismiss('first')
    expect(consent.$record.get()).toMatchObject({ method: 'dismiss', uiLayer: 'first' })
    ui.optOut('first')
    expect(consent.$record.get()).toMatchObject({ method: 'opt-out', uiLayer: 'first' })
    ui.rejectAll()
    expect(consent.$record.get()?.method).toBe('reject-all')
    expect(consent.$record.get()).not.toHaveProperty('uiLayer')
  })

  it('records the close button as a dismissal (R-08)', () => {
    let { consent, ui } = setup()
    ui.dismiss()
    expect(consent.$record.get()).toMatchObject({ method: 'dismiss', categories: { analytics: false, marketing: false } })
  })

  it('follows decisions made elsewhere: hides on a decision, shows again on reset', () => {
    let { consent, ui } = setup()
    ui.showPreferences()
    consent.acceptAll()
    expect(ui.$view.get()).toMatchObject({ banner: false, panel: false })
    consent.reset()
    expect(ui.$view.get().banner).toBe(true)
  })

  it('shows the first layer again on request, and hides it after the new choice', () => {
    let { ui } = setup()
    ui.acceptAll()
    ui.showBanner()
    expect(ui.$view.get().banner).toBe(true)
    ui.rejectAll()
    expect(ui.$view.get()).toMatchObject({ banner: false, status: 'Saved.' })
  })

  it('shows no banner in opt-out regions, where one click opts out of sale and sharing (R-11)', () => {
    let consent = createConsent({ ...config, mode: 'opt-out' }, { storage: memoryStorage(), onMessage: () => {} })
    let ui = createUiController(consent, 'Saved.')
    expect(ui.$view.get().banner).toBe(false)
    ui.optOut()
    expect(consent.$record.get()).toMatchObject({ method: 'opt-out', categories: { essential: true, analytics: true, marketing: false } })
    expect(ui.$view.get().status).toBe('Saved.')
    consent.reset()
    expect(ui.$view.get().banner).toBe(false)
  })
})
