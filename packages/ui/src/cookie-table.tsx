import type { NormalizedCookie } from '@consentry/core'

import type { Texts } from './texts.js'

/** Shows a `"/^_ga_/"` pattern the way visitors read cookie names: `_ga_*`. */
export function displayName(name: string): string {
  let pattern = /^\/\^?(.*?)(\$?)\/[a-z]*$/.exec(name)
  if (!pattern) return name
  let [, body, anchored] = pattern
  return body.replace(/\.[*+]|\(.*\)[?*]/g, '*').replace(/\\/g, '') + (anchored || body.endsWith('*') ? '' : '*')
}

/** The cookie table of a category or service: name, provider, duration, purpose (G-05). */
export function CookieTable({ cookies, texts, label }: { cookies: NormalizedCookie[]; texts: Texts; label: string }) {
  if (cookies.length === 0) return null
  return (
    <table part="cookie-table">
      <caption class="cc-sr">{`${texts.cookies}: ${label}`}</caption>
      <thead>
        <tr>
          <th scope="col">{texts.cookieName}</th>
          <th scope="col">{texts.cookieProvider}</th>
          <th scope="col">{texts.cookieDuration}</th>
          <th scope="col">{texts.cookieDescription}</th>
        </tr>
      </thead>
      <tbody>
        {cookies.map(cookie => (
          <tr key={cookie.name}>
            <td>{displayName(cookie.name)}</td>
            <td>{cookie.provider}</td>
            <td>{cookie.duration}</td>
            <td>{cookie.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
