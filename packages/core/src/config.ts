import type { ConsentModeSettings, GoogleConsentType } from './consent-mode.js'
import type { LogSettings } from './log.js'
import type { ConsentModel, NormalizedIntegrations } from './validate-features.js'
import type { NormalizedUi } from './validate-ui.js'

/**
 * A cookie's name, or a `"/regex/"` string (optionally with flags, e.g. `"/^_ga_/i"`)
 * that matches several names.
 * @pattern ^[^\s;,=]+$
 */
export type CookieName = string

/** A cookie with the details shown in the preferences panel's cookie table (G-05). */
export interface CookieDetails {
  /** The cookie's name, or a `"/regex/"` string that matches several names. */
  name: CookieName
  /**
   * The domain the cookie is set on, when it is not the page's own host (e.g. `".example.com"`).
   * @minLength 1
   */
  domain?: string
  /**
   * The path the cookie is set on.
   * @default "/"
   * @pattern ^/[^\s;]*$
   */
  path?: string
  /**
   * Who sets and reads the cookie, e.g. `"Google"`.
   * @minLength 1
   */
  provider?: string
  /**
   * How long the cookie lasts, as shown to visitors, e.g. `"13 months"`.
   * @minLength 1
   */
  duration?: string
  /**
   * What the cookie is for, as shown to visitors.
   * @minLength 1
   */
  description?: string
  /**
   * Whether anyone besides the site can read the cookie (the provider, its partners): the cookie
   * table's "Third-party access" column, "Yes" or "No" (G-05, CJEU Planet49). The column shows
   * when a cookie of the table says it.
   */
  thirdParty?: boolean
}

/** A cookie a category or service sets: a name, a `"/regex/"` string, or an object with details. */
export type CookieDeclaration = CookieName | CookieDetails

/** One third party or tool inside a category (e.g. Google Analytics), with its own switch. */
export interface ServiceConfig {
  /**
   * The name shown to visitors. Defaults to the service's id.
   * @minLength 1
   */
  label?: string
  /**
   * What the service does with the visitor's data, shown to visitors.
   * @minLength 1
   */
  description?: string
  /** The cookies this service sets. */
  cookies?: CookieDeclaration[]
  /** localStorage and sessionStorage keys this service writes (names or `"/regex/"`), cleared on withdrawal (T-06). */
  storage?: CookieName[]
  /** IndexedDB databases this service creates (names or `"/regex/"`), deleted on withdrawal (T-06). */
  indexedDB?: CookieName[]
}

/** A purpose visitors grant or refuse as a whole: essential, analytics, preferences, marketing... */
export interface CategoryConfig {
  /**
   * Always granted and shown as "Always active". Only for storage that is strictly necessary for
   * the service the visitor asked for (G-09). `essential` is required unless it says otherwise.
   * @default false
   */
  required?: boolean
  /**
   * The services in this category, keyed by id. Each gets its own switch; a service follows its
   * category unless the visitor decides on it separately.
   * @propertyNames {"pattern": "^[A-Za-z0-9_-]+$"}
   */
  services?: Record<string, ServiceConfig>
  /** Cookies of this category that belong to no particular service. */
  cookies?: CookieDeclaration[]
  /** localStorage and sessionStorage keys of this category (names or `"/regex/"`), cleared on withdrawal (T-06). */
  storage?: CookieName[]
  /** IndexedDB databases of this category (names or `"/regex/"`), deleted on withdrawal (T-06). */
  indexedDB?: CookieName[]
}

/** Where the visitor's decision is stored: one small first-party cookie (T-01, T-02). */
export interface CookieOptions {
  /**
   * The consent cookie's name.
   * @default "consentry"
   * @pattern ^[A-Za-z0-9!#$%&'*+.^_`|~-]+$
   */
  name?: string
  /**
   * Share the decision across subdomains by setting the cookie on a parent domain, e.g.
   * `".example.com"` (T-04). Leave it out to keep the cookie on the page's own host.
   * @pattern ^\.?[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*$
   */
  domain?: string
  /**
   * @default "/"
   * @pattern ^/[^\s;]*$
   */
  path?: string
  /**
   * Days until the visitor is asked again. Refusals last as long as acceptances.
   * 182 days follows CNIL practice; browsers cap cookies at 400 days (T-01).
   * @asType integer
   * @minimum 1
   * @maximum 400
   * @default 182
   */
  expiresDays?: number
  /**
   * @default "Lax"
   */
  sameSite?: 'Lax' | 'Strict' | 'None'
  /**
   * An address on your site that sets the cookie again from its response after each decision
   * (`POST /consent/cookie` of `@consentry/server`), so that Safari does not cap it at 7 days
   * (T-03). https: or relative, on the site's own origin.
   */
  refreshUrl?: string
}

/**
 * The Consentry configuration: the JSON a marketer edits. Every key is optional.
 * @title Consentry configuration
 */
export interface ConsentConfig {
  /** The JSON Schema this file follows, for editor autocomplete. Ignored at run time. */
  $schema?: string
  /**
   * Raise it when categories, services or texts change enough that every visitor must be asked
   * again (G-11). A stored decision with a lower revision counts as no decision.
   * @asType integer
   * @minimum 1
   * @default 1
   */
  revision?: number
  /**
   * The categories, keyed by id, in display order. Defaults to `essential` (required),
   * `analytics`, `preferences` and `marketing`.
   * @propertyNames {"pattern": "^[A-Za-z0-9_-]+$"}
   * @minProperties 1
   */
  categories?: Record<string, CategoryConfig>
  /** The consent cookie. */
  cookie?: CookieOptions
  /**
   * The language of the texts and of the consent record, e.g. `"fr"`. Defaults to the page's.
   * @pattern ^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$
   */
  language?: string
  /**
   * The address of the privacy or cookie policy linked from the banner: https:, http:, mailto: or
   * relative. Other schemes, such as `javascript:`, are refused.
   * @pattern ^(?!.*[\s\x00-\x1f\x7f])(?:[hH][tT][tT][pP][sS]?:|[mM][aA][iI][lL][tT][oO]:|(?![a-zA-Z][\w+.-]*:)).
   */
  privacyPolicyUrl?: string
  /**
   * Google Consent Mode v2: `true` for the defaults (compliance §8), or settings. Off by default.
   */
  consentMode?: boolean | ConsentModeConfig
  /**
   * Honour Global Privacy Control: with the browser's signal on, marketing is refused and "Accept
   * all" does not grant it (P-01, P-02).
   * @default true
   */
  gpc?: boolean
  /**
   * `opt-in`: nothing optional runs before a choice (GDPR). `opt-out`: everything runs until the
   * visitor opts out (US state laws, R-11). Used where `regions` has no rule for the visitor.
   * @default "opt-in"
   */
  mode?: 'opt-in' | 'opt-out'
  /**
   * The mode per region (ISO 3166-1 country or 3166-2 subdivision), e.g.
   * `{ "US-CA": "opt-out", "US": "opt-out" }`. The most specific match wins.
   * @propertyNames {"pattern": "^[A-Z]{2}(-[A-Z0-9]{1,3})?$"}
   */
  regions?: Record<string, 'opt-in' | 'opt-out'>
  /**
   * The visitor's region when the server knows it (e.g. from a CDN geo header), such as `"US-CA"`.
   * The drop-in also reads `data-region` on its script tag.
   * @pattern ^[A-Z]{2}(-[A-Z0-9]{1,3})?$
   */
  region?: string
  /** Reload the page after a withdrawal, so that tags already running stop (G-08). @default false */
  reloadOnWithdraw?: boolean
  /**
   * Texts per language code, each overriding the shipped texts key by key, e.g.
   * `{ "fr": { "title": "Vos choix" } }`. A language not shipped needs every key.
   * @propertyNames {"pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"}
   */
  translations?: Record<string, TranslationConfig>
  /** Banner layout and look. */
  ui?: UiConfig
  /** Vendor tags loaded once their category is granted, with their cookies cleared on withdrawal. */
  integrations?: IntegrationsConfig
  /** Where to send consent records as proof of consent. */
  log?: LogConfig
}

/**
 * Texts for one language. Plain text only: HTML is shown as written, never interpreted.
 * `{policyLink}` in `description` marks where the privacy-policy link goes.
 */
export interface TranslationConfig {
  /** @minLength 1 */
  title?: string
  /** @minLength 1 */
  description?: string
  /** @minLength 1 */
  acceptAll?: string
  /** @minLength 1 */
  rejectAll?: string
  /** @minLength 1 */
  customize?: string
  /** @minLength 1 */
  save?: string
  /** @minLength 1 */
  close?: string
  /** Said in the banner when the close button is on: closing it is a refusal. @minLength 1 */
  closeNotice?: string
  /** @minLength 1 */
  preferencesTitle?: string
  /** @minLength 1 */
  preferencesDescription?: string
  /** The privacy-policy link's text. @minLength 1 */
  privacyPolicy?: string
  /** Said when the visitor is asked again because the policy changed (G-11). @minLength 1 */
  revisionMessage?: string
  /** @minLength 1 */
  alwaysActive?: string
  /** @minLength 1 */
  services?: string
  /** @minLength 1 */
  cookies?: string
  /** @minLength 1 */
  cookieName?: string
  /** @minLength 1 */
  cookieProvider?: string
  /** @minLength 1 */
  cookieDuration?: string
  /** @minLength 1 */
  cookieDescription?: string
  /** The cookie table's column of a cookie's `thirdParty` (G-05). @minLength 1 */
  cookieThirdParty?: string
  /** `thirdParty: true` in the cookie table. @minLength 1 */
  yes?: string
  /** `thirdParty: false` in the cookie table. @minLength 1 */
  no?: string
  /** @minLength 1 */
  showDetails?: string
  /** Announced after a choice is saved. @minLength 1 */
  saved?: string
  /** The floating reopen button's name. @minLength 1 */
  settings?: string
  /** @minLength 1 */
  gpcHonored?: string
  /** @minLength 1 */
  doNotSell?: string
  /** @minLength 1 */
  placeholderText?: string
  /** @minLength 1 */
  loadOnce?: string
  /** @minLength 1 */
  allowCategory?: string
  /** Title and description per category id. */
  categories?: Record<string, CategoryTexts>
}

export interface CategoryTexts {
  /** @minLength 1 */
  title?: string
  /** @minLength 1 */
  description?: string
  /** The category's services in this language, by service id: their name and description. */
  services?: Record<string, ServiceTexts>
  /** The details of the category's own cookies in this language, by the cookie's `name` as declared. */
  cookies?: Record<string, CookieTexts>
}

/** A service's texts in one language; what is left out shows as in `categories`. */
export interface ServiceTexts {
  /** @minLength 1 */
  label?: string
  /** @minLength 1 */
  description?: string
  /** The details of the service's cookies in this language, by the cookie's `name` as declared. */
  cookies?: Record<string, CookieTexts>
}

/** A cookie's details in one language, for the cookie table (G-05). */
export interface CookieTexts {
  /** @minLength 1 */
  provider?: string
  /** e.g. `"13 mois"`. @minLength 1 */
  duration?: string
  /** @minLength 1 */
  description?: string
}

/**
 * A CSS value for a theme variable. `url()` is refused: a theme must not load anything from a
 * third party before consent.
 * @pattern ^(?![\s\S]*[uU][rR][lL]\()[#\w\s.,%()+\-/]*$
 */
export type CssValue = string

/** How the banner looks and behaves. */
export interface UiConfig {
  /**
   * `bar`: full width at the top or bottom; `box`: a card in a corner; `modal`: centred.
   * @default "bar"
   */
  layout?: 'bar' | 'box' | 'modal'
  /**
   * Where a `bar` (`top`, `bottom`) or a `box` (`top-left`, `top-right`, `bottom-left`,
   * `bottom-right`) sits. A bar defaults to `bottom`, a box to `bottom-right`.
   */
  position?: 'top' | 'bottom' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'
  /**
   * Make the first layer a modal dialog that must be answered before using the page. Off by
   * default: a cookie wall is not freely given consent (G-06).
   * @default false
   */
  blocking?: boolean
  /** Show a close (×) button that records a refusal, and say so in the banner. @default false */
  closeButton?: boolean
  /**
   * A floating button that reopens the preferences after a choice, for sites without a
   * "Cookie settings" link (G-07). `true` puts it bottom-left.
   * @default false
   */
  reopenButton?: boolean | 'bottom-left' | 'bottom-right'
  /**
   * Fetch the preferences panel's code while the browser is idle after the banner shows, so
   * Customize opens at once. `false` waits until the pointer or the focus reaches Customize. Never
   * with the visitor's Save-Data setting on.
   * @default true
   */
  preloadPanel?: boolean
  /** @default "auto" */
  colorScheme?: 'light' | 'dark' | 'auto'
  /**
   * CSS custom properties without their `--consentry-` prefix, e.g. `{ "accent": "#0b57d0" }`.
   * @propertyNames {"pattern": "^[a-z][a-z0-9-]*$"}
   */
  theme?: Record<string, CssValue>
  /** A CSP nonce for the banner's `<style>`, when constructable stylesheets are unavailable. @minLength 1 */
  nonce?: string
}

/** Google Consent Mode v2 settings (CM-01..CM-09). */
export interface ConsentModeConfig {
  /**
   * The consent types each category grants. Default: analytics → analytics_storage;
   * preferences → functionality_storage, personalization_storage; marketing → ad_storage,
   * ad_user_data, ad_personalization.
   */
  mapping?: Record<string, GoogleConsentType[]>
  /**
   * Milliseconds Google tags wait for the stored choice (CM-04).
   * @asType integer
   * @minimum 0
   * @maximum 10000
   * @default 500
   */
  waitForUpdate?: number
  /** Defaults for some regions, pushed before the global default (CM-05). */
  regions?: ConsentModeRegion[]
  /** `ads_data_redaction` while ad_storage is denied (CM-08). @default true */
  adsDataRedaction?: boolean
  /** `url_passthrough` (CM-08). @default false */
  urlPassthrough?: boolean
  /**
   * The data layer's name.
   * @default "dataLayer"
   * @pattern ^[A-Za-z_$][A-Za-z0-9_$]*$
   */
  dataLayer?: string
}

export interface ConsentModeRegion {
  /** ISO 3166-1 or 3166-2 codes, e.g. `["US-CA", "US-NY"]`. @minItems 1 */
  region: RegionCode[]
  /** Consent types granted by default there; all others are denied. Never use this for the EEA, UK or CH. */
  granted?: GoogleConsentType[]
}

/** @pattern ^[A-Z]{2}(-[A-Z0-9]{1,3})?$ */
export type RegionCode = string

/** Vendor tags that Consentry loads itself, once their category is granted. */
export interface IntegrationsConfig {
  googleAnalytics?: {
    /** @pattern ^G-[A-Z0-9]+$ */
    measurementId: string
    /** @default "analytics" */
    category?: string
    /**
     * The service of `category` that Google Analytics is, e.g. `"ga4"`: it then loads only when
     * that service is granted, not when any service of the category is (G-04).
     */
    service?: string
    /** The gtag.js address, for self-hosting or tests. @default "https://www.googletagmanager.com/gtag/js" */
    scriptUrl?: string
  }
  googleTagManager?: {
    /** @pattern ^GTM-[A-Z0-9]+$ */
    containerId: string
    /** GTM loads once any of these is granted; Consent Mode then tells its tags what they may do (CM-09). @default ["analytics", "marketing"] */
    categories?: string[]
    /** @default "https://www.googletagmanager.com/gtm.js" */
    scriptUrl?: string
  }
  metaPixel?: {
    /** @pattern ^[0-9]+$ */
    pixelId: string
    /** @default "marketing" */
    category?: string
    /**
     * The service of `category` that the Meta Pixel is, e.g. `"meta"`: it then loads only when that
     * service is granted, not when any service of the category is (G-04).
     */
    service?: string
    /** @default "https://connect.facebook.net/en_US/fbevents.js" */
    scriptUrl?: string
  }
}

/** Where each decision is sent as proof of consent (GDPR art. 7(1), G-10). */
export interface LogConfig {
  /**
   * The address each decision is POSTed to as JSON: https: or relative to the page, e.g.
   * `"/api/consent"`. Plain http: is refused: the records are personal data.
   * @pattern ^(https://|/(?![/\\])|\.\.?/)[^\s"'<>\\]*$
   */
  endpoint: string
  /**
   * Records kept in the visitor's localStorage while the endpoint cannot be reached, and sent
   * again on the next page. The oldest are dropped first.
   * @asType integer
   * @minimum 1
   * @maximum 100
   * @default 20
   */
  queueSize?: number
}

/** A cookie declaration after validation, always in object form. */
export interface NormalizedCookie extends CookieDetails {
  path: string
}

export interface NormalizedService {
  label: string
  description?: string
  cookies: NormalizedCookie[]
  /** Web storage keys: names or `"/regex/"` strings. */
  storage: string[]
  /** IndexedDB database names or `"/regex/"` strings. */
  indexedDB: string[]
}

export interface NormalizedCategory {
  required: boolean
  services: Record<string, NormalizedService>
  cookies: NormalizedCookie[]
  /** Web storage keys: names or `"/regex/"` strings. */
  storage: string[]
  /** IndexedDB database names or `"/regex/"` strings. */
  indexedDB: string[]
}

/** The configuration after validation: every default filled in, every invalid part replaced. */
export interface NormalizedConfig {
  revision: number
  categories: Record<string, NormalizedCategory>
  cookie: Required<Omit<CookieOptions, 'domain' | 'refreshUrl'>> & Pick<CookieOptions, 'domain' | 'refreshUrl'>
  language?: string
  privacyPolicyUrl?: string
  translations: Record<string, TranslationConfig>
  ui: NormalizedUi
  /** `null` when Consent Mode is off. */
  consentMode: ConsentModeSettings | null
  gpc: boolean
  mode: ConsentModel
  regions: Record<string, ConsentModel>
  region?: string
  reloadOnWithdraw: boolean
  integrations: NormalizedIntegrations
  /** `null` when no consent log is configured. */
  log: LogSettings | null
}

export const DEFAULT_CATEGORIES = ['essential', 'analytics', 'preferences', 'marketing']
