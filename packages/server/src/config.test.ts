import { describe, expect, it } from 'vitest'

import { readConfig } from './config.js'

describe('readConfig', () => {
  it('has safe defaults: loopback only, embedded storage, three years of retention, no admin API', () => {
    expect(readConfig({})).toEqual({
      config: {
        port: 8787,
        host: '127.0.0.1',
        dataDir: './consentry-data',
        databaseUrl: undefined,
        origins: [],
        adminToken: undefined,
        retentionDays: 1095,
        rateLimit: 60,
        maxBodyBytes: 8192,
        ipHashSalt: undefined,
        trustProxy: false
      },
      errors: []
    })
  })

  it('reads every variable', () => {
    let { config, errors } = readConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/consentry',
      DATABASE_URL: 'postgres://u:p@db:5432/consent',
      ALLOWED_ORIGINS: 'https://shop.example, https://blog.example:8443',
      ADMIN_TOKEN: 'a-long-enough-token',
      RETENTION_DAYS: '365',
      RATE_LIMIT: '0',
      MAX_BODY_BYTES: '16384',
      IP_HASH_SALT: 'pepper',
      TRUST_PROXY: '1'
    })
    expect(errors).toEqual([])
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/lib/consentry',
      databaseUrl: 'postgres://u:p@db:5432/consent',
      origins: ['https://shop.example', 'https://blog.example:8443'],
      adminToken: 'a-long-enough-token',
      retentionDays: 365,
      rateLimit: 0,
      maxBodyBytes: 16384,
      ipHashSalt: 'pepper',
      trustProxy: true
    })
    expect(readConfig({ ALLOWED_ORIGINS: '*' }).config.origins).toBe('*')
  })

  it('names each wrong variable without repeating a secret', () => {
    let { errors } = readConfig({ ADMIN_TOKEN: 'hunter2', MAX_BODY_BYTES: '10', ALLOWED_ORIGINS: 'shop.example,https://a.example/' })
    expect(errors).toEqual([
      'ALLOWED_ORIGINS must list origins such as https://shop.example (scheme, host and port only), comma-separated, or be *',
      'ADMIN_TOKEN must be at least 16 characters long',
      'MAX_BODY_BYTES must be a whole number from 1024 to 1048576'
    ])
    expect(errors.join()).not.toContain('hunter2')
  })
})
