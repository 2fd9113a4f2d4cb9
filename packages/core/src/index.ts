export { createConsent } from './consent.js'
export type { ChangeListener, Consent, ConsentChoice, ConsentOptions } from './consent.js'
export type {
  CategoryConfig,
  ConsentConfig,
  CookieDeclaration,
  CookieDetails,
  CookieName,
  CookieOptions,
  NormalizedCategory,
  NormalizedConfig,
  NormalizedCookie,
  NormalizedService,
  ServiceConfig
} from './config.js'
export { decodeRecord, encodeRecord } from './record.js'
export type { ConsentMethod, ConsentRecord, ServiceGrants } from './record.js'
export { cookieStorage } from './storage/cookie-storage.js'
export type { CookieStorageOptions } from './storage/cookie-storage.js'
export { memoryStorage } from './storage/memory-storage.js'
export type { ConsentStorage } from './storage/storage.js'
export { child, createChecker, isObject } from './checker.js'
export type { Checker, ConfigProblem } from './checker.js'
export { cookiePattern, validateConfig } from './validate.js'
export type { ConfigValidation } from './validate.js'
