import { useEffect } from 'react'
import type { ReactNode } from 'react'

import { consentry, useConsent } from './consent.js'
import { useRoute } from './router.js'

/** A stand-in for an analytics library: it counts its own mounts, so a test can see it ran. */
function AnalyticsWidget() {
  useEffect(() => {
    let w = window as { spaAnalyticsStarts?: number }
    w.spaAnalyticsStarts = (w.spaAnalyticsStarts ?? 0) + 1
  }, [])
  return (
    <section aria-labelledby="widget-title" className="widget">
      <h2 id="widget-title">Analytics widget</h2>
      <p>Page views this week: 1,284. This component is only mounted while analytics is granted.</p>
    </section>
  )
}

/** Renders its children only while the category is granted, and `fallback` otherwise. */
function RequireConsent({ category, children, fallback }: { category: string; children: ReactNode; fallback: ReactNode }) {
  useConsent() // re-render on every decision
  return <>{consentry.hasConsent(category) ? children : fallback}</>
}

function Home() {
  return (
    <>
      <h1>Consentry in a React app</h1>
      <p>
        <code>init()</code> runs once, before React renders. The indicator above follows{' '}
        <code>consent.$categories</code> through <code>@nanostores/react</code>, with no reload.
      </p>
      <p>
        <a href="#/stats">See the statistics page</a>, which shows an analytics widget only with your consent.
      </p>
    </>
  )
}

function Stats() {
  return (
    <>
      <h1>Statistics</h1>
      <RequireConsent
        category="analytics"
        fallback={
          <p className="placeholder">
            The analytics widget is off: it needs your consent to analytics.{' '}
            <button type="button" onClick={() => consentry.showPreferences()}>
              Change cookie settings
            </button>
          </p>
        }
      >
        <AnalyticsWidget />
      </RequireConsent>
    </>
  )
}

function Privacy() {
  return (
    <>
      <h1>Privacy policy</h1>
      <p>
        This demo stores your choice in one cookie, <code>consentry</code>. Analytics and marketing run only with your
        consent; you can change your mind at any time with "Cookie settings" below.
      </p>
    </>
  )
}

const ROUTES: Record<string, () => ReactNode> = { '/': Home, '/stats': Stats, '/privacy': Privacy }

export function App() {
  let route = useRoute()
  let Page = ROUTES[route] ?? Home
  let { analytics } = useConsent()
  return (
    <>
      <header>
        <nav aria-label="Main">
          <a href="#/" aria-current={route === '/' ? 'page' : undefined}>
            Home
          </a>{' '}
          <a href="#/stats" aria-current={route === '/stats' ? 'page' : undefined}>
            Statistics
          </a>{' '}
          <a href="/">All examples</a>
        </nav>
        <p role="status" id="analytics-indicator">
          Analytics: {analytics ? 'on' : 'off'}
        </p>
      </header>
      <main>
        <Page />
      </main>
      <footer>
        <button type="button" onClick={() => consentry.showPreferences()}>
          Cookie settings
        </button>{' '}
        <a href="#/privacy" data-consentry="preferences">
          Manage cookies
        </a>{' '}
        <a href="#/privacy">Privacy policy</a>
      </footer>
    </>
  )
}
