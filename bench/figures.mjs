// Every figure of the report, the headline (Consentry against the best peer) and one chart per figure.
import { barChart } from './svg.mjs'

export const kB = n => (n / 1000).toFixed(1)
export const ms = n => n.toFixed(0)
export const count = n => String(Math.round(n * 10) / 10)
export const cpuLabel = throttle => (throttle === 1 ? 'normal CPU' : `${throttle}x CPU`)

/**
 * Every figure, lower is better. `perCpu` figures read one value per CPU rate; the others read
 * each of their `series` from the first rate's summary (`s`) and the axe results (`axe`).
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
  { id: 'banner-visible', title: 'Navigation start → banner visible (median)', unit: 'ms', format: ms, perCpu: s => s.bannerVisible.median },
  {
    id: 'banner-after-fcp',
    title: 'Banner visible − first contentful paint (median)',
    unit: 'ms',
    format: ms,
    signed: true,
    perCpu: s => s.bannerAfterFcp.median
  },
  { id: 'tbt', title: 'Total blocking time until banner visible + 1 s (median)', unit: 'ms', format: ms, perCpu: s => s.tbt.median },
  { id: 'long-tasks', title: 'Long tasks (> 50 ms) until banner visible + 1 s (median)', unit: '', format: count, perCpu: s => s.longTasks.median },
  { id: 'script', title: 'Script evaluation over the blank page (CDP ScriptDuration, median)', unit: 'ms', format: ms, perCpu: s => s.scriptOverBlank.median },
  { id: 'cls', title: 'Cumulative layout shift until banner visible + 1 s (median)', unit: '', format: n => n.toFixed(3), perCpu: s => s.cls.median },
  { id: 'heap', title: 'JS heap over the blank page, banner shown (median)', unit: 'kB', format: kB, perCpu: s => s.heapOverBlank.median },
  { id: 'accept-to-tag', title: '"Accept all" click → gated tag runs (median)', unit: 'ms', format: ms, perCpu: s => s.acceptToTag.median },
  { id: 'panel-open', title: '"Customize" click → preferences panel visible (median)', unit: 'ms', format: ms, perCpu: s => s.panelOpen.median },
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

const withUnit = (figure, value) => (value == null ? '–' : `${figure.format(value)}${figure.unit ? ` ${figure.unit}` : ''}`)

// Consentry against the best peer on one figure: ratio (or difference for signed figures) and place.
function compare(figure, values) {
  let own = values.consentry
  // Peers only: consentry-fetch is Consentry too (its data-config variant).
  let peers = Object.entries(values).filter(([name, v]) => !name.startsWith('consentry') && typeof v === 'number')
  if (own == null || !peers.length) return { own, best: null, ratio: '–', place: '–' }
  let [bestName, best] = peers.reduce((a, b) => (b[1] < a[1] ? b : a))
  let place = 1 + peers.filter(([, v]) => v < own).length
  let ratio
  if (figure.signed) {
    let diff = own - best
    ratio = `${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${figure.format(Math.abs(diff))} ${figure.unit}`
  } else if (best === 0) ratio = own === 0 ? 'tie (both 0)' : 'best peer has 0'
  else ratio = `${(own / best).toFixed(2)}×`
  return { own, best, bestName, ratio, place: `${place} of ${peers.length + 1}` }
}

/** The headline rows: one per figure, and per CPU rate for the timing figures. */
export function headline({ contenders, throttles, summary, axe }) {
  let rows = []
  let named = contenders.filter(c => c.name !== 'blank')
  for (let figure of FIGURES) {
    for (let throttle of figure.perCpu ? throttles : [throttles[0]]) {
      let values = Object.fromEntries(
        named.map(c => {
          let s = summary[`${c.name}@${throttle}`]
          let read = figure.perCpu ?? figure.headline ?? figure.series[0][1]
          return [c.name, figure.perCpu ? read(s) : read({ s, axe: axe[c.name] })]
        })
      )
      let cmp = compare(figure, values)
      rows.push({
        figure: figure.id,
        title: figure.title,
        cpu: figure.perCpu ? cpuLabel(throttle) : '–',
        consentry: cmp.own,
        bestPeer: cmp.bestName ?? null,
        bestPeerValue: cmp.best,
        ratio: cmp.ratio,
        place: cmp.place,
        text: {
          own: withUnit(figure, cmp.own),
          best: cmp.bestName ? `${cmp.bestName} ${withUnit(figure, cmp.best)}` : '–'
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
        ? throttles.map(t => figure.perCpu(summary[`${c.name}@${t}`]))
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
