import type { AllowedOrigins } from './origin-policy.js'

/** The receiver's settings, as `start()` reads them from environment variables. */
export interface ServerConfig {
  /** `PORT` @default 8787 */
  port: number
  /** `HOST`: the address to listen on. @default "127.0.0.1" */
  host: string
  /** `DATA_DIR`: PGlite's folder when no `DATABASE_URL` is set. @default "./consentry-data" */
  dataDir: string
  /** `DATABASE_URL`: a PostgreSQL server instead of the embedded database. */
  databaseUrl: string | undefined
  /** `ALLOWED_ORIGINS`: comma-separated origins of the sites that send records, or `*`. @default none */
  origins: AllowedOrigins
  /** `ADMIN_TOKEN`: at least 16 characters; without it the admin API is off. */
  adminToken: string | undefined
  /** `RETENTION_DAYS`: how long entries are kept. @default 1095 (3 years) */
  retentionDays: number
  /** `RATE_LIMIT`: requests per minute per client on `/consent`; 0 turns it off. @default 60 */
  rateLimit: number
  /** `MAX_BODY_BYTES` @default 8192 */
  maxBodyBytes: number
  /** `IP_HASH_SALT`: a secret; with it each entry keeps a salted hash of the client's network. */
  ipHashSalt: string | undefined
  /** `TRUST_PROXY=1`: take the client's address from the last `X-Forwarded-For` hop. @default false */
  trustProxy: boolean
}

/** Environment variables, as in `process.env`. */
export type Env = Record<string, string | undefined>

/** The settings, and a message for each variable that is set wrong (then defaults stand in). */
export interface ConfigRead {
  config: ServerConfig
  errors: string[]
}

/**
 * Reads the receiver's settings from environment variables. Messages name the variable and what
 * it must be; values of secrets are never repeated.
 * @example
 * let { config, errors } = readConfig(process.env)
 */
export function readConfig(env: Env): ConfigRead {
  let errors: string[] = []
  let value = (name: string): string | undefined => {
    let text = env[name]?.trim()
    return text ? text : undefined
  }
  let integer = (name: string, fallback: number, min: number, max: number): number => {
    let text = value(name)
    if (text === undefined) return fallback
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      errors.push(`${name} must be a whole number from ${min} to ${max}`)
      return fallback
    }
    return Number(text)
  }

  let origins: AllowedOrigins = []
  let list = value('ALLOWED_ORIGINS')
  if (list === '*') origins = '*'
  else if (list) {
    origins = list.split(',').map(origin => origin.trim()).filter(Boolean)
    for (let origin of origins) {
      let valid = false
      try {
        valid = new URL(origin).origin === origin
      } catch {}
      if (!valid) errors.push(`ALLOWED_ORIGINS must list origins such as https://shop.example (scheme, host and port only), comma-separated, or be *`)
    }
  }

  let adminToken = value('ADMIN_TOKEN')
  if (adminToken !== undefined && adminToken.length < 16) errors.push('ADMIN_TOKEN must be at least 16 characters long')

  let databaseUrl = value('DATABASE_URL')
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) errors.push('DATABASE_URL must start with postgres:// or postgresql://')

  return {
    config: {
      port: integer('PORT', 8787, 0, 65535),
      host: value('HOST') ?? '127.0.0.1',
      dataDir: value('DATA_DIR') ?? './consentry-data',
      databaseUrl,
      origins,
      adminToken,
      retentionDays: integer('RETENTION_DAYS', 1095, 1, 36500),
      rateLimit: integer('RATE_LIMIT', 60, 0, 1_000_000),
      maxBodyBytes: integer('MAX_BODY_BYTES', 8192, 1024, 1_048_576),
      ipHashSalt: value('IP_HASH_SALT'),
      trustProxy: value('TRUST_PROXY') === '1' || value('TRUST_PROXY') === 'true'
    },
    errors: [...new Set(errors)]
  }
}
