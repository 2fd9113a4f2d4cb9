import { describe, expect, it } from 'vitest'

import { decodeRecord, encodeRecord } from './record.js'
import type { ConsentRecord } from './record.js'

const record: ConsentRecord = {
  id: '0f8c3a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  categories: { essential: true, analytics: true, preferences: false, marketing: false },
  services: {
    analytics: { ga4: true, hotjar: false },
    marketing: { meta: false, 'google-ads': false, tiktok: false }
  },
  revision: 2,
  givenAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T08:30:15.000Z',
  expiresAt: '2027-05-21T08:30:15.000Z',
  method: 'custom',
  language: 'pt-BR'
}

describe('the consent cookie value', () => {
  it('reads back exactly the record that was written', () => {
    expect(decodeRecord(encodeRecord(record))).toEqual(record)
    let withGpc: ConsentRecord = { ...record, method: 'gpc', gpc: true }
    expect(encodeRecord(withGpc).endsWith('~1')).toBe(true)
    expect(decodeRecord(encodeRecord(withGpc))).toEqual(withGpc)
  })

  it('keeps the layer a decision was taken on as one letter after the method (G-10)', () => {
    for (let uiLayer of ['first', 'second', 'placeholder'] as const) {
      let taken: ConsentRecord = { ...record, uiLayer }
      expect(encodeRecord(taken).split('~')[6]).toBe('2' + uiLayer[0])
      expect(decodeRecord(encodeRecord(taken))).toEqual(taken)
    }
    // Without a layer the value is as before, so cookies written earlier read back unchanged.
    expect(encodeRecord(record).split('~')[6]).toBe('2')
  })

  it('stays under 512 bytes for the four default categories with five services (T-02)', () => {
    let value = encodeRecord(record)
    expect(`consentry=${value}`.length).toBeLessThanOrEqual(512)
    // Only characters a cookie carries unencoded, so js-cookie writes it as it is.
    expect(encodeURIComponent(value).replace(/%(3A|7C)/g, '')).toBe(value.replace(/[:|]/g, ''))
  })

  it('treats tampered, truncated, foreign and old-format values as no record', () => {
    let value = encodeRecord(record)
    let parts = value.split('~')
    let variants = [
      '',
      'yes',
      '{"analytics":true}',
      value.slice(0, value.length - 30),
      value + '~extra',
      ['2', ...parts.slice(1)].join('~'),
      [parts[0], 'not-a-uuid', ...parts.slice(2)].join('~'),
      [...parts.slice(0, 2), '0', ...parts.slice(3)].join('~'),
      [...parts.slice(0, 2), '1e3', ...parts.slice(3)].join('~'),
      [...parts.slice(0, 3), 'zz-top', ...parts.slice(4)].join('~'),
      [...parts.slice(0, 6), '9', ...parts.slice(7)].join('~'),
      [...parts.slice(0, 6), '2x', ...parts.slice(7)].join('~'),
      [...parts.slice(0, 6), '2ff', ...parts.slice(7)].join('~'),
      [...parts.slice(0, 7), 'english!', ...parts.slice(8)].join('~'),
      [...parts.slice(0, 8), 'analytics.<script>', parts[9]].join('~'),
      [...parts.slice(0, 9), 'analytics:ga4:extra'].join('~'),
      [...parts.slice(0, 9), 'bad id:ga4'].join('~'),
      [...parts.slice(0, 9), 'analytics:ga4.!'].join('~')
    ]
    for (let variant of variants) expect(decodeRecord(variant), variant).toBeUndefined()
  })

  it('handles categories without services and an empty category list', () => {
    let simple: ConsentRecord = { ...record, services: {}, categories: {} }
    expect(decodeRecord(encodeRecord(simple))).toEqual(simple)
  })
})
