/** Elements whose URL waits in `data-src`, `data-href` or `data-srcset` until consent. */
const EMBED_TAGS = ['iframe', 'img', 'video', 'audio', 'source', 'link', 'embed']

/** `srcset` before `src`, so an `<img>` picks its candidate once instead of loading `src` first. */
const URL_ATTRIBUTES = ['srcset', 'src', 'href']

/** Whether an element is a gated `<script type="text/plain" data-category>`. */
export const isGatedScript = (element: Element): element is HTMLScriptElement =>
  element.localName == 'script' &&
  element.getAttribute('type')?.toLowerCase() == 'text/plain' &&
  element.hasAttribute('data-category')

/** Whether an element is a gated iframe, image, media, source, link or embed. */
export const isGatedEmbed = (element: Element): boolean =>
  EMBED_TAGS.includes(element.localName) &&
  element.hasAttribute('data-category') &&
  URL_ATTRIBUTES.some(name => element.hasAttribute('data-' + name))

/** Whether a gated script loads from a URL rather than running its own text. */
export const isExternal = (original: HTMLScriptElement): boolean =>
  original.hasAttribute('data-src') || original.hasAttribute('src')

/** Whether a gated script runs in document order: external and not `async`. */
export const isOrdered = (original: HTMLScriptElement): boolean =>
  isExternal(original) && !original.hasAttribute('async')

/**
 * Makes the copy of a gated script that the browser will run once inserted. A new element is
 * needed: a script element that was parsed as `text/plain` never runs, even with its type changed.
 */
export const copyScript = (original: HTMLScriptElement, nonce: string | undefined): HTMLScriptElement => {
  let script = original.ownerDocument.createElement('script')
  for (let { name, value } of Array.from(original.attributes)) {
    if (name != 'type' && name != 'data-src') script.setAttribute(name, value)
  }
  let type = original.getAttribute('data-type')
  if (type) script.type = type
  let src = original.getAttribute('data-src')
  if (src !== null) script.setAttribute('src', src)
  // Inserted scripts are async by default; without it they run in insertion order, as parsed ones do.
  if (isOrdered(original)) script.async = false
  // The property, not the attribute: browsers blank the attribute once parsed (nonce hiding).
  // A nonce-only CSP needs it; under 'strict-dynamic' an inserted script is trusted anyway (T-07).
  let value = original.nonce || nonce
  if (value) script.nonce = value
  script.textContent = original.textContent
  return script
}

/** Moves the gated URLs into the attributes the browser loads from. */
export const activateEmbed = (element: Element): void => {
  for (let name of URL_ATTRIBUTES) {
    let value = element.getAttribute('data-' + name)
    if (value === null) continue
    element.removeAttribute('data-' + name)
    element.setAttribute(name, value)
  }
  // A media element chose its source when parsed; it looks again only when told to.
  let parent = element.parentElement
  if (element.localName == 'source' && (parent?.localName == 'video' || parent?.localName == 'audio')) {
    ;(parent as HTMLMediaElement).load()
  }
}
