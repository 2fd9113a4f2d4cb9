/** A child of {@link el}: strings become text nodes, so markup in them is shown, never parsed. */
export type Child = Node | string | null | undefined | false | Child[]

/**
 * Creates an element, the small way: attributes from `props` (`null`, `undefined` and `false`
 * leave one out, `true` sets it empty) and listeners from `on<event>` keys.
 * @example
 * el('button', { type: 'button', onclick: save }, texts.save)
 */
export function el(tag: string, props: Record<string, unknown> | null, ...children: Child[]): HTMLElement {
  let node = document.createElement(tag)
  for (let key in props) {
    let value = props[key]
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value as EventListener)
    else if (value != null && value !== false) node.setAttribute(key, value === true ? '' : String(value))
  }
  node.append(...(children.flat(9).filter(child => child != null && child !== false) as (Node | string)[]))
  return node
}
