import { h } from 'preact'

export interface SwitchProps {
  /** The id of the element whose text names the switch (its visible label, WCAG 2.5.3). */
  labelledBy: string
  describedBy?: string
  checked: boolean
  disabled?: boolean
  onChange(checked: boolean): void
}

/** A native checkbox with the switch role: Space toggles it, and its state is announced. */
export function Switch({ labelledBy, describedBy, checked, disabled, onChange }: SwitchProps) {
  return (
    <span class="cc-switch">
      <input
        type="checkbox"
        role="switch"
        part="switch"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        checked={checked}
        disabled={disabled}
        onChange={event => onChange(event.currentTarget.checked)}
      />
    </span>
  )
}
