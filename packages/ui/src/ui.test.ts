// @vitest-environment happy-dom
import { createConsent, memoryStorage } from '@consentry/core'
import type { ConsentStorage } from '@consentry/core'
import { fireEvent, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createUi, loadPanel } from './mount.js'
import type { UiHandle } from './mount.js'
import { buildTexts } from './texts.js'
import ar from './translations/ar.json'
import german from './translations/de.json'

const config = {
  privacyPolicyUrl: '/privacy',
  categories: {
    essential: { cookies: [{ name: 'session', provider: 'Shop', duration: 'Session', description: 'Sign-in' }] },
    analytics: {
      services: {
        ga4: { label: 'Google Analytics', description: 'Audience', cookies: [{ name: '/^_ga/', provider: 'Google', duration: '13 months' }] }
      }
    },
    preferences: {},
    marketing: { services: { meta: { label: 'Meta Pixel' }, ads: { label: 'Google Ads' } } }
  }
}

let handles: UiHandle[] = []
let root: ShadowRoot
let screen: ReturnType<typeof within>

/** Mounts the whole UI (banner in the DOM, the panel's code loaded on first use) and queries inside its shadow root. */
function setup(
  input: Record<string, unknown> = config,
  { storage = memoryStorage(), language = 'en', file = undefined as object | undefined, gpc = false } = {}
) {
  let consent = createConsent(input, { storage, onMessage: () => {}, gpc })
  let texts = buildTexts(Object.keys(consent.config.categories), file, consent.config.translations[language])
  let ui = createUi(consent, { texts, language, loadPanel })
  handles.push(ui)
  root = ui.host.shadowRoot as ShadowRoot
  screen = within(root as unknown as HTMLElement)
  return { consent, ui }
}

/** Clicks a button that opens the panel and waits for its code to load. */
async function openPanel(name = 'Customize'): Promise<HTMLElement> {
  fireEvent.click(screen.getByRole('button', { name }))
  return screen.findByRole('dialog', { name: 'Cookie preferences' })
}

const banner = () => screen.getByRole('region', { name: 'We value your privacy' })
const panel = () => screen.getByRole('dialog', { name: 'Cookie preferences' })

afterEach(() => {
  for (let handle of handles.splice(0)) handle.destroy()
  document.body.replaceChildren()
})

describe('the first layer', () => {
  it('is a labelled region with the policy link and three real buttons (R-01, R-03)', () => {
    setup()
    let region = banner()
    expect(within(region).getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy')
    expect(within(region).getAllByRole('button').map(button => button.textContent)).toEqual(['Accept all', 'Reject all', 'Customize'])
    for (let button of within(region).getAllByRole('button')) {
      expect(button.tagName).toBe('BUTTON')
      expect(button.className).toBe('cc-btn')
    }
  })

  it('refuses in one click, announces it and goes away (R-04)', () => {
    let { consent } = setup()
    fireEvent.click(screen.getByRole('button', { name: 'Reject all' }))
    expect(consent.$record.get()).toMatchObject({ method: 'reject-all', categories: { analytics: false, marketing: false } })
    expect(screen.queryByRole('region')).toBeNull()
    expect(screen.getByRole('status').textContent).toBe('Your cookie choices have been saved.')
  })

  it('accepts everything in one click', () => {
    let { consent } = setup()
    fireEvent.click(screen.getByRole('button', { name: 'Accept all' }))
    expect(consent.$record.get()?.categories).toEqual({ essential: true, analytics: true, preferences: true, marketing: true })
  })

  it('does not show once the visitor has decided', () => {
    let storage = memoryStorage()
    createConsent(config, { storage }).acceptAll()
    setup(config, { storage })
    expect(screen.queryByRole('region')).toBeNull()
  })

  it('says the policy changed when asked again after a revision bump (G-11)', () => {
    let storage = memoryStorage()
    createConsent(config, { storage }).acceptAll()
    setup({ ...config, revision: 2 }, { storage })
    expect(within(banner()).getByText('Our cookie policy has changed since your last visit. Please review your choices.')).toBeTruthy()
  })

  it('does not say so on a first visit', () => {
    setup()
    expect(screen.queryByText(/has changed/)).toBeNull()
  })

  it('offers a close button that records a refusal, and says so (R-08)', () => {
    let { consent } = setup({ ...config, ui: { closeButton: true } })
    expect(within(banner()).getByText('Closing this notice rejects all optional cookies.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(consent.$record.get()).toMatchObject({ method: 'dismiss', categories: { analytics: false } })
  })

  it('places the policy link where the text says {policyLink}', () => {
    setup({ ...config, translations: { en: { description: 'See our {policyLink} first.' } } })
    let text = within(banner()).getByText(/See our/)
    expect(text.textContent).toBe('See our Privacy policy first.')
    expect(within(text).getByRole('link').textContent).toBe('Privacy policy')
  })

  it('shows no link without a privacy policy address', () => {
    setup({ categories: config.categories, translations: { en: { description: 'See our {policyLink}.' } } })
    expect(screen.queryByRole('link')).toBeNull()
    expect(within(banner()).getByText('See our .')).toBeTruthy()
  })

  it('becomes a dialog when the page must be blocked', () => {
    setup({ ...config, ui: { blocking: true } })
    expect(screen.queryByRole('region')).toBeNull()
    expect(root.querySelector('dialog.cc-banner')?.getAttribute('aria-labelledby')).toBe('cc-title')
  })

  it('reopens a blocking first layer that the browser closed on Escape (G-02)', async () => {
    let { consent } = setup({ ...config, ui: { blocking: true } })
    let dialog = root.querySelector('dialog.cc-banner') as HTMLDialogElement
    expect(dialog.open).toBe(true)
    dialog.close()
    await waitFor(() => expect(dialog.open).toBe(true))
    expect(consent.$record.get()).toBeNull()
  })

  it('renders hostile texts as text, never as HTML', () => {
    let hostile = '<img src=x onerror="window.hacked=1"><b>bold</b>'
    setup({ ...config, translations: { en: { title: hostile, categories: { analytics: { title: hostile } } } } })
    expect(screen.getByRole('region', { name: hostile })).toBeTruthy()
    expect(root.querySelector('img, b')).toBeNull()
  })
})

describe('the preferences panel', () => {
  it('opens from Customize as a dialog labelled by its heading (A-01)', async () => {
    setup()
    await openPanel()
    let dialog = panel()
    expect(dialog.tagName).toBe('DIALOG')
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe('Cookie preferences')
  })

  it('ticks no optional switch before a choice, and shows essential as always active (G-03, A-06)', async () => {
    setup()
    await openPanel()
    let switches = within(panel()).getAllByRole('switch')
    let byName = Object.fromEntries(
      switches.map(element => [
        element.getAttribute('aria-labelledby'),
        { checked: (element as HTMLInputElement).checked, disabled: (element as HTMLInputElement).disabled }
      ])
    )
    expect(byName).toEqual({
      'cc-c-essential': { checked: true, disabled: true },
      'cc-c-analytics': { checked: false, disabled: false },
      'cc-s-analytics-ga4': { checked: false, disabled: false },
      'cc-c-preferences': { checked: false, disabled: false },
      'cc-c-marketing': { checked: false, disabled: false },
      'cc-s-marketing-meta': { checked: false, disabled: false },
      'cc-s-marketing-ads': { checked: false, disabled: false }
    })
    let essential = within(panel()).getByRole('switch', { name: 'Essential' })
    expect(essential.getAttribute('aria-describedby')).toBe('cc-a-essential')
    expect(root.getElementById('cc-a-essential')?.textContent).toBe('Always active')
  })

  it('saves exactly the switched-on categories (G-04)', async () => {
    let { consent } = setup()
    await openPanel()
    fireEvent.click(within(panel()).getByRole('switch', { name: 'Analytics' }))
    expect((within(panel()).getByRole('switch', { name: 'Google Analytics' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }))
    expect(consent.$record.get()).toMatchObject({
      method: 'custom',
      categories: { essential: true, analytics: true, preferences: false, marketing: false },
      services: { analytics: { ga4: true }, marketing: { meta: false, ads: false } }
    })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('status').textContent).toBe('Your cookie choices have been saved.')
  })

  it('lets one service be granted alone', async () => {
    let { consent } = setup()
    await openPanel()
    fireEvent.click(within(panel()).getByRole('switch', { name: 'Meta Pixel' }))
    expect((within(panel()).getByRole('switch', { name: 'Marketing' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }))
    expect(consent.$record.get()?.services.marketing).toEqual({ meta: true, ads: false })
  })

  it('treats Save with nothing switched on as a refusal (R-04)', async () => {
    let { consent } = setup()
    await openPanel()
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }))
    expect(consent.$record.get()).toMatchObject({ method: 'custom', categories: { analytics: false, preferences: false, marketing: false } })
  })

  it('offers Accept all and Reject all too, in the same order as the first layer (R-09)', async () => {
    setup()
    await openPanel()
    let actions = within(panel()).getAllByRole('button').map(button => button.textContent)
    expect(actions).toEqual(['Accept all', 'Reject all', 'Save choices', '×'])
  })

  it('closes without saving from its close button (A-03)', async () => {
    let { consent } = setup()
    await openPanel()
    fireEvent.click(within(panel()).getByRole('switch', { name: 'Marketing' }))
    fireEvent.click(within(panel()).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(consent.$record.get()).toBeNull()
    expect(banner()).toBeTruthy()
  })

  it('closes without saving on Escape (the dialog cancel event)', async () => {
    let { consent } = setup()
    await openPanel()
    let cancel = new Event('cancel', { cancelable: true })
    fireEvent(panel(), cancel)
    expect(cancel.defaultPrevented).toBe(true)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(consent.$record.get()).toBeNull()
  })

  it('follows the browser when it closes the panel itself', async () => {
    let { consent } = setup()
    await openPanel()
    ;(panel() as HTMLDialogElement).close()
    await waitFor(() => expect(root.querySelector('dialog.cc-panel')).toBeNull())
    expect(consent.$record.get()).toBeNull()
  })

  it('says the GPC signal is honoured and locks marketing off (P-02, R-12)', async () => {
    let { consent } = setup(config, { gpc: true })
    await openPanel()
    let marketing = within(panel()).getByRole('switch', { name: 'Marketing' }) as HTMLInputElement
    expect(marketing.checked).toBe(false)
    expect(marketing.disabled).toBe(true)
    expect(root.getElementById(marketing.getAttribute('aria-describedby') as string)?.textContent).toBe(
      'Your Global Privacy Control signal is honored: marketing cookies stay off.'
    )
    expect((within(panel()).getByRole('switch', { name: 'Meta Pixel' }) as HTMLInputElement).disabled).toBe(true)
    fireEvent.click(within(panel()).getByRole('button', { name: 'Accept all' }))
    expect(consent.$record.get()?.categories.marketing).toBe(false)
  })

  it('lists services and each cookie with name, provider, duration and purpose (G-05)', async () => {
    setup()
    await openPanel()
    let tables = within(panel()).getAllByRole('table')
    let rows = tables.map(table => within(table).getAllByRole('row').map(row => within(row).queryAllByRole('cell').map(cell => cell.textContent)))
    expect(rows).toEqual([
      [[], ['session', 'Shop', 'Session', 'Sign-in']],
      [[], ['_ga*', 'Google', '13 months', '']]
    ])
    expect(within(tables[1]).getAllByRole('columnheader').map(cell => cell.textContent)).toEqual(['Name', 'Provider', 'Duration', 'Purpose'])
  })

  it('shows services and cookie details in the visitor\'s language where the configuration translates them (G-05)', async () => {
    let translated = {
      ...config,
      translations: {
        de: {
          categories: {
            essential: { cookies: { session: { duration: 'Sitzung', description: 'Anmeldung' } } },
            analytics: { services: { ga4: { label: 'Google Analytics (Reichweite)', cookies: { '/^_ga/': { duration: '13 Monate' } } } } }
          }
        }
      }
    }
    let { consent } = setup(translated, { language: 'de', file: german })
    fireEvent.click(screen.getByRole('button', { name: 'Anpassen' }))
    let dialog = await screen.findByRole('dialog')
    let rows = within(dialog)
      .getAllByRole('table')
      .map(table => within(table).getAllByRole('row').slice(1).map(row => within(row).getAllByRole('cell').map(cell => cell.textContent)))
    // What is not translated shows as configured: the provider, the service's description.
    expect(rows).toEqual([
      [['session', 'Shop', 'Sitzung', 'Anmeldung']],
      [['_ga*', 'Google', '13 Monate', '']]
    ])
    expect(within(dialog).getByRole('switch', { name: 'Google Analytics (Reichweite)' })).toBeTruthy()
    expect(within(dialog).getByText('Audience')).toBeTruthy()
    // Texts are only shown: the decision still names the configured ids.
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Google Analytics (Reichweite)' }))
    fireEvent.click(within(dialog).getByRole('button', { name: german.save }))
    expect(consent.$record.get()?.services.analytics).toEqual({ ga4: true })
  })

  it('says whether third parties can read a cookie where the configuration tells, in the visitor\'s language (G-05)', async () => {
    let cookies = [
      { name: '_ga', provider: 'Google', thirdParty: true },
      { name: 'lang', provider: 'Shop', thirdParty: false },
      { name: 'ab', provider: 'Shop' }
    ]
    setup({ ...config, categories: { essential: {}, analytics: { cookies } } }, { language: 'de', file: german })
    fireEvent.click(screen.getByRole('button', { name: 'Anpassen' }))
    let dialog = await screen.findByRole('dialog')
    let table = within(dialog).getByRole('table')
    expect(within(table).getAllByRole('columnheader').map(cell => cell.textContent)).toEqual([
      'Name', 'Anbieter', 'Speicherdauer', 'Zweck', 'Zugriff durch Dritte'
    ])
    expect(within(table).getAllByRole('row').slice(1).map(row => within(row).getAllByRole('cell').map(cell => cell.textContent))).toEqual([
      ['_ga', 'Google', '', '', 'Ja'],
      ['lang', 'Shop', '', '', 'Nein'],
      ['ab', 'Shop', '', '', '']
    ])
  })

  it('keeps Tab inside the dialog at both ends (A-02)', async () => {
    setup()
    await openPanel()
    let dialog = panel()
    let close = within(dialog).getByRole('button', { name: 'Close' })
    close.focus()
    fireEvent.keyDown(dialog, { key: 'Tab' })
    expect(root.activeElement?.textContent).toBe('Privacy policy')
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true })
    expect(root.activeElement).toBe(close)
    let focusBefore = root.activeElement
    fireEvent.keyDown(dialog, { key: 'Enter' })
    expect(root.activeElement).toBe(focusBefore)
  })
})

describe('the Global Privacy Control notice (R-12)', () => {
  const optOut = { ...config, mode: 'opt-out', ui: { reopenButton: true } }
  const notice = () => screen.queryByRole('region', { name: 'Your Global Privacy Control signal is honored: marketing cookies stay off.' })

  afterEach(() => sessionStorage.clear())

  it('says in an opt-out region that the signal was honored, with the way to the settings', async () => {
    let { consent } = setup(optOut, { gpc: true })
    expect(consent.$record.get()).toMatchObject({ method: 'gpc', categories: { marketing: false } })
    expect(notice()).not.toBeNull()
    expect(screen.queryByRole('region', { name: 'We value your privacy' })).toBeNull()
    // The notice carries the settings button; the floating one would repeat it.
    expect(screen.getAllByRole('button', { name: 'Cookie settings' })).toHaveLength(1)
    await openPanel('Cookie settings')
    expect(notice()).toBeNull()
  })

  it('closes for the rest of the session', () => {
    setup(optOut, { gpc: true })
    fireEvent.click(within(notice()!).getByRole('button', { name: 'Close' }))
    expect(notice()).toBeNull()
    expect(screen.getByRole('button', { name: 'Cookie settings' }).getAttribute('part')).toBe('reopen')
    setup(optOut, { gpc: true })
    expect(notice()).toBeNull()
  })

  it('is not shown without the signal, nor where the banner asks first (opt-in)', () => {
    let session = vi.spyOn(window, 'sessionStorage', 'get')
    setup(optOut)
    expect(notice()).toBeNull()
    // Pages where it cannot show do not even open sessionStorage.
    expect(session).not.toHaveBeenCalled()
    session.mockRestore()
    setup(config, { gpc: true })
    expect(notice()).toBeNull()
    expect(screen.getByRole('region', { name: 'We value your privacy' })).toBeTruthy()
  })
})

describe('the page around it', () => {
  it('shows the floating reopen button after a choice, which opens the panel (G-07)', async () => {
    setup({ ...config, ui: { reopenButton: true } })
    expect(screen.queryByRole('button', { name: 'Cookie settings' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Accept all' }))
    await openPanel('Cookie settings')
    expect((within(panel()).getByRole('switch', { name: 'Analytics' }) as HTMLInputElement).checked).toBe(true)
  })

  it('sets lang and a right-to-left direction for Arabic (A-11)', () => {
    setup(config, { language: 'ar', file: ar })
    let element = root.querySelector('.cc-root') as HTMLElement
    expect(element.getAttribute('lang')).toBe('ar')
    expect(element.getAttribute('dir')).toBe('rtl')
    expect(screen.getByRole('button', { name: ar.acceptAll })).toBeTruthy()
  })

  it('applies theme variables from the configuration and the colour scheme class', () => {
    setup({ ...config, ui: { colorScheme: 'dark', theme: { accent: '#7b1fa2' } } })
    let element = root.querySelector('.cc-root') as HTMLElement
    expect(element.style.getPropertyValue('--consentry-accent')).toBe('#7b1fa2')
    expect(element.classList.contains('cc-dark')).toBe(true)
  })

  it('keeps working when the cookie cannot be stored', () => {
    let blocked: ConsentStorage = { read: () => [], write: () => false, clear: () => {} }
    let { consent } = setup(config, { storage: blocked })
    fireEvent.click(screen.getByRole('button', { name: 'Accept all' }))
    expect(consent.hasConsent('analytics')).toBe(true)
    expect(screen.queryByRole('region')).toBeNull()
  })
})
