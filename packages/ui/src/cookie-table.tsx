import type { CookieTexts, NormalizedCookie } from '@consentry/core'
import { h } from 'preact'

import { displayName } from './layer.js'
import type { Texts } from './texts.js'

const columns = ['cookieName', 'cookieProvider', 'cookieDuration', 'cookieDescription', 'cookieThirdParty'] as const

/**
 * The cookie table of a category or service: name, provider, duration, purpose, and third-party
 * access when a cookie of the table says whether it has any (G-05).
 */
export function CookieTable({
  cookies,
  texts,
  translated = {},
  label
}: {
  cookies: NormalizedCookie[]
  texts: Texts
  /** The cookies' details in the visitor's language, by name: they win over the configured ones. */
  translated?: Record<string, CookieTexts>
  label: string
}) {
  if (cookies.length === 0) return null
  let headers = columns.slice(0, cookies.some(cookie => cookie.thirdParty != null) ? 5 : 4)
  return (
    // Explicit roles keep the table's semantics when narrow screens restyle rows as blocks.
    <table part="cookie-table" role="table">
      <caption class="cc-sr">{`${texts.cookies}: ${label}`}</caption>
      <thead role="rowgroup">
        <tr role="row">
          {headers.map(key => (
            <th scope="col" role="columnheader" key={key}>
              {texts[key]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {cookies.map(cookie => {
          let { provider, duration, description } = { ...cookie, ...translated[cookie.name] }
          let values = [
            displayName(cookie.name),
            provider,
            duration,
            description,
            cookie.thirdParty != null && texts[cookie.thirdParty ? 'yes' : 'no']
          ]
          return (
            <tr key={cookie.name} role="row">
              {headers.map((key, index) => (
                <td role="cell" data-label={texts[key]} key={key}>
                  {values[index]}
                </td>
              ))}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
