// Google Consent Mode v2 from the built drop-in in Chromium (CM-01..CM-09, G-08): every entry
// pushed to window.dataLayer is recorded from an init script, in order, with whether each gtag
// command is an Arguments object. The Google tags are local stubs: nothing leaves the machine.
import type { Page } from 'playwright-core'
import { describe, expect } from 'vitest'

import { consentState, isBootstrap, labels, layer, recordDataLayer, recordRequests, settle, waitForRan } from './gating-harness.js'
import type { LayerEntry, Requests } from './gating-harness.js'
import { bannerRegion, preferencesDialog, useBrowser, waitForCookie, whenReady } from './harness.js'
import type { Open } from './harness.js'

const suite = useBrowser()
const it = suite.it

const PAGE = '/gating/consent-mode.html'
const DEFAULT = ['consent', 'default', { ...consentState(), wait_for_update: 500 }]
const REDACTION = ['set', 'ads_data_redaction', true]
const REFUSED = { essential: true, analytics: false, preferences: false, marketing: false }
const GRANTED = { essential: true, analytics: true, preferences: true, marketing: true }
const GOOGLE_STUBS = ['/gating/stub-gtag.js?id=G-TEST1', '/gating/stub-gtm.js?id=GTM-TEST1']

/** Every gtag command was pushed as an Arguments object, none as an array (CM-02). */
function expectArguments(entries: LayerEntry[]): void {
  let commands = entries.filter(entry => entry.type !== 'object')
  expect(commands.length).toBeGreaterThan(0)
  expect(commands.filter(entry => entry.type !== 'arguments')).toEqual([])
}

const stubRequests = (requests: Requests): string[] => requests.paths().filter(path => path.startsWith('/gating/stub-'))

/** The entries with this label, by value. */
const values = (entries: LayerEntry[], label: string): unknown[] =>
  entries.filter((_, index) => labels(entries)[index] === label).map(entry => entry.value)

/** A fresh context that records the data layer and every request. */
async function openRecorded(open: Open): Promise<{ page: Page; requests: Requests }> {
  let { page, context } = await open()
  await recordDataLayer(context)
  return { page, requests: recordRequests(context) }
}

describe('Google Consent Mode v2', () => {
  it('CM-01..CM-04, CM-08: first visit: default (seven keys, wait_for_update 500), ads_data_redaction, consentry_default, and nothing from Google', async ({
    open
  }) => {
    let { page, requests } = await openRecorded(open)
    // Plain data-config without data-consent-mode: the default is pushed once the config is in.
    await page.goto(suite.server.page({ config: '/gating/consent-mode.json' }))
    await whenReady(page)
    await bannerRegion(page).waitFor()
    await settle(page)

    let entries = await layer(page)
    expect(labels(entries)).toEqual(['consent default', 'set ads_data_redaction', 'event:consentry_default'])
    expect(entries.map(entry => entry.value)).toEqual([
      DEFAULT,
      REDACTION,
      { event: 'consentry_default', consentry: { categories: REFUSED, method: null } }
    ])
    expectArguments(entries)
    expect(stubRequests(requests)).toEqual([])
    expect(requests.external()).toEqual([])
  })

  it('CM-01: with data-consent-mode the default is the first entry though the config arrives later, before a page push after the drop-in', async ({
    open
  }) => {
    let { page } = await openRecorded(open)
    let release!: () => void
    let released = new Promise<void>(resolve => (release = resolve))
    await page.route(
      url => url.pathname === '/gating/consent-mode.json',
      async route => {
        await released
        await route.continue()
      }
    )
    await page.goto(suite.server.url(PAGE), { waitUntil: 'domcontentloaded' })
    // The page is parsed, its own push is done, the configuration has not arrived.
    expect(await page.evaluate(() => window.Consentry!.consent)).toBeUndefined()
    let entries = await layer(page)
    expect(labels(entries)).toEqual(['consent default', 'set ads_data_redaction', 'event:page'])
    expect(entries[0].value).toEqual(DEFAULT)

    release()
    await whenReady(page)
    entries = await layer(page)
    // Not pushed a second time once the configuration is in.
    expect(labels(entries)).toEqual(['consent default', 'set ads_data_redaction', 'event:page', 'event:consentry_default'])
    expectArguments(entries)
  })

  it('CM-01: with data-consent-mode and no configuration yet, the default goes out at once; a later Consentry.init(url) adds the rest', async ({
    open
  }) => {
    let { page } = await openRecorded(open)
    let url = suite.server.page({
      config: null,
      attributes: 'data-consent-mode',
      body: '<p>Page</p><script>window.dataLayer.push({ event: "page" })</script>'
    })
    await page.goto(url)
    expect(await page.evaluate(() => window.Consentry!.consent)).toBeUndefined()
    expect(labels(await layer(page))).toEqual(['consent default', 'set ads_data_redaction', 'event:page'])
    expect((await layer(page))[0].value).toEqual(DEFAULT)

    await page.evaluate(() => window.Consentry!.init('/gating/consent-mode.json'))
    await whenReady(page)
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 2)
    let entries = await layer(page)
    // One default only, and the update before the tags it allows.
    expect(labels(entries).filter(label => label === 'consent default')).toHaveLength(1)
    expect(labels(entries).slice(0, 4)).toEqual(['consent default', 'set ads_data_redaction', 'event:page', 'event:consentry_default'])
    expect(labels(entries)).toContain('consent update')
    expectArguments(entries)
  })

  it('CM-02: a data layer the site made before the drop-in is kept, with its entries first', async ({ open }) => {
    let { page } = await openRecorded(open)
    await page.goto(suite.server.url('/gating/consent-mode-existing.html'))
    await whenReady(page)
    await page.evaluate(() => window.Consentry!.acceptAll())
    await waitForRan(page, 3)
    expect(await page.evaluate(() => window.dataLayer === (window as { __siteLayer?: unknown }).__siteLayer)).toBe(true)
    let names = labels(await layer(page))
    expect(names.slice(0, 4)).toEqual(['event:site-early', 'consent default', 'set ads_data_redaction', 'event:consentry_default'])
    expect(names.filter(name => name.startsWith('consent '))).toEqual(['consent default', 'consent update'])
  })

  it('CM-07, CM-09: Accept all pushes one complete update and consentry_update, and only then the GTM and gtag bootstrap', async ({
    open
  }) => {
    let { page, requests } = await openRecorded(open)
    await page.goto(suite.server.url(PAGE))
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 3)
    await settle(page)

    let entries = await layer(page)
    let names = labels(entries)
    // One update per decision, with every type explicit.
    expect(values(entries, 'consent update')).toEqual([['consent', 'update', consentState(['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage'])]])
    expect(values(entries, 'event:consentry_update')).toEqual([
      { event: 'consentry_update', consentry: { categories: GRANTED, method: 'accept-all' } }
    ])
    expect(names.filter(isBootstrap).sort()).toEqual(['config G-TEST1', 'event:gtm.js', 'js'])
    expect(names).toEqual([
      'consent default',
      'set ads_data_redaction',
      'event:page',
      'event:consentry_default',
      'consent update',
      'event:consentry_update',
      ...names.filter(isBootstrap)
    ])
    expectArguments(entries)
    expect(stubRequests(requests).sort()).toEqual(['/gating/stub-fbevents.js', ...GOOGLE_STUBS])
    expect(requests.external()).toEqual([])
  })

  it('CM-09: Reject all pushes a denied update and no bootstrap; Google is never requested, also after a reload', async ({ open }) => {
    let { page, requests } = await openRecorded(open)
    await page.goto(suite.server.url(PAGE))
    await bannerRegion(page).getByRole('button', { name: 'Reject all' }).click()
    await waitForCookie(page)
    await settle(page)

    let entries = await layer(page)
    expect(labels(entries)).toEqual([
      'consent default',
      'set ads_data_redaction',
      'event:page',
      'event:consentry_default',
      'consent update',
      'event:consentry_update'
    ])
    expect(entries[4].value).toEqual(['consent', 'update', consentState()])

    await page.reload()
    await whenReady(page)
    await settle(page)
    entries = await layer(page)
    expect(labels(entries)).toEqual(['consent default', 'set ads_data_redaction', 'event:page', 'consent update', 'event:consentry_default'])
    expect(entries[3].value).toEqual(['consent', 'update', consentState()])
    expectArguments(entries)
    expect(stubRequests(requests)).toEqual([])
    expect(requests.external()).toEqual([])
  })

  it('CM-06: a returning visitor gets default, update with the stored choice and consentry_default before gtm.js, js and config', async ({
    open
  }) => {
    let { page, requests } = await openRecorded(open)
    await page.goto(suite.server.url(PAGE))
    await whenReady(page)
    await page.evaluate(() => window.Consentry!.setConsent({ analytics: true }))
    await waitForCookie(page)
    await waitForRan(page, 2)

    let mark = requests.urls.length
    await page.reload()
    await whenReady(page)
    await waitForRan(page, 2)
    await settle(page)
    let entries = await layer(page)
    let names = labels(entries)
    expect(values(entries, 'consent update')).toEqual([['consent', 'update', consentState(['analytics_storage'])]])
    expect(names.filter(isBootstrap).sort()).toEqual(['config G-TEST1', 'event:gtm.js', 'js'])
    expect(names).toEqual([
      'consent default',
      'set ads_data_redaction',
      'event:page',
      'consent update',
      'event:consentry_default',
      ...names.filter(isBootstrap)
    ])
    expectArguments(entries)
    expect(GOOGLE_STUBS.map(path => requests.count(path, mark))).toEqual([1, 1])
    expect(requests.count('/gating/stub-fbevents.js', mark)).toBe(0)
  })

  it('G-08, CM-07: withdrawing everything from the panel pushes one update with denied values', async ({ open }) => {
    let { page, requests } = await openRecorded(open)
    await page.goto(suite.server.url(PAGE))
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 3)

    await page.getByRole('link', { name: 'Cookie settings' }).click()
    await preferencesDialog(page).getByRole('button', { name: 'Reject all' }).click()
    await page.waitForFunction(() => window.__layer!.filter(entry => (entry.value as { event?: string }).event === 'consentry_update').length === 2)
    await settle(page)

    let entries = await layer(page)
    let updates = values(entries, 'consent update')
    expect(updates).toHaveLength(2)
    expect(updates[1]).toEqual(['consent', 'update', consentState()])
    expect(values(entries, 'event:consentry_update')[1]).toEqual({
      event: 'consentry_update',
      consentry: { categories: REFUSED, method: 'reject-all' }
    })
    // The last entries are the withdrawal's: no new bootstrap after it.
    expect(labels(entries).slice(-2)).toEqual(['consent update', 'event:consentry_update'])
    expectArguments(entries)
    expect(stubRequests(requests)).toHaveLength(3)
  })

  it('CM-05: region defaults from an inline config come before the global default', async ({ open }) => {
    let { page, requests } = await openRecorded(open)
    await page.goto(suite.server.url('/gating/consent-mode-regions.html'))
    await whenReady(page)
    await settle(page)

    let entries = await layer(page)
    expect(labels(entries)).toEqual([
      'consent default',
      'consent default',
      'set ads_data_redaction',
      'event:page',
      'event:consentry_default'
    ])
    expect(entries[0].value).toEqual(['consent', 'default', { ...consentState(['analytics_storage']), region: ['US-CA', 'US-NY'] }])
    expect(entries[1].value).toEqual(['consent', 'default', { ...consentState(), wait_for_update: 800 }])
    expectArguments(entries)
    expect(stubRequests(requests)).toEqual([])
  })

  it('CM-05: with data-consent-mode and a fetched config, the region defaults of the config are pushed too', async ({ open }) => {
    let { page } = await openRecorded(open)
    await page.goto(suite.server.page({ config: '/gating/consent-mode-regions.json', attributes: 'data-consent-mode' }))
    await whenReady(page)

    let entries = await layer(page)
    let defaults = values(entries, 'consent default')
    expect(defaults).toContainEqual(['consent', 'default', { ...consentState(['analytics_storage']), region: ['US-CA', 'US-NY'] }])
    expect(defaults).toContainEqual(DEFAULT)
  })
})
