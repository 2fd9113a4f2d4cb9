import { h, render } from 'preact'

import { adoptStyles } from './adopt-styles.js'
import type { ViewState } from './controller.js'
import type { LayerProps } from './layer.js'
import css from './panel.css?inline'
import { Preferences } from './preferences.js'

export { Preferences }

export interface PanelProps extends LayerProps {
  draft: ViewState['draft']
}

/** The preferences panel's code, loaded when the visitor first asks for it (see `loadPanel`). */
export interface PanelModule {
  /** Draws the panel into `container`, or removes it when `props` is `null`. */
  drawPanel(container: Element, props: PanelProps | null): void
  /**
   * Runs the panel's code ahead of its first draw, where the file defers it until then (the
   * drop-in's `consentry-panel.min.js`): called when the visitor reaches Customize.
   */
  prepare?(): void
}

const styled = new WeakSet<Node>()

/**
 * Draws the preferences panel (Preact) into its container in the banner's shadow root, and adds
 * the panel's stylesheet there the first time (with the nonce of the first layer's `<style>`, where
 * constructable stylesheets are missing).
 */
export function drawPanel(container: Element, props: PanelProps | null): void {
  let root = container.getRootNode() as ShadowRoot
  if (props && root.host && !styled.has(root)) {
    styled.add(root)
    adoptStyles(root, css, root.querySelector('style')?.nonce || props.consent.config.ui.nonce)
  }
  render(props && <Preferences {...props} />, container)
}
