import { describe, expect, it } from 'vitest'

import { csvField, csvRow } from './csv.js'

describe('csvField', () => {
  it('quotes text and doubles its quotes', () => {
    expect(csvField('{"a":true}')).toBe('"{""a"":true}"')
    expect(csvField('line\nbreak, comma')).toBe('"line\nbreak, comma"')
  })

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', '\ncmd'].map(csvField)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      `"'+1"`,
      `"'-2+3"`,
      `"'@SUM(A1)"`,
      `"'\tcmd"`,
      `"'\rcmd"`,
      `"'\ncmd"`
    ])
  })

  it('leaves numbers and booleans bare and null empty', () => {
    expect([csvField(3), csvField(false), csvField(null)]).toEqual(['3', 'false', ''])
  })
})

describe('csvRow', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvRow(['a', 1, null, true])).toBe('"a",1,,true\r\n')
  })
})
