// The Preact SPA example, built (`pnpm --filter ./examples/spa-preact build`), in Chromium.
import { spaSuite } from '../spa-suite.js'

spaSuite('spa-preact', 'Preact')
