export { clearCookies, clearIndexedDB, clearStorage, createCleanup, TRACKER_COOKIES } from './cleanup.js'
export type { CleanupOptions, CleanupTargets, ClearCookiesOptions, Withdrawn } from './cleanup.js'
export { createConsent, createConsentFrom } from './consent.js'
export type { ChangeListener, Consent, ConsentChoice, ConsentOptions } from './consent.js'
export {
  CONSENT_TYPES,
  connectConsentMode,
  createGtag,
  DEFAULT_CONSENT_MODE,
  DEFAULT_MAPPING,
  googleConsentState,
  hasConsentDefault,
  pushConsentDefaults,
  pushLateSettings
} from './consent-mode.js'
export type { ConsentModeSettings, GoogleConsentState, GoogleConsentType } from './consent-mode.js'
export type {
  CategoryConfig,
  CategoryTexts,
  ConsentConfig,
  CookieDeclaration,
  CookieDetails,
  CookieName,
  CookieOptions,
  CookieTexts,
  LogConfig,
  NormalizedCategory,
  NormalizedConfig,
  NormalizedCookie,
  NormalizedService,
  ServiceConfig,
  ServiceTexts,
  TranslationConfig,
  UiConfig
} from './config.js'
export { decodeRecord, encodeRecord } from './record.js'
export { createGate } from './gate.js'
export type { Gate, GateOptions } from './gate.js'
export { integrationCookies, startIntegrations } from './integrations.js'
export { createConsentLog, fnv1a } from './log.js'
export { createCookieRefresh } from './cookie-refresh.js'
export type { CookieRefreshOptions } from './cookie-refresh.js'
export type { LogAction, LogEntry, LogOptions, LogSettings } from './log.js'
export type { ConsentMethod, ConsentRecord, ServiceGrants, UiLayer } from './record.js'
export { cookieDomains, cookieStorage } from './storage/cookie-storage.js'
export type { CookieStorageOptions } from './storage/cookie-storage.js'
export { memoryStorage } from './storage/memory-storage.js'
export type { StaleReason } from './storage/read-stored.js'
export type { ConsentStorage } from './storage/storage.js'
export { child, createChecker, isObject } from './checker.js'
export type { Checker, ConfigProblem } from './checker.js'
export { cookiePattern, SAFE_URL, validateConfig, validateIntegrations, validateStart } from './validate.js'
export { lintConfig } from './lint.js'
export { TEXT_KEYS } from './validate-ui.js'
export type { NormalizedUi, TextKey } from './validate-ui.js'
export type { ConfigValidation } from './validate.js'
