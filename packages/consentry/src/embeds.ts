import type { GateOptions } from '@consentry/core'
import { holdPlace } from '@consentry/ui'
import type { Placeholders } from '@consentry/ui'

export type EmbedHooks = Required<Pick<GateOptions, 'onBlockedEmbed' | 'onEmbedLoaded'>> & { stop(): void }

/**
 * The gate's placeholder hooks, with the placeholders' code loaded on the first blocked embed
 * (most pages have none). Until it arrives, an empty box of each embed's size stands in its place,
 * so drawing the placeholder into the page later shifts nothing. A failed load is reported, the
 * embeds are given back their place, and the next blocked embed tries again.
 * @example
 * let embeds = lazyPlaceholders(() => import('consentry/placeholders').then(m => m.createPlaceholders(consent, texts, 'en')))
 * let gate = createGate(consent, embeds)
 */
export function lazyPlaceholders(load: () => Promise<Placeholders>): EmbedHooks {
  let held = new Map<HTMLIFrameElement, [actions: { load(): void }, release: () => void]>()
  let ready: Placeholders | undefined
  let loading: Promise<void> | undefined
  let stopped = false
  let release = (element: HTMLIFrameElement): void => {
    held.get(element)?.[1]()
    held.delete(element)
  }
  return {
    onBlockedEmbed(element, actions) {
      if (ready) return ready.onBlockedEmbed(element, actions)
      if (held.has(element)) return
      held.set(element, [actions, holdPlace(element)])
      loading ??= load().then(
        placeholders => {
          if (stopped) return
          ready = placeholders
          // In one task: the box goes and the placeholder takes its place before the next paint.
          for (let [element, [actions]] of held) {
            release(element)
            placeholders.onBlockedEmbed(element, actions)
          }
        },
        (error: Error) => {
          loading = undefined
          if (stopped) return
          console.error(`consentry: the embed placeholders could not be loaded (${error?.message ?? error}): blocked embeds show none`)
          for (let element of [...held.keys()]) release(element)
        }
      )
    },
    onEmbedLoaded(element) {
      if (held.has(element)) release(element)
      else ready?.onEmbedLoaded(element)
    },
    stop() {
      stopped = true
      for (let element of [...held.keys()]) release(element)
      ready?.stop()
    }
  }
}
