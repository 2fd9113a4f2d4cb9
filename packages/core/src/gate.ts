import { activateEmbed, copyScript, isExternal, isGatedEmbed, isGatedScript, isOrdered } from './activate.js'
import type { Consent } from './consent.js'

export interface GateOptions {
  /**
   * Where gated elements are looked for, at the start and whenever some are added.
   * @default document
   */
  root?: Document | Element | DocumentFragment
  /**
   * The nonce for scripts the gate inserts when their own element has none (T-07).
   * @default the nonce of `document.currentScript` when `createGate` runs, if any
   */
  nonce?: string
  /**
   * Called once for each gated iframe that is blocked when the gate starts or when it is added,
   * to draw a placeholder. `load()` loads that iframe alone, whatever the consent ("Load once").
   * @default none: a blocked iframe stays empty
   */
  onBlockedEmbed?: (iframe: HTMLIFrameElement, embed: { load(): void }) => void
  /**
   * Called when a gated iframe gets its URL, by a grant or by `load()`, to remove its placeholder.
   * @default none
   */
  onEmbedLoaded?: (iframe: HTMLIFrameElement) => void
  /** Receives each console message, starting with `consentry: `. @default console.warn */
  onMessage?: (message: string) => void
}

/**
 * Hosts whose scripts and embeds track visitors (analytics, advertising, session recording, the
 * YouTube player): never strictly necessary, so never gated by a required category (G-09).
 */
const TRACKER = /^(https?:)?\/\/([\w-]+\.)*(googletagmanager\.com|google-analytics\.com|doubleclick\.net|googleadservices\.com|googlesyndication\.com|connect\.facebook\.net|hotjar\.com|clarity\.ms|analytics\.tiktok\.com|bat\.bing\.com|snap\.licdn\.com|youtube\.com)[/:?]/i

export interface Gate {
  /**
   * Runs `fn` now if the category (or its service) is granted, else once, when it is.
   * Returns the function that cancels it.
   */
  whenGranted(category: string, fn: () => void, service?: string): () => void
  /**
   * Inserts a script once the category (or its service) is granted, with the gate's nonce.
   * Resolves when it has loaded, rejects when it failed to; stays pending while refused.
   */
  loadScript(src: string, category: string, attributes?: Record<string, string>, service?: string): Promise<void>
  /** Stops watching the page and the decisions. What already ran stays. */
  stop(): void
}

/**
 * Runs the page's gated scripts, and loads its gated iframes, images and links, once their
 * category is granted (T-08): scripts in document order, every element at most once, including
 * elements added later. Withdrawal stops what has not run yet; nothing is "un-run" (G-08).
 * @example
 * // <script type="text/plain" data-category="analytics" data-src="https://example.com/a.js"></script>
 * // <iframe data-category="marketing" data-src="https://www.youtube-nocookie.com/embed/x"></iframe>
 * let gate = createGate(consent, { nonce: 'r4nd0m' })
 * gate.whenGranted('marketing', () => startPixel())
 * await gate.loadScript('https://example.com/chat.js', 'preferences')
 */
export function createGate(consent: Consent, options: GateOptions = {}): Gate {
  let root = options.root ?? document
  let doc = (root.ownerDocument ?? root) as Document
  let nonce = options.nonce ?? doc.currentScript?.nonce
  // Activated elements, and scripts waiting in the queue: nothing is handled twice.
  let done = new WeakSet<Element>()
  let reported = new WeakSet<Element>()
  let queue: HTMLScriptElement[] = []
  // Ordered external scripts inserted but not yet loaded (or failed).
  let waiting = 0
  let cancels = new Set<() => void>()
  let { onMessage = console.warn } = options

  // G-09: a tracker gated by a required category runs without consent. Said once per element, as
  // the gate meets it; the command line's lint checks the configuration's own vendors.
  let audit = (element: Element): void => {
    let category = element.getAttribute('data-category') as string
    let url = element.getAttribute('data-src') ?? element.getAttribute('src') ?? ''
    if (consent.config.categories[category]?.required && TRACKER.test(url)) {
      onMessage(`consentry: ${url} tracks, but its category "${category}" is required: it runs without consent (G-09)`)
    }
  }

  let allowed = (element: Element): boolean => {
    let category = element.getAttribute('data-category') as string
    let service = element.getAttribute('data-service') ?? undefined
    let fallback = category[0] == '!'
    if (fallback) category = category.slice(1)
    let granted = consent.hasConsent(category, service)
    // A fallback answers a refusal: never while undecided, never for a category that does not exist.
    return fallback ? consent.$isDecided.get() && !granted && Object.prototype.hasOwnProperty.call(consent.config.categories, category) : granted
  }

  // While the page is still loading, the parser may not have added all of an inline script's text
  // yet; it has once anything follows the script.
  let parsed = (node: Node): boolean => {
    for (let at: Node | null = node; at; at = at.parentNode) if (at.nextSibling) return true
    return doc.readyState != 'loading'
  }

  let pump = (): void => {
    while (queue.length > 0) {
      let original = queue[0]
      // Consent may have been withdrawn while it waited (G-08), or the page removed it.
      if (!original.isConnected || !allowed(original)) {
        queue.shift()
        done.delete(original)
        continue
      }
      // An inline script runs the moment it is inserted, so it waits for the ordered ones before it.
      if (!isExternal(original) && (waiting > 0 || !parsed(original))) return
      queue.shift()
      let script = copyScript(original, nonce)
      if (isOrdered(original)) {
        waiting++
        // Error counts as done: a script stopped by an ad blocker must not stall the others.
        let settle = (): void => {
          script.removeEventListener('load', settle)
          script.removeEventListener('error', settle)
          waiting--
          pump()
        }
        script.addEventListener('load', settle)
        script.addEventListener('error', settle)
      }
      // Inserted by script, not by the parser, so 'strict-dynamic' trusts it (T-07).
      original.replaceWith(script)
    }
  }

  let open = (element: Element): void => {
    if (done.has(element)) return
    done.add(element)
    activateEmbed(element)
    if (element.localName == 'iframe') options.onEmbedLoaded?.(element as HTMLIFrameElement)
  }

  let handle = (elements: Iterable<Element>): void => {
    let scripts: HTMLScriptElement[] = []
    for (let element of elements) {
      if (done.has(element)) continue
      if (isGatedScript(element)) {
        if (allowed(element)) {
          audit(element)
          done.add(element)
          scripts.push(element)
        }
      } else if (isGatedEmbed(element)) {
        if (allowed(element)) {
          audit(element)
          open(element)
        } else if (
          element.localName == 'iframe' &&
          element.getAttribute('data-category')?.[0] != '!' &&
          !reported.has(element)
        ) {
          reported.add(element)
          options.onBlockedEmbed?.(element as HTMLIFrameElement, { load: () => open(element) })
        }
      }
    }
    // Mutation records come in insertion order, which need not be document order.
    queue.push(...scripts.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1)))
    pump()
  }

  let scan = (): void => handle(root.querySelectorAll('[data-category]'))

  let observer = new MutationObserver(records => {
    let added: Element[] = []
    for (let record of records) {
      for (let node of Array.from(record.addedNodes)) {
        if (node.nodeType == 1) added.push(node as Element, ...(node as Element).querySelectorAll('[data-category]'))
      }
    }
    // Processed even when nothing gated was added: the parser may have finished a waiting script.
    handle(added)
  })
  // Watching starts before the first scan, so markup that a running script adds is not missed.
  observer.observe(root, { childList: true, subtree: true })
  doc.addEventListener('DOMContentLoaded', pump)
  let unlisten = consent.on('change', scan)
  scan()

  let whenGranted = (category: string, fn: () => void, service?: string): (() => void) => {
    if (consent.hasConsent(category, service)) {
      fn()
      return () => {}
    }
    let cancel = (): void => {
      cancels.delete(cancel)
      stopListening()
    }
    let stopListening = consent.on('change', () => {
      if (!consent.hasConsent(category, service)) return
      cancel()
      fn()
    })
    cancels.add(cancel)
    return cancel
  }

  return {
    whenGranted,
    loadScript: (src, category, attributes = {}, service) =>
      new Promise((resolve, reject) => {
        whenGranted(
          category,
          () => {
            let script = doc.createElement('script')
            for (let name in attributes) script.setAttribute(name, attributes[name])
            script.setAttribute('src', src)
            let value = attributes.nonce ?? nonce
            if (value) script.nonce = value
            script.addEventListener('load', () => resolve())
            script.addEventListener('error', () => reject(new Error(`consentry: could not load ${src}`)))
            doc.head.append(script)
          },
          service
        )
      }),
    stop() {
      observer.disconnect()
      doc.removeEventListener('DOMContentLoaded', pump)
      unlisten()
      for (let cancel of cancels) cancel()
      queue.length = 0
    }
  }
}
