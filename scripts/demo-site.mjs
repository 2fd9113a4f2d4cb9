// The demo site's request handler, shared by `pnpm start` (scripts/serve.mjs) and the examples'
// browser tests: /consentry/* is the built drop-in as a CDN would serve it, the rest is examples/.
import { fileURLToPath } from 'node:url'

import sirv from 'sirv'

export function demoSite() {
  let examples = sirv(fileURLToPath(new URL('../examples', import.meta.url)), { dev: true, extensions: ['html'] })
  let dropIn = sirv(fileURLToPath(new URL('../packages/consentry/dist', import.meta.url)), { dev: true })
  let notFound = response => {
    response.statusCode = 404
    response.end('Not found')
  }
  return (request, response) => {
    if (request.url.startsWith('/consentry/')) {
      request.url = request.url.slice('/consentry'.length)
      dropIn(request, response, () => notFound(response))
    } else {
      examples(request, response, () => notFound(response))
    }
  }
}
