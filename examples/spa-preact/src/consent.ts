// Consentry for the whole app: started once, at module level, outside any component, so no
// re-render or remount can start it twice (a second init() would return the same instance, with a
// console warning).
import { useStore } from '@nanostores/preact'
import { consentry, init } from 'consentry'
import type { ConsentryApi } from 'consentry'
import { atom } from 'nanostores'
import type { ReadableAtom } from 'nanostores'

import config from './consent.json'

export { consentry }

type Categories = Record<string, boolean>

/** Nothing is granted until Consentry has started (and read the cookie). */
const NOT_STARTED: ReadableAtom<Categories> = atom({})

/** The engine's `$categories` store once `init` resolved; the empty store before. */
const $categoriesStore = atom<ReadableAtom<Categories>>(NOT_STARTED)

export const started: Promise<ConsentryApi> = init(config)
started.then(
  api => $categoriesStore.set(api.consent!.$categories),
  () => {} // init reports the failure in the console; nothing is granted
)

/**
 * The visitor's granted categories, `{ essential: true, analytics: false, ... }`, re-rendering on
 * every decision. Before Consentry has started it returns `{}`: nothing granted.
 */
export function useConsent(): Categories {
  return useStore(useStore($categoriesStore))
}
