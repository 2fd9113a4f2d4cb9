// The docs' `src/consent.ts`, which the framework snippets import as `./consent`: the page API from
// the `consentry` package source, started once at module level. `{}` stands for consent.json: it
// gives the four default categories, so `preferences` (the docs' chat) and `analytics` exist.
import { consentry, init } from '../../packages/consentry/src/index.js'

/** Starts Consentry once for the whole app. */
export const ready = init({})

export { consentry }
