// The React SPA example, built (`pnpm --filter ./examples/spa-react build`), in Chromium.
import { spaSuite } from '../spa-suite.js'

spaSuite('spa-react', 'React')
