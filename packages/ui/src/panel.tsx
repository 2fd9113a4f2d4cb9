import { h, render } from 'preact'

import type { ViewState } from './controller.js'
import type { LayerProps } from './layer.js'
import { Preferences } from './preferences.js'

export { Preferences }

export interface PanelProps extends LayerProps {
  draft: ViewState['draft']
}

/** The preferences panel's code, loaded when the visitor first asks for it (see `loadPanel`). */
export interface PanelModule {
  /** Draws the panel into `container`, or removes it when `props` is `null`. */
  drawPanel(container: Element, props: PanelProps | null): void
}

/** Draws the preferences panel (Preact) into its container in the banner's shadow root. */
export function drawPanel(container: Element, props: PanelProps | null): void {
  render(props && <Preferences {...props} />, container)
}
