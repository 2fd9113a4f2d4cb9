import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends the run with one plain line, "vitest: N passed, N failed, N skipped", that CI and people
 * can read at a glance, after the coverage report.
 */
export default class SummaryReporter implements Reporter {
  private counts = { passed: 0, failed: 0, skipped: 0 }

  onTestRunEnd(modules: readonly TestModule[], errors: readonly unknown[]): void {
    for (let module of modules) {
      for (let test of module.children.allTests()) {
        let state = test.result().state
        if (state === 'passed' || state === 'failed') this.counts[state]++
        else this.counts.skipped++
      }
      if (module.state() === 'failed' && !module.children.size) this.counts.failed++
    }
    this.counts.failed += errors.length
    process.on('exit', () => {
      let { passed, failed, skipped } = this.counts
      console.log(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped`)
    })
  }
}
