// Serves the examples site on 127.0.0.1 (PORT, default 5173) for `pnpm start`.
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'

import sirv from 'sirv'

const examples = sirv(fileURLToPath(new URL('../examples', import.meta.url)), { dev: true, extensions: ['html'] })
// The built drop-in, as a CDN would serve it: /consentry/consentry.min.js and /consentry/i18n/*.json.
const dropIn = sirv(fileURLToPath(new URL('../packages/consentry/dist', import.meta.url)), { dev: true })
const port = Number(process.env.PORT ?? 5173)

const notFound = response => {
  response.statusCode = 404
  response.end('Not found')
}

createServer((request, response) => {
  if (request.url.startsWith('/consentry/')) {
    request.url = request.url.slice('/consentry'.length)
    dropIn(request, response, () => notFound(response))
  } else {
    examples(request, response, () => notFound(response))
  }
}).listen(port, '127.0.0.1', () => {
  console.log(`Consentry demo: http://127.0.0.1:${port}/`)
})
