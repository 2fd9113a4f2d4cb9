// The public type contract, checked by `tsc` (pnpm test:types). Nothing here runs.
import type { ReadableAtom } from 'nanostores'
import { expectTypeOf } from 'vitest'

import { createConsent, memoryStorage, validateConfig, validateIntegrations, validateStart } from './index.js'
import type { ConfigProblem, ConfigValidation, ConsentConfig, ConsentRecord, NormalizedConfig, UiLayer } from './index.js'

let consent = createConsent({ categories: { essential: {}, analytics: {} } }, { storage: memoryStorage() })

expectTypeOf(consent.$record).toEqualTypeOf<ReadableAtom<ConsentRecord | null>>()
expectTypeOf(consent.$categories.get()).toEqualTypeOf<Record<string, boolean>>()
expectTypeOf(consent.hasConsent).parameters.toEqualTypeOf<[category: string, service?: string]>()
expectTypeOf(consent.acceptAll()).toEqualTypeOf<ConsentRecord>()
expectTypeOf(consent.on('change', () => {})).toEqualTypeOf<() => void>()
expectTypeOf(consent.rule).toEqualTypeOf<string>()
expectTypeOf(consent.acceptAll('accept-all', 'first').uiLayer).toEqualTypeOf<UiLayer | undefined>()
expectTypeOf<UiLayer>().toEqualTypeOf<'first' | 'second' | 'placeholder'>()
expectTypeOf(validateConfig({})).toEqualTypeOf<ConfigValidation>()
expectTypeOf(validateConfig({}).problems).toEqualTypeOf<ConfigProblem[]>()
expectTypeOf(validateStart({}).config).toEqualTypeOf<NormalizedConfig>()
expectTypeOf(validateIntegrations(validateStart({}).config, {}).integrations).toEqualTypeOf<NormalizedConfig['integrations']>()

// Stores are read-only: every change goes through an action.
// @ts-expect-error
consent.$record.set(null)
// @ts-expect-error
consent.setConsent({ analytics: 'yes' })
// @ts-expect-error
consent.on('update', () => {})
// @ts-expect-error
consent.rejectAll('reject-all', 'third')

// A marketer's JSON, typed: unknown keys and wrong types are compile errors for TS users too.
const config: ConsentConfig = { revision: 2, cookie: { sameSite: 'Strict', expiresDays: 30 } }
// @ts-expect-error
const bad: ConsentConfig = { cookie: { sameSite: 'lax' } }
void config
void bad
