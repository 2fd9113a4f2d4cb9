// How every script and test here starts Chromium: Debian's build (apt-get install chromium), never a
// downloaded one. Shared by test/browser.ts, bench/run.mjs and scripts/screenshots.mjs.

/** Debian's Chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Without these, Chromium keeps trying to reach Google's hosts, which this network refuses. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]
