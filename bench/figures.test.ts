// The statistics of the headline: a peer is "ahead" of Consentry only beyond run-to-run noise.
import { describe, expect, it } from 'vitest'

import { aheadText, compare, FIGURES, mannWhitney } from './figures.mjs'

const figure = (id: string) => FIGURES.find(f => f.id === id)!

describe('mannWhitney', () => {
  it('gives the two-sided p-value of the normal approximation (as scipy.stats.mannwhitneyu, asymptotic)', () => {
    expect(mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])).toBeCloseTo(0.01219, 4)
    expect(mannWhitney([1, 3, 5, 7, 9], [2, 4, 6, 8, 10])).toBeCloseTo(0.6761, 3)
    // Ties share their rank and shrink the variance.
    expect(mannWhitney([1, 1, 2, 2, 3], [2, 3, 3, 4, 4])).toBeCloseTo(0.05241, 4)
  })

  it('is 1 for identical or missing runs', () => {
    expect(mannWhitney([0, 0, 0], [0, 0, 0])).toBe(1)
    expect(mannWhitney([], [1, 2])).toBe(1)
  })
})

describe('compare', () => {
  it('counts a peer with a lower median as ahead only when its runs are lower beyond noise', () => {
    let noisy = compare(figure('accept-to-tag'), { consentry: 12, orejime: 11, klaro: 14 }, {
      consentry: [10, 12, 12, 13, 15],
      orejime: [9, 11, 11, 14, 16],
      klaro: [13, 14, 14, 15, 15]
    })
    expect(noisy.place).toBe('2 of 3')
    expect(noisy.ahead).toEqual([])
    let clear = compare(figure('accept-to-tag'), { consentry: 12, orejime: 3 }, {
      consentry: [11, 12, 12, 13, 14, 12, 13, 12],
      orejime: [2, 3, 3, 4, 3, 2, 3, 4]
    })
    expect(clear.ahead.map(peer => peer.name)).toEqual(['orejime'])
    expect(aheadText(clear.ahead, true)).toBe('orejime (p < 0.001)')
    expect(aheadText([{ name: 'klaro', p: 0.0312 }], true)).toBe('klaro (p = 0.031)')
  })

  it('counts any lower value as ahead when every run gives the same (bytes), and never Consentry itself', () => {
    let bytes = compare(figure('bytes-banner'), { consentry: 17300, 'consentry-fetch': 17000, orejime: 14500, klaro: 69000 })
    expect(bytes.place).toBe('2 of 3')
    expect(aheadText(bytes.ahead, false)).toBe('orejime')
  })
})
