// Serves the examples site on 127.0.0.1 (PORT, default 5173) for `pnpm start`.
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'

import sirv from 'sirv'

const root = fileURLToPath(new URL('../examples', import.meta.url))
const port = Number(process.env.PORT ?? 5173)
const serve = sirv(root, { dev: true, extensions: ['html'] })

createServer((request, response) => serve(request, response, () => {
  response.statusCode = 404
  response.end('Not found')
})).listen(port, '127.0.0.1', () => {
  console.log(`Consentry demo: http://127.0.0.1:${port}/`)
})
