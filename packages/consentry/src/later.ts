/** A queue of work that a decision starts but nobody waits for; see {@link createLater}. */
export interface Later {
  /** Queues `fn`: it runs after everything queued before it. */
  run(fn: () => void): void
  /** Runs everything queued, then stops watching the page's visibility. */
  stop(): void
}

/**
 * Runs queued work in order when the browser is next idle (at the latest `timeout` ms later; at
 * the next task where `requestIdleCallback` is missing), or at once when the page is hidden, as the
 * visitor leaves or switches away. The follow-up queues the consent log, the cookie's refresh and
 * the sweep of what a refusal takes back: the click that decides then ends once the gate has
 * acted, and the banner closes at the next paint (INP).
 * A throwing `fn` is reported in the console and does not stop the others.
 */
export function createLater(timeout = 500): Later {
  let queue: (() => void)[] = []
  let flush = (): void => {
    // Each leaves the queue before it runs: one that throws or queues more keeps the order.
    for (let fn; (fn = queue.shift()); ) {
      try {
        fn()
      } catch (error) {
        console.error('consentry: a change listener failed', error)
      }
    }
  }
  let onHidden = (): void => {
    if (document.visibilityState == 'hidden') flush()
  }
  document.addEventListener('visibilitychange', onHidden)
  return {
    run(fn) {
      // The first one queued asks for the run; later ones join it.
      if (queue.push(fn) > 1) return
      if (typeof requestIdleCallback == 'function') requestIdleCallback(flush, { timeout })
      else setTimeout(flush)
    },
    stop() {
      flush()
      document.removeEventListener('visibilitychange', onHidden)
    }
  }
}
