import { describe, expect, it } from 'vitest'

import { lintConfig } from './lint.js'
import { validateConfig } from './validate.js'

/** The messages `consentry validate` adds for a configuration as written. */
const lint = (input: unknown): string[] => lintConfig(input, validateConfig(input).config).map(problem => problem.message)

describe('lintConfig (G-09, G-04, at build time)', () => {
  it('asks every cookie of a required category, and of its services, to say why it is strictly necessary', () => {
    expect(
      lint({
        categories: {
          essential: {
            cookies: ['session', { name: 'csrf', description: 'Blocks forged forms' }, { name: 'lb', description: ' ' }],
            services: { pay: { cookies: [{ name: '__stripe_mid', provider: 'Stripe' }] } }
          },
          support: { required: true, cookies: ['chat'] },
          analytics: { cookies: ['_ga'], services: { ga4: { cookies: ['_gid'] } } }
        }
      })
    ).toEqual([
      'config.categories.essential.cookies[0]: a cookie set without consent needs a "description" that says why it is strictly necessary (G-09)',
      'config.categories.essential.cookies[2]: a cookie set without consent needs a "description" that says why it is strictly necessary (G-09)',
      'config.categories.essential.services.pay.cookies[0]: a cookie set without consent needs a "description" that says why it is strictly necessary (G-09)',
      'config.categories.support.cookies[0]: a cookie set without consent needs a "description" that says why it is strictly necessary (G-09)'
    ])
  })

  it('reports a vendor integration gated by a required category: it would load without consent', () => {
    expect(
      lint({
        categories: { essential: {}, analytics: { required: true }, marketing: {} },
        integrations: {
          googleAnalytics: { measurementId: 'G-ABC123' },
          googleTagManager: { containerId: 'GTM-ABC123', categories: ['marketing', 'essential'] },
          metaPixel: { pixelId: '123', category: 'essential' }
        }
      })
    ).toEqual([
      // The default category ("analytics") is not in the file: the path names the vendor.
      'config.integrations.googleAnalytics: "analytics" is a required category: Google Analytics would load without consent (G-09)',
      'config.integrations.googleTagManager.categories[1]: "essential" is a required category: Google Tag Manager would load without consent (G-09)',
      'config.integrations.metaPixel.category: "essential" is a required category: the Meta Pixel would load without consent (G-09)'
    ])
  })

  it('asks Google Analytics and the Meta Pixel in a category with services to name their own (G-04)', () => {
    expect(
      lint({
        categories: { essential: {}, analytics: { services: { ga4: {}, hotjar: {} } }, marketing: { services: { meta: {} } } },
        integrations: { googleAnalytics: { measurementId: 'G-ABC123' }, metaPixel: { pixelId: '1', service: 'meta' } }
      })
    ).toEqual([
      'config.integrations.googleAnalytics: "analytics" has services (ga4, hotjar): name the one Google Analytics is in "service", or it loads when any of them is granted (G-04)'
    ])
  })

  it('finds nothing in a configuration that keeps to the exemption, nor in one that is not an object', () => {
    expect(
      lint({
        categories: {
          essential: { cookies: [{ name: 'consentry', description: 'Remembers your cookie choices' }] },
          analytics: {},
          marketing: {}
        },
        integrations: { googleAnalytics: { measurementId: 'G-ABC123' }, metaPixel: { pixelId: '1' } }
      })
    ).toEqual([])
    expect(lint({})).toEqual([])
    expect(lint(null)).toEqual([])
    expect(lint({ categories: { essential: { cookies: 'x', services: [] } } })).toEqual([])
  })
})
