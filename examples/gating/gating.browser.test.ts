// The gating example in Chromium, through its own page: gated scripts, the programmatic path,
// the placeholder and the fallback, on the built drop-in.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { openPage, useDemoSite } from '../../test/browser.js'

const demo = useDemoSite()

const status = (page: Page, id: string) => page.locator(`#${id}-status`).textContent()

async function open(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  let { page, errors } = await openPage(demo.browser)
  let requests: string[] = []
  page.on('request', request => requests.push(new URL(request.url()).pathname))
  await page.goto(`${demo.origin}/gating/`)
  await page.getByRole('region', { name: 'We value your privacy' }).waitFor()
  return { page, requests, errors }
}

describe('gating example', () => {
  it('runs nothing gated before a choice, and everything once after Accept all (G-01, T-08)', async () => {
    let { page, requests, errors } = await open()
    expect(await status(page, 'inline')).toBe('not run')
    expect(await status(page, 'when')).toBe('waiting for analytics')
    expect(await status(page, 'widget')).toBe('not loaded')
    expect(requests.filter(path => path.startsWith('/gating/stubs/') || path === '/gating/embed.html')).toEqual([])
    // The embed waits behind its placeholder.
    await page.getByRole('group', { name: /This content is provided by Example Video/ }).waitFor()

    await page.getByRole('button', { name: 'Accept all' }).click()
    await expect.poll(() => status(page, 'widget')).toBe('the widget script was loaded by loadScript')
    expect(await status(page, 'inline')).toBe('the inline analytics script ran')
    expect(await status(page, 'when')).toBe('analytics is granted: whenGranted ran its function')
    await expect.poll(() => requests.filter(path => path === '/gating/stubs/chat.js').length).toBe(1)
    expect(requests.filter(path => path === '/gating/stubs/widget.js')).toHaveLength(1)
    await expect.poll(() => requests.includes('/gating/embed.html')).toBe(true)
    expect(await status(page, 'fallback')).toBe('not run')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('runs the !marketing fallback after Reject all, and nothing else', async () => {
    let { page, requests } = await open()
    await page.getByRole('button', { name: 'Reject all' }).click()
    await expect.poll(() => status(page, 'fallback')).toBe('marketing was refused: the fallback ran (a house ad could go here)')
    expect(await status(page, 'inline')).toBe('not run')
    expect(requests.filter(path => path.startsWith('/gating/stubs/'))).toEqual([])
    await page.context().close()
  })

  it('loads the embed once from its placeholder without granting anything', async () => {
    let { page, requests } = await open()
    await page.getByRole('button', { name: 'Load once' }).click()
    await expect.poll(() => requests.includes('/gating/embed.html')).toBe(true)
    expect(await page.evaluate(() => window.Consentry?.getConsent())).toBeNull()
    await page.context().close()
  })
})
