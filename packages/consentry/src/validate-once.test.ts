// @vitest-environment happy-dom
import * as core from '@consentry/core'
import { afterEach, expect, it, vi } from 'vitest'

vi.mock('@consentry/core', async importOriginal => {
  let actual = await importOriginal<typeof core>()
  return { ...actual, validateStart: vi.fn(actual.validateStart) }
})

afterEach(() => {
  window.Consentry?.destroy()
  delete window.Consentry
  delete window.consentryConfig
  delete (window as { dataLayer?: unknown }).dataLayer
  document.body.replaceChildren()
})

it('validates an inline configuration with Consent Mode once, though the drop-in reads it before init', async () => {
  window.consentryConfig = { consentMode: true, categories: { essential: {}, analytics: {} } }
  await import('./global.js')
  await window.Consentry!.ready
  // The defaults went out before init, from that one validation (CM-01).
  expect((window as unknown as { dataLayer: unknown[] }).dataLayer.length).toBeGreaterThan(0)
  expect(window.Consentry!.consent?.config.consentMode).not.toBeNull()
  expect(core.validateStart).toHaveBeenCalledTimes(1)
})
