// Serves the examples site on 127.0.0.1 (PORT, default 5173) for `pnpm start`.
import { createServer } from 'node:http'

import { demoSite } from './demo-site.mjs'

const port = Number(process.env.PORT ?? 5173)

createServer(demoSite()).listen(port, '127.0.0.1', () => {
  console.log(`Consentry demo: http://127.0.0.1:${port}/`)
})
