// axe-core (the root devDependency) in a benchmark page, once its animations are over.
import { createRequire } from 'node:module'

const AXE = createRequire(new URL('../package.json', import.meta.url)).resolve('axe-core/axe.min.js')
// The WCAG 2.2 AA rule set, as in packages/consentry/test/harness.ts.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']

/** Waits until CSS transitions and animations (document and shadow roots) have finished, up to 2 s. */
export async function settleAnimations(page) {
  await page
    .waitForFunction(() => document.getAnimations().every(a => a.playState !== 'running'), null, { polling: 50, timeout: 2000 })
    .catch(() => {})
}

/** axe-core on the whole document (open shadow roots included): violated rules and nodes. */
export async function runAxe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  let violations = await page.evaluate(async tags => {
    let result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return result.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => JSON.stringify(n.target)) }))
  }, AXE_TAGS)
  return { violations: violations.length, nodes: violations.reduce((sum, v) => sum + v.nodes.length, 0), details: violations }
}
