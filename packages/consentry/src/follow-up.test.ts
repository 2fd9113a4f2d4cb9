// @vitest-environment happy-dom
import { createConsent, createConsentFrom, memoryStorage, validateStart } from '@consentry/core'
import { buildTexts } from '@consentry/ui'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { startFollowUp } from './follow-up.js'
import type { MissedChange } from './follow-up.js'

const config = {
  categories: { essential: {}, analytics: { cookies: ['_ga'] }, marketing: { storage: ['ad-id'] } },
  log: { endpoint: '/api/consent' },
  reloadOnWithdraw: true
}

let events: string[]
/** What the banner was drawn in: the placeholders use the same. */
const shownIn = { texts: buildTexts(Object.keys(config.categories)), language: 'en' }

beforeEach(() => {
  events = []
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    events.push(url === '/consent/cookie' ? 'refresh' : `log ${JSON.parse(init.body as string).action}`)
    return new Response(null, { status: 204 })
  }))
  vi.spyOn(location, 'reload').mockImplementation(() => void events.push('reload'))
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  localStorage.clear()
  sessionStorage.clear()
  document.cookie = '_ga=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT'
})

/** Makes decisions with nobody following up, as the first file does while this module loads. */
function decideUnheard(consent: ReturnType<typeof createConsent>, ...steps: (() => void)[]): MissedChange[] {
  let missed: MissedChange[] = []
  let stop = consent.on('change', (record, previous) => missed.push([record, previous]))
  for (let step of steps) step()
  stop()
  return missed
}

describe('startFollowUp', () => {
  it('logs the missed decisions in order, then the live ones (G-10)', async () => {
    let consent = createConsent(config, { storage: memoryStorage() })
    let missed = decideUnheard(consent, () => consent.acceptAll(), () => consent.setConsent({ marketing: false }))
    let { stop } = startFollowUp(consent, { shown: { config: consent.config }, missed, ...shownIn })
    consent.rejectAll()
    await vi.waitFor(() => expect(events.filter(event => event.startsWith('log'))).toEqual(['log accept-all', 'log withdraw', 'log withdraw']))
    stop()
    consent.acceptAll()
    await new Promise(resolve => setTimeout(resolve, 10))
    expect(events.filter(event => event.startsWith('log'))).toHaveLength(3)
  })

  it('asks the server to refresh the cookie of the latest decision only, then of each live one (T-03)', async () => {
    let consent = createConsent({ ...config, cookie: { refreshUrl: '/consent/cookie' } }, { storage: memoryStorage() })
    let missed = decideUnheard(consent, () => consent.acceptAll(), () => consent.rejectAll())
    startFollowUp(consent, { shown: {}, missed, ...shownIn })
    await vi.waitFor(() => expect(events.filter(event => event === 'refresh')).toHaveLength(1))
    consent.acceptAll()
    await vi.waitFor(() => expect(events.filter(event => event === 'refresh')).toHaveLength(2))
  })

  it('clears what a missed withdrawal took back, and reloads only after logging it (T-05, G-10)', async () => {
    let consent = createConsent(config, { storage: memoryStorage() })
    let missed = decideUnheard(consent, () => consent.acceptAll())
    document.cookie = '_ga=GA1.1.7; path=/'
    localStorage.setItem('ad-id', '42')
    missed.push(...decideUnheard(consent, () => consent.rejectAll()))
    startFollowUp(consent, { shown: {}, missed, ...shownIn })
    expect(document.cookie).not.toContain('_ga=')
    expect(localStorage.getItem('ad-id')).toBeNull()
    // The withdrawal's entry went out (queued in localStorage until answered) before the reload.
    expect(events.indexOf('reload')).toBeGreaterThan(events.indexOf('log withdraw'))
    expect(events.filter(event => event === 'reload')).toHaveLength(1)
  })

  it('runs the tags of a live grant in its own task, and logs and sweeps after it (INP)', async () => {
    document.body.innerHTML = '<script type="text/plain" data-category="analytics">window.ranTag = 1</script>'
    try {
      let consent = createConsent(config, { storage: memoryStorage() })
      let { stop } = startFollowUp(consent, { shown: {}, ...shownIn })
      document.cookie = '_ga=GA1.1.7; path=/'
      consent.setConsent({ analytics: true })
      // The gate acted within the decision's task; the log has not been called yet.
      expect(document.body.querySelectorAll('script:not([type])')).toHaveLength(1)
      expect(fetch).not.toHaveBeenCalled()
      consent.rejectAll()
      expect(document.cookie).toContain('_ga=')
      await vi.waitFor(() => expect(events).toEqual(['log custom', 'log withdraw', 'reload']))
      expect(document.cookie).not.toContain('_ga=')
      stop()
    } finally {
      document.body.replaceChildren()
    }
  })

  it('logs and sweeps a live decision at once when the page is hidden, as the visitor leaves (G-10)', () => {
    vi.stubGlobal('requestIdleCallback', () => {})
    let consent = createConsent(config, { storage: memoryStorage() })
    let { stop } = startFollowUp(consent, { shown: {}, ...shownIn })
    consent.acceptAll()
    document.cookie = '_ga=GA1.1.7; path=/'
    consent.rejectAll()
    expect(events).toEqual([])
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    document.dispatchEvent(new Event('visibilitychange'))
    expect(events).toEqual(['log accept-all', 'log withdraw', 'reload'])
    expect(document.cookie).not.toContain('_ga=')
    stop()
  })

  it('stop() still logs what was decided before it, then nothing more', () => {
    vi.stubGlobal('requestIdleCallback', () => {})
    let consent = createConsent(config, { storage: memoryStorage() })
    let { stop } = startFollowUp(consent, { shown: {}, ...shownIn })
    consent.acceptAll()
    stop()
    consent.rejectAll()
    expect(events).toEqual(['log accept-all'])
  })

  it('without a log endpoint still clears, and sends nothing', () => {
    let consent = createConsent({ categories: config.categories }, { storage: memoryStorage() })
    consent.acceptAll()
    document.cookie = '_ga=GA1.1.7; path=/'
    let missed = decideUnheard(consent, () => consent.rejectAll())
    startFollowUp(consent, { shown: {}, missed, ...shownIn })
    expect(document.cookie).not.toContain('_ga=')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('starts the gate on the decision in force: a grant missed while it loaded runs its tags now (T-01)', () => {
    document.body.innerHTML = '<script type="text/plain" data-category="analytics">window.ranTag = 1</script>'
    try {
      let consent = createConsent({ categories: config.categories }, { storage: memoryStorage() })
      let missed = decideUnheard(consent, () => consent.acceptAll())
      let { gate, stop } = startFollowUp(consent, { shown: {}, missed, ...shownIn })
      expect(document.body.querySelectorAll('script:not([type])')).toHaveLength(1)
      let ran: string[] = []
      gate.whenGranted('marketing', () => ran.push('marketing'))
      expect(ran).toEqual(['marketing'])
      stop()
    } finally {
      document.body.replaceChildren()
    }
  })

  it('checks integrations that the start left unread, reports them by JSON path and fills the configuration', () => {
    let warnings: string[] = []
    vi.spyOn(console, 'warn').mockImplementation(message => void warnings.push(String(message)))
    let input = {
      categories: { essential: {}, analytics: {}, marketing: { services: { meta: {} } } },
      integrations: { googleAnalytics: { measurementId: 'G-ABC123' }, metaPixel: { pixelId: '42', service: 'tiktok' } }
    }
    let validation = validateStart(input)
    let consent = createConsentFrom(validation, { storage: memoryStorage() })
    expect(consent.config.integrations).toEqual({})
    let { stop } = startFollowUp(consent, { shown: {}, ...shownIn, integrations: validation.integrations })
    expect(warnings).toEqual(['consentry: config.integrations.metaPixel.service: expected a service of "marketing", got "tiktok"'])
    expect(consent.config.integrations).toEqual({
      googleAnalytics: { measurementId: 'G-ABC123', category: 'analytics', scriptUrl: 'https://www.googletagmanager.com/gtag/js' },
      metaPixel: { pixelId: '42', category: 'marketing', scriptUrl: 'https://connect.facebook.net/en_US/fbevents.js' }
    })
    stop()
  })
})
