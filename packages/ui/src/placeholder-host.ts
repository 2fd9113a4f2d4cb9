// Apart from placeholder.ts: the drop-in's first file holds an embed's place with it, while the
// placeholders themselves come in a file of their own. Both hide and give back embeds this way.

/**
 * The element a placeholder is drawn in: a block at the embed's size (its `width` and `height`
 * attributes) and at least the placeholder's own height, so that what is drawn into it later
 * moves nothing. Not yet in the page.
 */
export function placeholderHost(element: Element): HTMLElement {
  let host = document.createElement('consentry-placeholder')
  for (let size of ['width', 'height'] as const) {
    let value = element.getAttribute(size)
    if (value) host.style[size] = /^\d+$/.test(value) ? value + 'px' : value
  }
  // 9em of the placeholder's 15px font: the height of its .cc-ph box before its text wraps.
  host.style.cssText += 'display:block;max-width:100%;min-height:135px'
  return host
}

/**
 * Hides a blocked embed behind `host` (by default an empty box of its size), put where the embed
 * is. Returns the function that gives the embed its place back.
 */
export function holdPlace(element: HTMLElement, host = placeholderHost(element)): () => void {
  element.hidden = true
  element.before(host)
  return () => {
    host.remove()
    element.hidden = false
  }
}
