// How to find each library's banner, its preferences panel and its buttons. `banner` and `panel`
// are expressions evaluated in the page that return the element (or null); `accept`, `reject` and
// `customize` are Playwright selectors (CSS pierces open shadow roots).
const consentryRoot = `document.querySelector('consentry-ui')?.shadowRoot`

const CONSENTRY = {
  name: 'consentry',
  pkg: 'consentry',
  page: '/consentry.html',
  banner: `${consentryRoot}?.querySelector('.cc-banner')`,
  panel: `${consentryRoot}?.querySelector('.cc-panel')`,
  accept: '.cc-banner [part~="accept-all"]',
  reject: '.cc-banner [part~="reject-all"]',
  customize: '.cc-banner [part~="customize"]'
}

export const CONTENDERS = [
  { name: 'blank', pkg: null, page: '/blank.html' },
  CONSENTRY,
  // The same page with its configuration in a JSON file (data-config) instead of inline.
  { ...CONSENTRY, name: 'consentry-fetch', page: '/consentry-fetch.html' },
  {
    name: 'vanilla-cookieconsent',
    pkg: 'vanilla-cookieconsent',
    page: '/vanilla-cookieconsent.html',
    banner: `document.querySelector('#cc-main .cm')`,
    panel: `document.querySelector('#cc-main .pm')`,
    accept: '#cc-main .cm [data-role="all"]',
    reject: '#cc-main .cm [data-role="necessary"]',
    customize: '#cc-main .cm [data-role="show"]'
  },
  {
    name: 'orejime',
    pkg: 'orejime',
    page: '/orejime.html',
    banner: `document.querySelector('.orejime-Banner')`,
    panel: `document.querySelector('.orejime-Modal')`,
    accept: '.orejime-Banner-saveButton',
    reject: '.orejime-Banner-declineButton',
    customize: '.orejime-Banner-learnMoreButton'
  },
  {
    name: 'klaro',
    pkg: 'klaro',
    page: '/klaro.html',
    banner: `document.querySelector('.klaro .cookie-notice:not(.cookie-notice-hidden)')`,
    panel: `document.querySelector('.klaro .cookie-modal .cm-modal')`,
    accept: '.cookie-notice .cm-btn-success',
    reject: '.cookie-notice .cm-btn-danger',
    customize: '.cookie-notice .cn-learn-more'
  },
  {
    name: 'tarteaucitron',
    pkg: 'tarteaucitronjs',
    page: '/tarteaucitron.html',
    banner: `document.querySelector('#tarteaucitronAlertBig')`,
    panel: `document.querySelector('#tarteaucitron')`,
    accept: '#tarteaucitronPersonalize2',
    reject: '#tarteaucitronAllDenied2',
    customize: '#tarteaucitronCloseAlert'
  }
]

/** The contenders named in `only` (every one when it is empty); blank is always kept, as the baseline. */
export function pickContenders(only) {
  if (!only?.length) return CONTENDERS
  let unknown = only.filter(name => !CONTENDERS.some(c => c.name === name))
  if (unknown.length) throw new Error(`Unknown contender: ${unknown.join(', ')}`)
  return CONTENDERS.filter(c => c.name === 'blank' || only.includes(c.name))
}
