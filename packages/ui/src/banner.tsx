import type { Consent } from '@consentry/core'
import { h } from 'preact'

import type { UiController } from './controller.js'
import type { Texts } from './texts.js'
import { fill } from './texts.js'

export interface LayerProps {
  consent: Consent
  ui: UiController
  texts: Texts
}

/** The privacy-policy link, and the description with the link in its `{policyLink}` place. */
export function Description({ consent, texts, text, id }: Omit<LayerProps, 'ui'> & { text: string; id: string }) {
  let url = consent.config.privacyPolicyUrl
  let link = url ? (
    <a href={url} part="link">
      {texts.privacyPolicy}
    </a>
  ) : (
    ''
  )
  return (
    <p id={id} part="text">
      {fill(text, { policyLink: link })}
      {link && !text.includes('{policyLink}') ? [' ', link] : null}
    </p>
  )
}

/** Three real buttons of one style: refusing is as easy and as visible as accepting (R-01..R-04). */
export function Actions({ ui, texts, last }: Omit<LayerProps, 'consent'> & { last: 'customize' | 'save' }) {
  return (
    <div class="cc-actions" part="actions">
      <button type="button" class="cc-btn" part="button accept-all" onClick={ui.acceptAll}>
        {texts.acceptAll}
      </button>
      <button type="button" class="cc-btn" part="button reject-all" onClick={ui.rejectAll}>
        {texts.rejectAll}
      </button>
      {last === 'customize' ? (
        <button type="button" class="cc-btn" part="button customize" onClick={ui.showPreferences}>
          {texts.customize}
        </button>
      ) : (
        <button type="button" class="cc-btn" part="button save" onClick={ui.save}>
          {texts.save}
        </button>
      )}
    </div>
  )
}

/**
 * The first layer: a labelled region, or a modal dialog when `ui.blocking` is on. Escape, scroll
 * and clicks outside do nothing here: silence is not consent (G-02).
 */
export function Banner({ consent, ui, texts, position }: LayerProps & { position: string }) {
  let { layout, blocking, closeButton } = consent.config.ui
  let Tag: 'dialog' | 'section' = blocking ? 'dialog' : 'section'
  let changed = !consent.$isDecided.get() && (consent.stale === 'revision' || consent.stale === 'added')
  return (
    <Tag
      class={`cc-banner cc-${layout} cc-${position}`}
      part="banner"
      aria-labelledby="cc-title"
      aria-describedby="cc-text"
      onCancel={(event: Event) => event.preventDefault()}
      // Browsers may close a modal dialog on Escape even when `cancel` is prevented (no user
      // activation yet): a blocking banner reopens, since only a choice may dismiss it (G-02).
      onClose={(event: Event) => (event.currentTarget as HTMLDialogElement).showModal()}
    >
      <div class={closeButton ? 'cc-inner cc-has-close' : 'cc-inner'}>
        <h2 id="cc-title" part="title" tabIndex={blocking ? -1 : undefined}>
          {texts.title}
        </h2>
        {changed && (
          <p class="cc-note" part="note">
            {texts.revisionMessage}
          </p>
        )}
        <Description consent={consent} texts={texts} text={texts.description} id="cc-text" />
        {closeButton && (
          <p class="cc-note" part="note">
            {texts.closeNotice}
          </p>
        )}
        <Actions ui={ui} texts={texts} last="customize" />
      </div>
      {closeButton && (
        <button type="button" class="cc-close" part="close" aria-label={texts.close} onClick={ui.dismiss}>
          ×
        </button>
      )}
    </Tag>
  )
}
