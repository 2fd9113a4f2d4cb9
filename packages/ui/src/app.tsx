import type { Consent } from '@consentry/core'
import { h } from 'preact'

import { Banner } from './banner.js'
import type { UiController, ViewState } from './controller.js'
import { Preferences } from './preferences.js'
import type { Texts } from './texts.js'
import { isRtl } from './texts.js'

export interface AppProps {
  consent: Consent
  ui: UiController
  view: ViewState
  texts: Texts
  language: string
  /** Where the first layer sits; differs from the configured one after it moved out of the way. */
  position: string
  /** `ui.colorScheme` with "auto" resolved. */
  scheme: 'light' | 'dark'
}

/** Everything the visitor sees, as a pure function of the engine's and the controller's state. */
export function App({ consent, ui, view, texts, language, position, scheme }: AppProps) {
  let { theme, reopenButton } = consent.config.ui
  let style: Record<string, string> = {}
  for (let name in theme) style[`--consentry-${name}`] = theme[name]
  return (
    <div class={`cc-root cc-${scheme}`} lang={language} dir={isRtl(language) ? 'rtl' : 'ltr'} part="root" style={style}>
      {view.banner && <Banner consent={consent} ui={ui} texts={texts} position={position} />}
      {view.panel && <Preferences consent={consent} ui={ui} texts={texts} draft={view.draft} />}
      {reopenButton && !view.banner && (
        <button type="button" class={`cc-btn cc-reopen cc-reopen-${reopenButton}`} part="reopen" onClick={ui.showPreferences}>
          {texts.settings}
        </button>
      )}
      <div role="status" class="cc-sr">
        {view.status}
      </div>
    </div>
  )
}
