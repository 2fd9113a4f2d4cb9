// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'

import { consentry, init } from './index.js'

afterEach(() => {
  consentry.destroy()
  vi.restoreAllMocks()
})

describe('the ESM entry', () => {
  it('starts one page-wide instance and returns it again on a second init', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    let api = await init({ categories: { essential: {}, analytics: {} } })
    expect(api).toBe(consentry)
    expect(await init({})).toBe(api)
    expect(document.querySelectorAll('consentry-ui')).toHaveLength(1)
  })

  it('loads the shipped translation of the page language', async () => {
    document.documentElement.lang = 'fr'
    try {
      await init({})
      let root = document.querySelector('consentry-ui')?.shadowRoot
      expect(root?.querySelector('h2')?.textContent).toBe('Nous respectons votre vie privée')
      expect(root?.querySelector('.cc-root')?.getAttribute('lang')).toBe('fr')
    } finally {
      document.documentElement.lang = ''
    }
  })
})
