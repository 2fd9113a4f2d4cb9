// autocannon's setupRequest for scripts/load-test.mjs. It runs in autocannon's worker thread,
// which loads it with require(): each request gets a valid entry with a fresh id, so every
// request is a new record and none a replay.
const { randomUUID } = require('node:crypto')

const at = new Date().toISOString()

module.exports = request => ({
  ...request,
  body: JSON.stringify({
    id: randomUUID(),
    previousId: null,
    at,
    givenAt: at,
    updatedAt: at,
    revision: 1,
    configHash: '1a2b3c4d',
    language: 'en',
    categories: { essential: true, analytics: Math.random() < 0.5, marketing: Math.random() < 0.3 },
    services: { analytics: { ga4: true } },
    method: 'custom',
    action: 'custom',
    gpc: false,
    page: 'https://shop.example/checkout'
  })
})
