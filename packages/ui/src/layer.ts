import type { Consent } from '@consentry/core'

import type { UiController } from './controller.js'
import type { Texts } from './texts.js'
import { fill } from './texts.js'

/** What the first layer and the panel are drawn from. */
export interface LayerProps {
  consent: Consent
  ui: UiController
  texts: Texts
}

/**
 * The pieces of a description with the privacy-policy link in its `{policyLink}` place, or after
 * the text when it names no place. `link` is the link in the renderer's own form.
 */
export function withPolicyLink<T>(text: string, link: T | ''): (string | T)[] {
  let parts = fill<T | ''>(text, { policyLink: link })
  return link && !text.includes('{policyLink}') ? [...parts, ' ', link] : parts
}

/**
 * The three buttons of both layers, in one order and one style: refusing is as easy and as
 * visible as accepting (R-01..R-04, R-09). Each is `[part, label, action]`.
 */
export function actionList(ui: UiController, texts: Texts, last: 'customize' | 'save'): [string, string, () => void][] {
  return [
    ['accept-all', texts.acceptAll, ui.acceptAll],
    ['reject-all', texts.rejectAll, ui.rejectAll],
    last === 'customize' ? ['customize', texts.customize, ui.showPreferences] : ['save', texts.save, ui.save]
  ]
}

/** Shows a `"/^_ga_/"` pattern the way visitors read cookie names: `_ga_*`. */
export function displayName(name: string): string {
  let pattern = /^\/\^?(.*?)(\$?)\/[a-z]*$/.exec(name)
  if (!pattern) return name
  let [, body, anchored] = pattern
  return body.replace(/\.[*+]|\(.*\)[?*]/g, '*').replace(/\\/g, '') + (anchored || body.endsWith('*') ? '' : '*')
}
