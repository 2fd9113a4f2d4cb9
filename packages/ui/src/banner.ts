import { el } from './dom.js'
import { actionList, withPolicyLink } from './layer.js'
import type { LayerProps } from './layer.js'

/** The privacy-policy link and the description around it. */
export function description({ consent, texts }: Omit<LayerProps, 'ui'>, text: string, id: string): HTMLElement {
  let url = consent.config.privacyPolicyUrl
  return el('p', { id, part: 'text' }, withPolicyLink(text, url ? el('a', { href: url, part: 'link' }, texts.privacyPolicy) : ''))
}

/**
 * The first layer: a labelled region, or a modal dialog when `ui.blocking` is on. Escape, scroll
 * and clicks outside do nothing here: silence is not consent (G-02). Plain DOM, so the banner
 * shows without the panel's code (Preact), which loads when the visitor asks for it.
 */
export function createBanner({ consent, ui, texts }: LayerProps, position: string): HTMLElement {
  let { layout, blocking, closeButton } = consent.config.ui
  let changed = !consent.$isDecided.get() && (consent.stale === 'revision' || consent.stale === 'added')
  let banner: HTMLElement = el(
    blocking ? 'dialog' : 'section',
    {
      class: `cc-banner cc-${layout} cc-${position}`,
      part: 'banner',
      'aria-labelledby': 'cc-title',
      'aria-describedby': 'cc-text',
      oncancel: (event: Event) => event.preventDefault(),
      // Browsers may close a modal dialog on Escape even when `cancel` is prevented (no user
      // activation yet): a blocking banner reopens, since only a choice may dismiss it (G-02).
      onclose: () => banner.isConnected && (banner as HTMLDialogElement).showModal()
    },
    el(
      'div',
      { class: closeButton ? 'cc-inner cc-has-close' : 'cc-inner' },
      el('h2', { id: 'cc-title', part: 'title', tabindex: blocking && -1 }, texts.title),
      changed && el('p', { class: 'cc-note', part: 'note' }, texts.revisionMessage),
      description({ consent, texts }, texts.description, 'cc-text'),
      closeButton && el('p', { class: 'cc-note', part: 'note' }, texts.closeNotice),
      el(
        'div',
        { class: 'cc-actions', part: 'actions' },
        actionList(ui, texts, 'customize').map(([part, label, action]) =>
          el('button', { type: 'button', class: 'cc-btn', part: `button ${part}`, onclick: action }, label)
        )
      )
    ),
    closeButton && el('button', { type: 'button', class: 'cc-close', part: 'close', 'aria-label': texts.close, onclick: ui.dismiss }, '×')
  )
  return banner
}

/**
 * in an opt-out region a Global Privacy Control signal opts the visitor out without asking,
 * and the site must say that it was honoured. A small notice, not a banner: nothing to decide.
 */
export function createGpcNotice({ ui, texts }: Omit<LayerProps, 'consent'>, close: () => void): HTMLElement {
  return el(
    'section',
    { class: 'cc-notice', part: 'notice', 'aria-labelledby': 'cc-gpc-notice' },
    el('p', { id: 'cc-gpc-notice', part: 'text' }, texts.gpcHonored),
    el('button', { type: 'button', class: 'cc-btn', part: 'button settings', onclick: ui.showPreferences }, texts.settings),
    el('button', { type: 'button', class: 'cc-close', part: 'close', 'aria-label': texts.close, onclick: close }, '×')
  )
}
