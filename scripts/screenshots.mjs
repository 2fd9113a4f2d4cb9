// Writes docs/img/*.png: each layout in light and dark, and the preferences panel, from the built
// drop-in on examples/layouts. Run after `pnpm build`: node scripts/screenshots.mjs
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'

import { chromium } from 'playwright-core'

import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs'

const port = 5188
const server = spawn(process.execPath, ['scripts/serve.mjs'], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' })
await sleep(500)

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_FLAGS
})
const shots = [
  ['bar-bottom', 'layout=bar&position=bottom', 1024, 640],
  ['bar-top', 'layout=bar&position=top', 1024, 640],
  ['box-bottom-right', 'layout=box&position=bottom-right', 1024, 640],
  ['modal', 'layout=modal', 1024, 640],
  ['blocking', 'layout=modal&blocking=1&close=1', 1024, 640],
  ['mobile-bar', 'layout=bar', 360, 720],
  ['preferences', 'layout=bar&panel=1', 1024, 900]
]
try {
  for (let [name, query, width, height] of shots) {
    for (let scheme of ['light', 'dark']) {
      let page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme, reducedMotion: 'reduce' })
      await page.goto(`http://127.0.0.1:${port}/layouts/?${query}&scheme=${scheme}`)
      await page.waitForFunction(() => document.querySelector('consentry-ui')?.shadowRoot?.querySelector('.cc-banner, .cc-panel'))
      await page.screenshot({ path: `docs/img/${name}-${scheme}.png` })
      await page.close()
      console.log(`docs/img/${name}-${scheme}.png`)
    }
  }
} finally {
  await browser.close()
  server.kill()
}
