// Turns the raw runs into medians, p90s and correctness counts per contender and CPU rate.

/** Nearest-rank percentile of the finite numbers in `xs`, or null when there are none. */
export function percentile(xs, p) {
  let sorted = xs.filter(x => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (!sorted.length) return null
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

const stat = xs => {
  let values = xs.filter(x => typeof x === 'number' && Number.isFinite(x))
  // Every run's value, for the test that tells a real lead from run-to-run noise (figures.mjs).
  return { median: percentile(values, 50), p90: percentile(values, 90), n: values.length, values }
}

// Median raw/gzip/brotli bytes, and every file seen with the number of runs that received it
// (one entry per content, so a file that changed during the run shows up twice).
function bytesStat(runs) {
  let measured = runs.map(r => r.bytes).filter(Boolean)
  let files = new Map()
  for (let bytes of measured) {
    for (let file of bytes.files) {
      let key = `${file.path} ${file.sha256}`
      let seen = files.get(key) ?? { ...file, runs: 0 }
      seen.runs++
      files.set(key, seen)
    }
  }
  return {
    raw: percentile(measured.map(b => b.raw), 50),
    gzip: percentile(measured.map(b => b.gzip), 50),
    brotli: percentile(measured.map(b => b.brotli), 50),
    runs: measured.length,
    files: [...files.values()]
  }
}

const unique = xs => [...new Set(xs)]

// Paths received with more than one content over the runs (the server serves a snapshot, so: none).
function changedFiles(runs) {
  let contents = unique(runs.flatMap(r => r.bytes?.files ?? []).map(f => `${f.path} ${f.sha256}`))
  let paths = contents.map(key => key.split(' ')[0])
  return unique(paths.filter((path, i) => paths.indexOf(path) !== i))
}

/**
 * One entry per `name@rate`. `raw[key]` holds `{ loads, rejects, preferences }`; heap and script
 * time are given over the blank page's median at the same CPU rate.
 */
export function summarize({ contenders, throttles, raw }) {
  let summary = {}
  for (let throttle of throttles) {
    let blank = raw[`blank@${throttle}`].loads.filter(r => !r.failure)
    let blankHeap = percentile(blank.map(r => r.heap), 50)
    let blankScript = percentile(blank.map(r => r.scriptDuration), 50)
    for (let c of contenders) {
      let { loads, rejects, preferences } = raw[`${c.name}@${throttle}`]
      let ok = loads.filter(r => !r.failure)
      let opened = preferences.filter(r => !r.failure)
      summary[`${c.name}@${throttle}`] = {
        contender: c.name,
        cpuThrottling: throttle,
        runs: loads.length,
        bytes: { banner: bytesStat(ok), preferences: bytesStat(opened) },
        bannerVisible: stat(ok.map(r => r.bannerAt)),
        bannerAfterFcp: stat(ok.map(r => (r.bannerAt != null && r.fcp != null ? r.bannerAt - r.fcp : null))),
        fcp: stat(ok.map(r => r.fcp)),
        tbt: stat(ok.map(r => r.tbt)),
        longTasks: stat(ok.map(r => r.longTasks)),
        longestTask: stat(ok.map(r => r.longestTask)),
        scriptDuration: stat(ok.map(r => r.scriptDuration)),
        scriptOverBlank: stat(ok.map(r => r.scriptDuration - blankScript)),
        cls: stat(ok.map(r => r.cls)),
        heapOverBlank: stat(ok.map(r => r.heap - blankHeap)),
        acceptToTag: stat(ok.map(r => r.acceptToTag)),
        panelOpen: stat(opened.map(r => r.panelOpen)),
        correctness: {
          gatedBeforeConsent: loads.filter(r => r.tagRequestedBeforeConsent || r.tagRanBeforeConsent).length,
          tagAfterAccept: c.accept ? ok.filter(r => r.acceptToTag != null).length : null,
          rejectViolations: rejects.filter(r => r.ok === false).length,
          rejectPassed: rejects.filter(r => r.ok === true).length,
          rejectChecks: rejects.length
        },
        failures: {
          loads: unique(loads.map(r => r.failure).filter(Boolean)),
          rejects: unique(rejects.map(r => r.failure).filter(Boolean)),
          preferences: unique(preferences.map(r => r.failure).filter(Boolean))
        },
        failedRuns: { loads: loads.length - ok.length, rejects: rejects.filter(r => r.ok === null).length, preferences: preferences.length - opened.length },
        pageErrors: unique([...loads, ...preferences].flatMap(r => r.errors ?? [])),
        changedFiles: changedFiles([...loads, ...preferences])
      }
    }
  }
  return summary
}
