// Every figure of the report, the headline (Consentry against the best peer) and one chart per figure.
import { barChart } from './svg.mjs'

export const kB = n => (n / 1000).toFixed(1)
export const ms = n => n.toFixed(0)
export const count = n => String(Math.round(n * 10) / 10)
export const cpuLabel = throttle => (throttle === 1 ? 'normal CPU' : `${throttle}x CPU`)

/**
 * Every figure, lower is better. `perCpu` figures read one statistic per CPU rate (its median, and
 * every run's value for the noise test); the others read each of their `series` from the first
 * rate's summary (`s`) and the axe results (`axe`).
 */
export const FIGURES = [
  {
    id: 'bytes-banner',
    title: 'JS + CSS received until the banner is visible',
    unit: 'kB',
    format: kB,
    series: [
      ['gzip', ({ s }) => s.bytes.banner.gzip],
      ['brotli', ({ s }) => s.bytes.banner.brotli]
    ]
  },
  {
    id: 'bytes-preferences',
    title: 'JS + CSS received by the time the preferences panel is visible',
    unit: 'kB',
    format: kB,
    series: [
      ['gzip', ({ s }) => s.bytes.preferences.gzip],
      ['brotli', ({ s }) => s.bytes.preferences.brotli]
    ]
  },
  {
    id: 'banner-visible',
    title: 'Navigation start → banner visible (median)',
    unit: 'ms',
    format: ms,
    perCpu: s => s.bannerVisible
  },
  {
    id: 'banner-after-fcp',
    title: 'Banner visible − first contentful paint (median)',
    unit: 'ms',
    format: ms,
    signed: true,
    perCpu: s => s.bannerAfterFcp
  },
  {
    id: 'tbt',
    title: 'Total blocking time until banner visible + 1 s (median)',
    unit: 'ms',
    format: ms,
    perCpu: s => s.tbt
  },
  {
    id: 'long-tasks',
    title: 'Long tasks (> 50 ms) until banner visible + 1 s (median)',
    unit: '',
    format: count,
    perCpu: s => s.longTasks
  },
  {
    id: 'script',
    title: 'Script evaluation over the blank page (CDP ScriptDuration, median)',
    unit: 'ms',
    format: ms,
    perCpu: s => s.scriptOverBlank
  },
  {
    id: 'cls',
    title: 'Cumulative layout shift until banner visible + 1 s (median)',
    unit: '',
    format: n => n.toFixed(3),
    perCpu: s => s.cls
  },
  {
    id: 'heap',
    title: 'JS heap over the blank page, banner shown (median)',
    unit: 'kB',
    format: kB,
    perCpu: s => s.heapOverBlank
  },
  {
    id: 'accept-to-tag',
    title: '"Accept all" click → gated tag runs (median)',
    unit: 'ms',
    format: ms,
    perCpu: s => s.acceptToTag
  },
  {
    id: 'panel-open',
    title: '"Customize" click → preferences panel visible (median)',
    unit: 'ms',
    format: ms,
    perCpu: s => s.panelOpen
  },
  {
    id: 'axe',
    title: 'axe-core violations, WCAG 2.2 AA rules (banner + panel)',
    unit: '',
    format: count,
    series: [
      ['banner', ({ axe }) => axe?.banner?.violations ?? null],
      ['preferences panel', ({ axe }) => axe?.panel?.violations ?? null]
    ],
    headline: ({ axe }) => (axe?.banner && axe?.panel ? axe.banner.violations + axe.panel.violations : null)
  }
]

/** The standard normal distribution function (Abramowitz and Stegun 26.2.17, error below 1e-7). */
function normal(z) {
  let t = 1 / (1 + 0.2316419 * Math.abs(z))
  let d = 0.3989422804014327 * Math.exp((-z * z) / 2)
  let p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
  return z > 0 ? 1 - p : p
}

/**
 * Two-sided p-value of the Mann-Whitney U test (normal approximation, corrected for ties and
 * continuity): how likely two sets of runs this different are if neither contender is faster.
 * 1 when either set is empty or every value is the same.
 */
export function mannWhitney(a, b) {
  let n1 = a.length
  let n2 = b.length
  if (!n1 || !n2) return 1
  let all = [...a.map(v => [v, 0]), ...b.map(v => [v, 1])].sort((x, y) => x[0] - y[0])
  let n = all.length
  let rankSumA = 0
  let ties = 0
  for (let i = 0; i < n; ) {
    let j = i
    while (j + 1 < n && all[j + 1][0] === all[i][0]) j++
    let rank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) if (all[k][1] === 0) rankSumA += rank
    let t = j - i + 1
    ties += t ** 3 - t
    i = j + 1
  }
  let u = rankSumA - (n1 * (n1 + 1)) / 2
  let sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))))
  if (!(sigma > 0)) return 1
  let z = Math.max(0, Math.abs(u - (n1 * n2) / 2) - 0.5) / sigma
  return Math.min(1, 2 * (1 - normal(z)))
}

/** A peer is ahead beyond noise when its runs are lower and the test gives p below this. */
export const SIGNIFICANCE = 0.05

const withUnit = (figure, value) => (value == null ? '–' : `${figure.format(value)}${figure.unit ? ` ${figure.unit}` : ''}`)

/**
 * Consentry against the best peer on one figure: ratio (or difference for signed figures), place by
 * median, and the peers ahead of it beyond run-to-run noise. `runs` holds each contender's values
 * of every run for the timing figures; without them (bytes, axe: the same in every run) any lower
 * value is ahead.
 */
export function compare(figure, values, runs = null) {
  let own = values.consentry
  // Peers only: consentry-fetch is Consentry too (its data-config variant).
  let peers = Object.entries(values).filter(([name, v]) => !name.startsWith('consentry') && typeof v === 'number')
  if (own == null || !peers.length) return { own, best: null, ratio: '–', place: '–', ahead: [] }
  let [bestName, best] = peers.reduce((a, b) => (b[1] < a[1] ? b : a))
  let lower = peers.filter(([, v]) => v < own)
  let place = 1 + lower.length
  let ahead = lower
    // Without the runs of both (a results.json from before they were kept), a lower median counts.
    .map(([name]) => ({ name, p: runs?.consentry?.length && runs[name]?.length ? mannWhitney(runs.consentry, runs[name]) : 0 }))
    .filter(peer => peer.p < SIGNIFICANCE)
  let ratio
  if (figure.signed) {
    let diff = own - best
    ratio = `${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${figure.format(Math.abs(diff))} ${figure.unit}`
  } else if (best === 0) ratio = own === 0 ? 'tie (both 0)' : 'best peer has 0'
  else ratio = `${(own / best).toFixed(2)}×`
  return { own, best, bestName, ratio, place: `${place} of ${peers.length + 1}`, ahead }
}

/** `none`, or the peers ahead beyond noise with their p-values: `orejime (p = 0.003)`, `klaro (p < 0.001)`. */
export const aheadText = (ahead, timed) =>
  ahead.length ? ahead.map(({ name, p }) => (timed ? `${name} (p ${p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`})` : name)).join(', ') : 'none'

/** The headline rows: one per figure, and per CPU rate for the timing figures. */
export function headline({ contenders, throttles, summary, axe }) {
  let rows = []
  let named = contenders.filter(c => c.name !== 'blank')
  for (let figure of FIGURES) {
    for (let throttle of figure.perCpu ? throttles : [throttles[0]]) {
      let values = Object.fromEntries(
        named.map(c => {
          let s = summary[`${c.name}@${throttle}`]
          let read = figure.perCpu ? s => figure.perCpu(s).median : figure.headline ?? figure.series[0][1]
          return [c.name, figure.perCpu ? read(s) : read({ s, axe: axe[c.name] })]
        })
      )
      let runs = figure.perCpu
        ? Object.fromEntries(named.map(c => [c.name, figure.perCpu(summary[`${c.name}@${throttle}`]).values ?? []]))
        : null
      let cmp = compare(figure, values, runs)
      rows.push({
        figure: figure.id,
        title: figure.title,
        cpu: figure.perCpu ? cpuLabel(throttle) : '–',
        consentry: cmp.own,
        bestPeer: cmp.bestName ?? null,
        bestPeerValue: cmp.best,
        ratio: cmp.ratio,
        place: cmp.place,
        aheadBeyondNoise: cmp.ahead,
        text: {
          own: withUnit(figure, cmp.own),
          best: cmp.bestName ? `${cmp.bestName} ${withUnit(figure, cmp.best)}` : '–',
          ahead: cmp.place === '–' ? '–' : aheadText(cmp.ahead, !!runs)
        }
      })
    }
  }
  return rows
}

/** One SVG per figure: `{ [id]: svg }`. Blank is the baseline, so it gets no bar. */
export function charts({ contenders, throttles, summary, axe, headlineRows }) {
  let named = contenders.filter(c => c.name !== 'blank')
  let out = {}
  for (let figure of FIGURES) {
    let series = figure.perCpu ? throttles.map(cpuLabel) : figure.series.map(([label]) => label)
    let rows = named.map(c => ({
      label: c.name,
      highlight: c.name.startsWith('consentry'),
      values: figure.perCpu
        ? throttles.map(t => figure.perCpu(summary[`${c.name}@${t}`]).median)
        : figure.series.map(([, read]) => read({ s: summary[`${c.name}@${throttles[0]}`], axe: axe[c.name] }))
    }))
    let versus = headlineRows
      .filter(row => row.figure === figure.id && row.bestPeer)
      .map(row => `${figure.perCpu ? `${row.cpu} ` : ''}${row.ratio}${row.ratio.startsWith('tie') ? '' : ` (${row.bestPeer})`}`)
    out[figure.id] = barChart({
      title: figure.title,
      notes: [
        `${figure.unit ? `${figure.unit}, ` : ''}lower is better`,
        ...(versus.length ? [`Consentry vs the best peer: ${versus.join('; ')}`] : [])
      ],
      series,
      rows,
      format: figure.format
    })
  }
  return out
}
