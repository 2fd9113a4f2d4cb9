import type { NormalizedCookie } from '@consentry/core'
import { h } from 'preact'

import { displayName } from './layer.js'
import type { Texts } from './texts.js'

const headers = ['cookieName', 'cookieProvider', 'cookieDuration', 'cookieDescription'] as const

/** The cookie table of a category or service: name, provider, duration, purpose (G-05). */
export function CookieTable({ cookies, texts, label }: { cookies: NormalizedCookie[]; texts: Texts; label: string }) {
  if (cookies.length === 0) return null
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
        {cookies.map(cookie => (
          <tr key={cookie.name} role="row">
            {[displayName(cookie.name), cookie.provider, cookie.duration, cookie.description].map((value, index) => (
              <td role="cell" data-label={texts[headers[index]]} key={index}>
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
