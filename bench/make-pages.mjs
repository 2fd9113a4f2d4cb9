// Regenerates bench/pages/*.html: the same article on every page, only the consent setup differs.
// Run once after editing; the generated pages are committed.
import { writeFileSync } from 'node:fs'

const article = `
  <main>
    <h1>The quiet economics of the corner bakery</h1>
    <p class="lead">Every morning at five, before the street lights switch off, the ovens on Rue des Lilas are already warm.</p>
    <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='640' height='240'%3E%3Crect width='640' height='240' fill='%23d9c8a9'/%3E%3C/svg%3E" width="640" height="240" alt="">
${Array.from({ length: 8 }, (_, i) => `    <p>Paragraph ${i + 1}. Flour, water, salt and time: the margins of a neighbourhood bakery depend less on the price of wheat than on the rhythm of the street. The first customers arrive before the trams, the second wave after school drop-off, and the last at lunch. Each wave buys something different, and each asks for a different amount of staff behind the counter.</p>`).join('\n')}
  </main>`

const style = `<style>body{font:16px/1.6 system-ui,sans-serif;margin:0}main{max-width:680px;margin:0 auto;padding:24px}img{max-width:100%;height:auto}</style>`

function page(title, head, body = '') {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  ${style}
${head}
</head>
<body>
${article}
${body}
</body>
</html>
`
}

const CONSENTRY_CONFIG = {
  revision: 1,
  privacyPolicyUrl: '/privacy.html',
  // Category descriptions come from Consentry's built-in English texts.
  categories: { essential: {}, analytics: {}, preferences: {}, marketing: {} },
  ui: { layout: 'bar', reopenButton: false }
}

const desc = { necessary: 'Required for the site to work.', analytics: 'Counts visits.', preferences: 'Remembers your settings.', marketing: 'Measures ads.' }

const pages = {
  blank: page('Baseline (no consent banner)', ''),

  // Configured inline, as every peer is: the JSON in the page, then the drop-in.
  consentry: page('Consentry', `  <script type="application/json" id="consentry-config">${JSON.stringify(CONSENTRY_CONFIG)}</script>
  <script src="/consentry/consentry.min.js"></script>
  <script type="text/plain" data-category="analytics" data-src="/stub-tag.js"></script>`),

  // The same with the configuration in a JSON file (data-config): one more request before the banner.
  'consentry-fetch': page('Consentry (data-config)', `  <script src="/consentry/consentry.min.js" data-config="/consentry.json"></script>
  <script type="text/plain" data-category="analytics" data-src="/stub-tag.js"></script>`),

  'vanilla-cookieconsent': page('vanilla-cookieconsent', `  <link rel="stylesheet" href="/node_modules/vanilla-cookieconsent/dist/cookieconsent.css">
  <script type="text/plain" data-category="analytics" src="/stub-tag.js"></script>`,
  `<script src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
<script>
  CookieConsent.run({
    hideFromBots: false, // the default hides the banner when navigator.webdriver is true
    categories: {
      necessary: { enabled: true, readOnly: true },
      analytics: {},
      preferences: {},
      marketing: {}
    },
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: {
            title: 'We use cookies',
            description: 'We use cookies for analytics, preferences and marketing.',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            showPreferencesBtn: 'Manage preferences'
          },
          preferencesModal: {
            title: 'Cookie preferences',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            savePreferencesBtn: 'Save preferences',
            sections: [
              { title: 'Necessary', description: ${JSON.stringify(desc.necessary)}, linkedCategory: 'necessary' },
              { title: 'Analytics', description: ${JSON.stringify(desc.analytics)}, linkedCategory: 'analytics' },
              { title: 'Preferences', description: ${JSON.stringify(desc.preferences)}, linkedCategory: 'preferences' },
              { title: 'Marketing', description: ${JSON.stringify(desc.marketing)}, linkedCategory: 'marketing' }
            ]
          }
        }
      }
    }
  })
</script>`),

  orejime: page('Orejime', `  <link rel="stylesheet" href="/node_modules/orejime/dist/orejime-standard.css">
  <script>
    window.orejimeConfig = {
      privacyPolicyUrl: '/privacy.html',
      purposes: [
        { id: 'necessary', title: 'Necessary', description: ${JSON.stringify(desc.necessary)}, isMandatory: true, cookies: [] },
        { id: 'analytics', title: 'Analytics', description: ${JSON.stringify(desc.analytics)}, cookies: [] },
        { id: 'preferences', title: 'Preferences', description: ${JSON.stringify(desc.preferences)}, cookies: [] },
        { id: 'marketing', title: 'Marketing', description: ${JSON.stringify(desc.marketing)}, cookies: [] }
      ]
    }
  </script>
  <script src="/node_modules/orejime/dist/orejime-standard-en.js"></script>
  <template data-purpose="analytics"><script src="/stub-tag.js"></script></template>`),

  klaro: page('Klaro', `  <script>
    window.klaroConfig = {
      lang: 'en',
      acceptAll: true, // "Accept all" in the modal; the notice's "That's ok" accepts every service
      services: [
        { name: 'necessary', title: 'Necessary', purposes: ['necessary'], required: true },
        { name: 'analytics', title: 'Analytics', purposes: ['analytics'] },
        { name: 'preferences', title: 'Preferences', purposes: ['preferences'] },
        { name: 'marketing', title: 'Marketing', purposes: ['marketing'] }
      ],
      translations: { en: { purposes: { necessary: 'Necessary', analytics: 'Analytics', preferences: 'Preferences', marketing: 'Marketing' } } }
    }
  </script>
  <script defer data-config="klaroConfig" src="/node_modules/klaro/dist/klaro.js"></script>
  <script type="text/plain" data-type="text/javascript" data-name="analytics" data-src="/stub-tag.js"></script>`),

  tarteaucitron: page('tarteaucitron.js', `  <script src="/node_modules/tarteaucitronjs/tarteaucitron.min.js"></script>
  <script>
    tarteaucitron.init({
      privacyUrl: '/privacy.html',
      orientation: 'bottom',
      AcceptAllCta: true,
      DenyAllCta: true,
      highPrivacy: true,
      showIcon: false,
      useExternalCss: false
    })
    // Custom services, one per category (tarteaucitron's types are fixed: "other" stands in for preferences).
    function stub(key, type, name, js) {
      tarteaucitron.services[key] = { key: key, type: type, name: name, needConsent: true, cookies: [], js: js || function () {} }
      ;(tarteaucitron.job = tarteaucitron.job || []).push(key)
    }
    stub('benchanalytics', 'analytic', 'Analytics', function () { tarteaucitron.addScript('/stub-tag.js') })
    stub('benchpreferences', 'other', 'Preferences')
    stub('benchmarketing', 'ads', 'Marketing')
  </script>`)
}

for (let [name, html] of Object.entries(pages)) writeFileSync(new URL(`pages/${name}.html`, import.meta.url), html)

writeFileSync(new URL('pages/stub-tag.js', import.meta.url), 'window.__tagRan = performance.now()\n')
writeFileSync(new URL('pages/consentry.json', import.meta.url), JSON.stringify(CONSENTRY_CONFIG, null, 2) + '\n')
writeFileSync(new URL('pages/privacy.html', import.meta.url), page('Privacy', ''))
