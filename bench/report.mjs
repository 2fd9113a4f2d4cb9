// The markdown report: the headline, the tables, the method, the machine and the versions.
import { FIGURES, SIGNIFICANCE, count, cpuLabel, kB, ms } from './figures.mjs'

/** One sentence over the headline: on how many rows Consentry is first, and first within noise. */
function summaryLine(rows) {
  let ranked = rows.filter(r => r.place !== '–')
  let first = ranked.filter(r => r.place.startsWith('1 of'))
  let withinNoise = ranked.filter(r => r.aheadBeyondNoise.length === 0)
  let behind = ranked.filter(r => r.aheadBeyondNoise.length > 0)
  return (
    `**Consentry has the lowest median on ${first.length} of ${ranked.length} rows, and no peer is ahead of it beyond noise on ${withinNoise.length} of ${ranked.length}.**` +
    (behind.length ? ` Behind beyond noise: ${behind.map(r => `${r.title.replace(/ \(median\)$/, '')}${r.cpu !== '–' ? ` at ${r.cpu}` : ''}`).join('; ')}.` : '')
  )
}

const pair = (s, f = ms) => (s.median == null ? '–' : `${f(s.median)} / ${f(s.p90)}`)
const bytes = b => (b.runs ? `${kB(b.raw)} / ${kB(b.gzip)} / ${kB(b.brotli)}` : '–')

function sizeTable({ contenders, throttles, summary, axe, versions }) {
  let rows = [
    '| Contender | Version | Until banner visible: raw / gzip / br (kB) | After opening preferences: raw / gzip / br (kB) | axe violations: banner / panel | Gated tag before consent | After "Reject all" | Tag runs after "Accept all" |',
    '| --- | --- | ---: | ---: | :---: | :---: | :---: | :---: |'
  ]
  for (let c of contenders) {
    let first = summary[`${c.name}@${throttles[0]}`]
    let all = throttles.map(t => summary[`${c.name}@${t}`])
    let sum = key => all.reduce((n, s) => n + (s.correctness[key] ?? 0), 0)
    let runs = all.reduce((n, s) => n + s.runs, 0)
    let a = axe[c.name]
    let axeCell = a
      ? [a.banner, a.panel].map(x => (x ? `${x.violations}${x.nodes ? ` (${x.nodes} node${x.nodes === 1 ? '' : 's'})` : ''}` : '–')).join(' / ')
      : '–'
    let gated = sum('gatedBeforeConsent')
    let rejectChecks = sum('rejectChecks')
    let rejectBad = sum('rejectViolations')
    let rejectOk = sum('rejectPassed')
    let accepted = sum('tagAfterAccept')
    let panelFailed = first.failedRuns.preferences ? ` (panel did not open in ${first.failedRuns.preferences}/${first.runs} runs)` : ''
    rows.push(
      `| ${c.name} | ${versions[c.name]} | ${c.banner ? bytes(first.bytes.banner) : '–'} | ${c.panel ? bytes(first.bytes.preferences) : '–'}${panelFailed} | ` +
        `${c.name === 'blank' ? `page: ${a?.banner?.violations ?? '–'}` : axeCell} | ` +
        `${c.banner ? (gated ? `✗ ${gated}/${runs}` : `✓ none in ${runs}`) : '–'} | ` +
        `${c.reject ? (rejectBad ? `✗ ${rejectBad}/${rejectChecks}` : rejectOk < rejectChecks ? `? ${rejectChecks - rejectOk}/${rejectChecks} failed` : `✓ ${rejectOk}/${rejectChecks}`) : '–'} | ` +
        `${c.accept ? (accepted === runs ? `✓ ${accepted}/${runs}` : `✗ ${accepted}/${runs}`) : '–'} |`
    )
  }
  return rows.join('\n')
}

function timingTable({ contenders, summary }, throttle) {
  let rows = [
    '| Contender | Banner visible, ms | Banner − FCP, ms | Total blocking time, ms | Long tasks (longest, ms median) | Script eval over blank, ms | CLS | JS heap over blank, kB | Accept all → tag, ms | Customize → panel, ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  ]
  for (let c of contenders) {
    let s = summary[`${c.name}@${throttle}`]
    let failed = s.failedRuns.loads ? ` (${s.failedRuns.loads}/${s.runs} runs failed)` : ''
    let longTasks = s.longTasks.median == null ? '–' : `${count(s.longTasks.median)} / ${count(s.longTasks.p90)} (${ms(s.longestTask.median)})`
    rows.push(
      `| ${c.name}${failed} | ${c.banner ? pair(s.bannerVisible) : `FCP ${pair(s.fcp)}`} | ${c.banner ? pair(s.bannerAfterFcp) : '–'} | ` +
        `${pair(s.tbt)} | ${longTasks} | ${c.name === 'blank' ? `${ms(s.scriptDuration.median)} (itself)` : pair(s.scriptOverBlank)} | ` +
        `${pair(s.cls, x => x.toFixed(3))} | ${c.name === 'blank' ? '0' : pair(s.heapOverBlank, kB)} | ` +
        `${c.accept ? pair(s.acceptToTag) : '–'} | ${c.panel ? pair(s.panelOpen) : '–'} |`
    )
  }
  return rows.join('\n')
}

/** The whole docs/benchmarks.md. `links` are paths relative to the markdown file. */
export function markdown(data, { command, quick, links, changes = '' }) {
  let { contenders, throttles, summary, machine, versions, runs, headlineRows } = data
  let heads = [
    '| Figure | CPU | Consentry | Best peer | Consentry ÷ best peer | Consentry’s place (by median) | Peers ahead beyond noise |',
    '| --- | --- | ---: | ---: | ---: | :---: | :---: |',
    ...headlineRows.map(r => `| ${r.title} | ${r.cpu} | ${r.text.own} | ${r.text.best} | ${r.ratio} | ${r.place} | ${r.text.ahead} |`)
  ].join('\n')
  let chartLinks = FIGURES.map(f => `![${f.title}](${links.img}/bench-${f.id}.svg)`).join('\n\n')
  let problemsOf = s => [
    ...Object.entries(s.failures).flatMap(([kind, list]) => list.map(failure => `${kind} runs: ${failure}`)),
    ...s.pageErrors.map(error => `page error: ${error}`),
    ...s.changedFiles.map(path => `${path} changed during the run: the figures mix its versions`)
  ]
  let problems = Object.values(summary).filter(s => problemsOf(s).length)
  let files = contenders
    .filter(c => c.pkg)
    .map(c => {
      let list = stage => {
        let { files, runs: seenIn } = summary[`${c.name}@${throttles[0]}`].bytes[stage]
        return files.map(f => `\`${f.path}\` (${kB(f.gzip)} kB gzip${f.runs < seenIn ? `, ${f.runs}/${seenIn} runs` : ''})`).join(', ') || '(none)'
      }
      let before = list('banner')
      let after = list('preferences')
      return `- ${c.name}: ${before}${after !== before ? `; by the open panel: ${after}` : ''}`
    })
  return `# Benchmarks: Consentry and other cookie-consent SDKs

Generated by \`${command}\` (bench/run.mjs) on ${machine.date}; raw runs in [results.json](${links.json}).
${quick ? `\n**Quick mode (${runs} runs per contender${throttles.length === 1 ? ', normal CPU only' : ''}): the numbers are indicative only.**\n` : ''}
Every page is the same article with the four categories (necessary, analytics, preferences, marketing) and
one analytics-gated stub tag, set up the way each library documents (see [bench/pages](${links.pages})).
Every peer is configured in the page itself, and so is the \`consentry\` row (an inline
\`<script type="application/json" id="consentry-config">\` before the drop-in); \`consentry-fetch\` is the
same page with \`data-config="/consentry.json"\`, which costs one request before the banner can show. The
headline compares the \`consentry\` row with the peers.
Everything is served from 127.0.0.1; each run uses a new browser context (cold cache, no cookies), and the
contenders are interleaved round-robin, ${runs} runs each${throttles.length > 1 ? `, at ${throttles.map(cpuLabel).join(' and ')}` : ''}.

## Headline: Consentry against the best peer

Medians; lower is better on every figure. The ratio is Consentry's value divided by the best peer's
(below 1.00× Consentry is ahead); for Banner − FCP, which can be negative, it is the difference.
The place counts the peers with a lower median. A lower median can be luck: the last column names
the peers whose runs are lower than Consentry's beyond run-to-run noise (two-sided Mann–Whitney U
test over the ${runs} runs, p < ${SIGNIFICANCE}); bytes and axe are the same in every run, so there any
lower value counts. "none" means no peer is ahead of Consentry beyond noise on that figure.

${summaryLine(headlineRows)}

${heads}

## Size, accessibility and correctness

Bytes are medians over the runs at the first CPU rate measured (normal CPU in a full run); the correctness columns count every run at every CPU rate.

${sizeTable({ ...data, axe: data.axe })}

${throttles
  .map(t =>
    t === 1
      ? `## Timing and main thread, normal CPU\n\nMedian / p90 (nearest rank).\n\n${timingTable(data, 1)}\n`
      : `\n## Timing and main thread, ${t}x CPU throttling (CDP \`Emulation.setCPUThrottlingRate\`)\n\n${timingTable(data, t)}\n`
  )
  .join('')}
## Charts

${chartLinks}

## What is measured

- **JS + CSS until banner visible**: every JS and CSS response body the page had fully received (its resource
  timing entry exists) in the animation frame where the banner first became visible, whatever requested
  it: the library's own loader, lazy chunks and CSS included; raw, gzip -9 and brotli q11 (\`node:zlib\`),
  kB = 1000 bytes as in size-limit. **After opening preferences** is the same at the frame where the
  preferences panel became visible, after a click on the banner's customize button (a separate cold run).
  Inline \`<script>\` blocks and JSON configuration are not counted.
- **Banner visible**: from navigation start to the first animation frame in which the banner element has a
  non-zero box and passes \`checkVisibility({ opacityProperty, visibilityProperty })\`. **Banner − FCP** is the
  gap to first contentful paint; it can be slightly negative, as the frame is sampled before it paints.
- **Total blocking time / long tasks**: \`PerformanceObserver\` entries of type \`longtask\` (> 50 ms)
  starting before the banner became visible + 1 s (blank: FCP + 1 s); TBT is the sum of their time over 50 ms.
- **Script eval over blank**: CDP \`Performance.getMetrics\` \`ScriptDuration\` at the same moment, minus the
  blank page's median.
- **CLS**: layout shifts without recent input, until the banner became visible + 1 s.
- **JS heap over blank**: \`Runtime.getHeapUsage\` after \`HeapProfiler.collectGarbage\`, at the same moment,
  minus the blank page's median.
- **Accept all → tag**: from the click (capture listener on window) to the gated stub tag's first statement.
- **Customize → panel**: from the click on the banner's customize button that worked to the frame where the
  panel is visible (a separate cold run, clicked as soon as the banner shows and again each second until
  the panel shows: tarteaucitron ignores clicks until its extra files are in).
- **axe-core**: ${machine.axeCore}, WCAG 2.2 AA tags, on the whole document (open shadow roots included), once on
  the banner and once on the open preferences panel, after CSS transitions end. The blank page's own count
  is shown as \`page:\`.
- **Gated tag before consent / after reject**: the stub tag must be neither requested nor run before a
  choice, nor within 1 s after "Reject all" made the banner go away (a separate cold run, clicked the same
  way as Customize); after "Accept all" (clicked once the banner has been visible for 1 s) it must run.

Consentry is the workspace build, served from a copy of \`packages/consentry/dist\` taken when the run
starts (its files' sha256 are below), so a rebuild during the run cannot mix two builds.

${changes ? `## What changed in Consentry, before and after\n\n${changes.trim()}\n\n` : ''}## Machine and versions

| | |
| --- | --- |
| CPU | ${machine.cpu} |
| Memory | ${machine.memory} |
| OS | ${machine.os} |
| Node | ${machine.node} |
| Chromium | ${machine.chromium} (headless, playwright-core ${machine.playwrightCore}) |
| axe-core | ${machine.axeCore} |
| Runs per contender | ${runs} per CPU rate, ${Math.round(machine.durationSeconds / 60)} min in all |
| Load average (1 min) | ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end |
${contenders
  .filter(c => c.pkg)
  .map(c => `| ${c.pkg} | ${versions[c.name]} |`)
  .join('\n')}

Files counted per contender (normal CPU):

${files.join('\n')}
${problems.length ? `\nProblems seen:\n\n${problems.map(s => `- ${s.contender} @${cpuLabel(s.cpuThrottling)}: ${problemsOf(s).join('; ')}`).join('\n')}\n` : ''}`
}
