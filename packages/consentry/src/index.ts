import { loadPanel, loadShippedTranslation } from '@consentry/ui'

import { createConsentry } from './consentry.js'
import type { ConsentryApi } from './consentry.js'

export { createConsentry } from './consentry.js'
export type { ConsentryApi, FollowUpModule, InitOptions, PlaceholdersModule } from './consentry.js'

const page = createConsentry()

/**
 * Starts Consentry on the page with a configuration object or the URL of its JSON, and resolves
 * to the page's API. Calling it again returns the same instance (React StrictMode, hot reload).
 * @example
 * import { init } from 'consentry'
 * let consentry = await init('/consent.json')
 * consentry.on('change', record => console.log(record?.categories))
 */
export const init: ConsentryApi['init'] = (config, options) =>
  page.init(config, {
    loadTranslation: loadShippedTranslation,
    loadPanel,
    loadFollowUp: () => import('./follow-up.js'),
    loadPlaceholders: () => import('./placeholders.js'),
    ...options
  })

/** The page's API, usable before `init` resolves (actions wait for it). */
export const consentry = page
