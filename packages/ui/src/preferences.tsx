import type { NormalizedCategory } from '@consentry/core'
import { h } from 'preact'

import type { ViewState } from './controller.js'
import { CookieTable } from './cookie-table.js'
import { actionList, withPolicyLink } from './layer.js'
import type { LayerProps } from './layer.js'
import { Switch } from './switch.js'

interface CategoryProps extends Omit<LayerProps, 'consent'> {
  id: string
  category: NormalizedCategory
  draft: ViewState['draft']
  /** Refused by the browser's Global Privacy Control: shown off and locked (P-02). */
  locked: boolean
}

function Category({ id, category, draft, ui, texts, locked }: CategoryProps) {
  let { title, description, services: translated = {}, cookies } = texts.categories[id]
  let services = Object.entries(category.services)
  let hasDetails = services.length > 0 || category.cookies.length > 0
  return (
    <li class="cc-category" part="category">
      <div class="cc-row">
        <h3 id={`cc-c-${id}`}>{title}</h3>
        {category.required && (
          <span class="cc-always" id={`cc-a-${id}`}>
            {texts.alwaysActive}
          </span>
        )}
        <Switch
          labelledBy={`cc-c-${id}`}
          describedBy={category.required ? `cc-a-${id}` : locked ? 'cc-gpc' : undefined}
          checked={category.required || (!locked && draft.categories[id])}
          disabled={category.required || locked}
          onChange={value => ui.toggle(id, value)}
        />
      </div>
      {description && <p class="cc-note">{description}</p>}
      {hasDetails && (
        <details part="details">
          <summary>{texts.showDetails}</summary>
          {services.map(([serviceId, service]) => {
            let words = translated[serviceId] ?? {}
            let label = words.label ?? service.label
            let about = words.description ?? service.description
            return (
              <div class="cc-service" key={serviceId}>
                <div class="cc-row">
                  <span id={`cc-s-${id}-${serviceId}`}>{label}</span>
                  <Switch
                    labelledBy={`cc-s-${id}-${serviceId}`}
                    checked={category.required || (!locked && draft.services[id][serviceId])}
                    disabled={category.required || locked}
                    onChange={value => ui.toggle(id, value, serviceId)}
                  />
                </div>
                {about && <p class="cc-note">{about}</p>}
                <CookieTable cookies={service.cookies} texts={texts} translated={words.cookies} label={label} />
              </div>
            )
          })}
          <CookieTable cookies={category.cookies} texts={texts} translated={cookies} label={title} />
        </details>
      )}
    </li>
  )
}

function Description({ consent, texts, text, id }: Omit<LayerProps, 'ui'> & { text: string; id: string }) {
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
      {withPolicyLink(text, link)}
    </p>
  )
}

/** Keeps Tab and Shift+Tab inside the open dialog, whatever the browser does at its edges. */
function wrapFocus(event: KeyboardEvent): void {
  if (event.key !== 'Tab') return
  let dialog = event.currentTarget as HTMLElement
  let focusable = [...dialog.querySelectorAll<HTMLElement>('button, a[href], input:not(:disabled), summary')]
  let first = focusable[0]
  let last = focusable[focusable.length - 1]
  let active = (dialog.getRootNode() as Document | ShadowRoot).activeElement
  if (event.shiftKey ? active === first || active === dialog.querySelector('h2') : active === last) {
    event.preventDefault()
    ;(event.shiftKey ? last : first).focus()
  }
}

/**
 * The preferences panel: a modal dialog labelled by its heading, one switch per category (none
 * ticked before the visitor's choice, G-03), services and cookie tables in a disclosure (G-05).
 * Escape closes it without saving.
 */
export function Preferences({ consent, ui, texts, draft }: LayerProps & { draft: ViewState['draft'] }) {
  let { categories } = consent.config
  return (
    <dialog
      class="cc-panel"
      part="dialog"
      aria-labelledby="cc-ptitle"
      aria-describedby="cc-ptext"
      onCancel={(event: Event) => {
        event.preventDefault()
        ui.closePreferences()
      }}
      // Escape can close the dialog natively when `cancel` cannot be prevented: follow it.
      onClose={ui.closePreferences}
      onKeyDown={wrapFocus}
    >
      <h2 id="cc-ptitle" tabIndex={-1} part="title">
        {texts.preferencesTitle}
      </h2>
      <Description consent={consent} texts={texts} text={texts.preferencesDescription} id="cc-ptext" />
      {consent.gpc && (
        <p class="cc-note" id="cc-gpc" part="note">
          {texts.gpcHonored}
        </p>
      )}
      <ul class="cc-categories">
        {Object.keys(categories).map(id => (
          <Category
            key={id}
            id={id}
            category={categories[id]}
            draft={draft}
            ui={ui}
            texts={texts}
            locked={consent.gpc && id === 'marketing'}
          />
        ))}
      </ul>
      <div class="cc-actions" part="actions">
        {actionList(ui, texts, 'save').map(([name, label, action]) => (
          <button type="button" class="cc-btn" part={`button ${name}`} onClick={action}>
            {label}
          </button>
        ))}
      </div>
      <button type="button" class="cc-close" part="close" aria-label={texts.close} onClick={ui.closePreferences}>
        ×
      </button>
    </dialog>
  )
}
