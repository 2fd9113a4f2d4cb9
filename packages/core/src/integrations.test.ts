// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createConsent } from './consent.js'
import { createGate } from './gate.js'
import { integrationCookies, startIntegrations } from './integrations.js'
import { memoryStorage } from './storage/memory-storage.js'
import type { NormalizedIntegrations } from './validate-features.js'

/** A gate whose grants the test gives by hand, recording the scripts it is asked to load. */
function fakeGate() {
  let waiting: { category: string; fn: () => void }[] = []
  let loads: string[] = []
  let fail = new Set<string>()
  return {
    loads,
    fail,
    grant(category: string) {
      for (let entry of waiting.splice(0).filter(item => (item.category === category ? (item.fn(), false) : true))) waiting.push(entry)
    },
    whenGranted(category: string, fn: () => void) {
      let entry = { category, fn }
      waiting.push(entry)
      return () => {
        waiting = waiting.filter(item => item !== entry)
      }
    },
    loadScript(src: string) {
      loads.push(src)
      return fail.has(src) ? Promise.reject(new Error('blocked')) : Promise.resolve()
    }
  }
}

const commands = () =>
  ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map(entry =>
    Object.prototype.toString.call(entry) === '[object Arguments]' ? Array.from(entry as ArrayLike<unknown>) : entry
  )

const all: NormalizedIntegrations = {
  googleAnalytics: { measurementId: 'G-TEST1', category: 'analytics', scriptUrl: '/stub/gtag.js' },
  googleTagManager: { containerId: 'GTM-TEST1', categories: ['analytics', 'marketing'], scriptUrl: '/stub/gtm.js' },
  metaPixel: { pixelId: '123', category: 'marketing', scriptUrl: '/stub/fbevents.js' }
}

afterEach(() => {
  for (let name of ['dataLayer', 'fbq', '_fbq', 'layer']) delete (window as unknown as Record<string, unknown>)[name]
  vi.restoreAllMocks()
})

describe('startIntegrations', () => {
  it('loads nothing before a grant (G-01, CM-09)', () => {
    let gate = fakeGate()
    startIntegrations(gate, all)
    expect(gate.loads).toEqual([])
    expect(commands()).toEqual([])
    expect((window as unknown as { fbq?: unknown }).fbq).toBeUndefined()
  })

  it('starts Google Analytics and Tag Manager once analytics is granted, each once', () => {
    let gate = fakeGate()
    startIntegrations(gate, all)
    gate.grant('analytics')
    gate.grant('marketing')
    expect(gate.loads).toEqual(['/stub/gtag.js?id=G-TEST1', '/stub/gtm.js?id=GTM-TEST1', '/stub/fbevents.js'])
    expect(commands()).toEqual([
      ['js', expect.any(Date)],
      ['config', 'G-TEST1'],
      { 'gtm.start': expect.any(Number), event: 'gtm.js' }
    ])
  })

  it('starts Meta Pixel with its queueing stub once marketing is granted', () => {
    let gate = fakeGate()
    startIntegrations(gate, { metaPixel: all.metaPixel })
    gate.grant('marketing')
    let fbq = (window as unknown as { fbq: { queue: ArrayLike<unknown>[] } }).fbq
    expect(fbq.queue.map(args => Array.from(args))).toEqual([['init', '123'], ['track', 'PageView']])
    expect(gate.loads).toEqual(['/stub/fbevents.js'])
  })

  it('waits for its own service where it names one, not for any service of its category (G-04)', () => {
    let consent = createConsent(
      { categories: { essential: {}, analytics: { services: { ga4: {}, hotjar: {} } }, marketing: { services: { meta: {}, youtube: {} } } } },
      { storage: memoryStorage(), onMessage: () => {} }
    )
    let gate = createGate(consent)
    let loaded = () => [...document.head.querySelectorAll('script')].map(script => script.getAttribute('src'))
    startIntegrations(gate, {
      googleAnalytics: { ...all.googleAnalytics!, service: 'ga4' },
      metaPixel: { ...all.metaPixel!, service: 'meta' }
    })
    consent.setConsent({ analytics: { hotjar: true }, marketing: { youtube: true } })
    expect(loaded()).toEqual([])
    expect((window as unknown as { fbq?: unknown }).fbq).toBeUndefined()
    consent.setConsent({ marketing: { meta: true } })
    expect(loaded()).toEqual(['/stub/fbevents.js'])
    consent.setConsent({ analytics: { ga4: true } })
    expect(loaded()).toEqual(['/stub/fbevents.js', '/stub/gtag.js?id=G-TEST1'])
    gate.stop()
    document.head.replaceChildren()
  })

  it('passes calls on once fbevents.js has replaced the stub, and keeps an existing fbq', () => {
    let calls: unknown[] = []
    let existing = Object.assign((...args: unknown[]) => calls.push(args), { queue: [] })
    ;(window as unknown as { fbq: unknown }).fbq = existing
    let gate = fakeGate()
    startIntegrations(gate, { metaPixel: all.metaPixel })
    gate.grant('marketing')
    expect(calls).toEqual([['init', '123'], ['track', 'PageView']])
  })

  it('names a custom data layer in the script addresses', () => {
    let gate = fakeGate()
    startIntegrations(gate, all, 'layer')
    gate.grant('analytics')
    expect(gate.loads).toEqual(['/stub/gtag.js?id=G-TEST1&l=layer', '/stub/gtm.js?id=GTM-TEST1&l=layer'])
  })

  it('reports a tag that could not load and carries on', async () => {
    let gate = fakeGate()
    gate.fail.add('/stub/gtag.js?id=G-TEST1')
    let messages: string[] = []
    startIntegrations(gate, all, 'dataLayer', message => messages.push(message))
    gate.grant('analytics')
    await Promise.resolve()
    expect(messages).toEqual(['consentry: /stub/gtag.js?id=G-TEST1 could not be loaded (blocked or offline)'])
    expect(gate.loads).toContain('/stub/gtm.js?id=GTM-TEST1')
  })

  it('cancels what has not loaded yet', () => {
    let gate = fakeGate()
    let stop = startIntegrations(gate, all)
    stop()
    gate.grant('analytics')
    gate.grant('marketing')
    expect(gate.loads).toEqual([])
  })
})

describe('integrationCookies', () => {
  it('maps each vendor cookie preset to the category that gates it (T-05)', () => {
    expect(integrationCookies(all)).toEqual({
      analytics: { cookies: ['_ga', '/^_ga_/', '_gid', '/^_gat/', '/^_dc_gtm_/', '/^_gac_/'] },
      marketing: { cookies: ['/^_gcl_/', '_fbp', '_fbc'] }
    })
    expect(integrationCookies({})).toEqual({})
  })

  it('keys the preset of a vendor that names its service by "category.service" (T-05, G-04)', () => {
    expect(integrationCookies({ metaPixel: { ...all.metaPixel!, service: 'meta' }, googleAnalytics: all.googleAnalytics })).toEqual({
      analytics: { cookies: ['_ga', '/^_ga_/', '_gid', '/^_gat/', '/^_dc_gtm_/', '/^_gac_/'] },
      'marketing.meta': { cookies: ['_fbp', '_fbc'] }
    })
  })
})
