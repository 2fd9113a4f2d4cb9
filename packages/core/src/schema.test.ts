import { readFileSync } from 'node:fs'

import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'

// @ts-expect-error: a plain .mjs build script without type declarations
import { generateReference, referenceFile } from '../scripts/generate-reference.mjs'
// @ts-expect-error: a plain .mjs build script without type declarations
import { generateSchema, schemaFile } from '../scripts/generate-schema.mjs'
import { validateConfig } from './validate.js'

const committed = readFileSync(schemaFile, 'utf8')
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(committed))

/** Configurations that both the JSON Schema and the runtime validator must judge alike. */
const corpus: [string, unknown][] = [
  ['empty', {}],
  ['full', {
    $schema: './schema.json',
    revision: 4,
    language: 'fr-FR',
    privacyPolicyUrl: 'https://example.com/privacy',
    cookie: { name: 'cc_consent', domain: '.example.com', path: '/', expiresDays: 400, sameSite: 'None' },
    categories: {
      essential: { required: true, cookies: ['PHPSESSID', { name: 'csrf', provider: 'Us', duration: 'session', description: 'Security' }] },
      analytics: { services: { ga4: { label: 'GA4', description: 'Audience', cookies: ['/^_ga(_.*)?$/', { name: '_gid', domain: '.example.com', path: '/' }] } } },
      'ad-partners_2': {}
    },
    consentMode: { anything: true },
    gpc: false,
    translations: { fr: {} },
    ui: 'box',
    integrations: [],
    log: null
  }],
  ['relative policy link', { privacyPolicyUrl: 'privacy.html' }],
  ['mailto policy link', { privacyPolicyUrl: 'mailto:dpo@example.com' }],
  ['javascript: link', { privacyPolicyUrl: 'javascript:alert(1)' }],
  ['tab-split javascript: link', { privacyPolicyUrl: 'java\tscript:alert(1)' }],
  ['data: link', { privacyPolicyUrl: 'data:text/html,hi' }],
  ['empty link', { privacyPolicyUrl: '' }],
  ['unknown top-level key', { categorys: {} }],
  ['not an object', 'config'],
  ['null', null],
  ['array', []],
  ['revision as string', { revision: '2' }],
  ['revision zero', { revision: 0 }],
  ['revision fraction', { revision: 1.5 }],
  ['categories empty', { categories: {} }],
  ['categories as array', { categories: [] }],
  ['category id with space', { categories: { 'my cat': {} } }],
  ['category not an object', { categories: { analytics: true } }],
  ['required not boolean', { categories: { analytics: { required: 'yes' } } }],
  ['unknown category key', { categories: { analytics: { legalBasis: 'legitimate_interest' } } }],
  ['services as array', { categories: { analytics: { services: [] } } }],
  ['service id with dot', { categories: { analytics: { services: { 'g.a': {} } } } }],
  ['service label empty', { categories: { analytics: { services: { ga: { label: '' } } } } }],
  ['service label number', { categories: { analytics: { services: { ga: { label: 4 } } } } }],
  ['unknown service key', { categories: { analytics: { services: { ga: { url: 'x' } } } } }],
  ['cookie number', { categories: { analytics: { cookies: [42] } } }],
  ['cookie with space', { categories: { analytics: { cookies: ['a b'] } } }],
  ['cookie with equals', { categories: { analytics: { cookies: ['a=b'] } } }],
  ['cookie object without name', { categories: { analytics: { cookies: [{ provider: 'x' }] } } }],
  ['cookie object unknown key', { categories: { analytics: { cookies: [{ name: 'a', secure: true }] } } }],
  ['cookie path relative', { categories: { analytics: { cookies: [{ name: 'a', path: 'x' }] } } }],
  ['cookies not array', { categories: { analytics: { cookies: 'a' } } }],
  ['cookie name bad', { cookie: { name: 'a b' } }],
  ['cookie domain bad', { cookie: { domain: 'http://x.com' } }],
  ['cookie path bad', { cookie: { path: 'shop' } }],
  ['expires 0', { cookie: { expiresDays: 0 } }],
  ['expires over 400', { cookie: { expiresDays: 401 } }],
  ['sameSite lowercase', { cookie: { sameSite: 'lax' } }],
  ['unknown cookie key', { cookie: { secure: true } }],
  ['cookie not object', { cookie: 'consentry' }],
  ['language bad', { language: 'English' }],
  ['ui complete', { ui: { layout: 'box', position: 'top-left', blocking: false, closeButton: true, reopenButton: true, colorScheme: 'light', theme: { accent: '#123456', radius: '4px' }, nonce: 'abc' } }],
  ['ui not an object', { ui: 'box' }],
  ['ui layout unknown', { ui: { layout: 'popup' } }],
  ['ui position unknown', { ui: { position: 'middle' } }],
  ['ui reopenButton string', { ui: { reopenButton: 'left' } }],
  ['ui theme url', { ui: { theme: { accent: 'url(x.png)' } } }],
  ['ui theme semicolon', { ui: { theme: { accent: 'red;x:y' } } }],
  ['ui theme bad name', { ui: { theme: { Accent: 'red' } } }],
  ['ui unknown key', { ui: { width: 3 } }],
  ['translations partial', { translations: { fr: { title: 'Vos choix', categories: { analytics: { title: 'Mesure' } } } } }],
  ['translations bad language', { translations: { english: {} } }],
  ['translations unknown key', { translations: { fr: { titel: 'x' } } }],
  ['translations empty text', { translations: { fr: { title: '' } } }],
  ['translations category unknown key', { translations: { fr: { categories: { analytics: { name: 'x' } } } } }],
  ['language number', { language: 1 }]
]

describe('the JSON Schema', () => {
  it('is generated from the TypeScript types (run `pnpm schema` after changing them)', () => {
    expect(committed).toBe(generateSchema())
  }, 30_000)

  it('is what docs/configuration-reference.md shows (run `pnpm schema` after changing it)', () => {
    expect(readFileSync(referenceFile, 'utf8')).toBe(generateReference())
  })

  it.each(corpus)('judges "%s" as the runtime validator does', (_name, input) => {
    let valid = validate(input)
    let { problems } = validateConfig(input)
    expect({ valid, problems: problems.map(problem => problem.message) }).toEqual({
      valid: problems.length === 0,
      problems: valid ? [] : expect.arrayContaining([expect.any(String)])
    })
  })
})
