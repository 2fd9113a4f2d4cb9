// Browser tests drive Debian's Chromium through playwright-core (no browser download). This makes
// sure it is there: as root on Debian it installs the `chromium` package, elsewhere it says how.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

if (!existsSync(path)) {
  let canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
  if (!canApt) {
    console.error(
      `Chromium is needed for the browser tests and was not found at ${path}.\n` +
        'Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.'
    )
    process.exit(1)
  }
  console.log('Installing Chromium for the browser tests: apt-get install -y chromium')
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' })
}
