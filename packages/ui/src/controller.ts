import type { Consent, ConsentChoice, ServiceGrants, UiLayer } from '@consentry/core'
import { atom } from 'nanostores'
import type { ReadableAtom } from 'nanostores'

/** The switches of the preferences panel before they are saved. */
export interface Draft {
  categories: Record<string, boolean>
  services: ServiceGrants
}

export interface ViewState {
  /** The first layer is shown: on a first visit, after expiry or a new revision, or on request. */
  banner: boolean
  /** The preferences panel is open. */
  panel: boolean
  draft: Draft
  /** Announced by the status region after a choice is saved. */
  status: string
}

/**
 * What the banner and panel can do; all state lives in `$view` and in the consent engine. A
 * decision's `uiLayer` is the layer it was taken on, for the record (G-10); the JS API gives none.
 */
export interface UiController {
  $view: ReadableAtom<ViewState>
  showBanner(): void
  /** Opens the panel with the current choice (nothing optional ticked while undecided, G-03). */
  showPreferences(): void
  /** Closes the panel without saving. */
  closePreferences(): void
  /** Flips a category (and its services), or one service. */
  toggle(category: string, value: boolean, service?: string): void
  /** Saves the panel's switches; with nothing switched on it is a refusal. */
  save(uiLayer?: UiLayer): void
  acceptAll(uiLayer?: UiLayer): void
  rejectAll(uiLayer?: UiLayer): void
  /** The close button: a refusal recorded as a dismissal. */
  dismiss(uiLayer?: UiLayer): void
  /** "Do not sell or share my personal information": refuses marketing, keeps the rest. */
  optOut(uiLayer?: UiLayer): void
}

const copy = (draft: Draft): Draft => ({
  categories: { ...draft.categories },
  services: Object.fromEntries(Object.entries(draft.services).map(([id, services]) => [id, { ...services }]))
})

/**
 * The banner's behaviour without any rendering, so it can be tested and reused: which layer is
 * shown, the panel's unsaved switches, and the status message.
 */
export function createUiController(consent: Consent, savedText: string): UiController {
  let { categories } = consent.config
  let current = (): Draft => copy({ categories: consent.$categories.get(), services: consent.$services.get() })
  // Opt-out regions need no banner before a choice: everything runs until the visitor opts out.
  let asks = (decided: boolean): boolean => !decided && consent.mode === 'opt-in'
  let $view = atom<ViewState>({ banner: asks(consent.$isDecided.get()), panel: false, draft: current(), status: '' })
  let update = (changes: Partial<ViewState>): void => $view.set({ ...$view.get(), ...changes })

  // Decisions made elsewhere (the JS API, another tab's reset) show or hide the first layer too.
  let deciding = false
  consent.$isDecided.listen(decided => {
    if (!deciding) update({ banner: asks(decided), panel: false })
  })

  // A decision taken here closes the layers once the engine's listeners have run: the gate starts
  // the tags it allows before the banner's closing work, not after it.
  let decided = (decide: () => void): void => {
    deciding = true
    try {
      decide()
    } finally {
      deciding = false
    }
    update({ banner: false, panel: false, status: savedText })
  }

  return {
    $view,
    showBanner: () => update({ banner: true }),
    showPreferences: () => update({ panel: true, draft: current(), status: '' }),
    closePreferences: () => update({ panel: false }),
    toggle(category, value, service) {
      if (categories[category]?.required) return
      let draft = copy($view.get().draft)
      let services = draft.services[category]
      if (service === undefined) {
        draft.categories[category] = value
        for (let id in services) services[id] = value
      } else if (services) {
        services[service] = value
        draft.categories[category] = Object.values(services).some(Boolean)
      }
      update({ draft })
    },
    save(uiLayer) {
      let { draft } = $view.get()
      let choice: ConsentChoice = {}
      for (let id in categories) choice[id] = draft.services[id] ?? draft.categories[id]
      decided(() => consent.setConsent(choice, 'custom', uiLayer))
    },
    acceptAll: uiLayer => decided(() => consent.acceptAll('accept-all', uiLayer)),
    rejectAll: uiLayer => decided(() => consent.rejectAll('reject-all', uiLayer)),
    dismiss: uiLayer => decided(() => consent.rejectAll('dismiss', uiLayer)),
    optOut: uiLayer => decided(() => consent.setConsent({ marketing: false }, 'opt-out', uiLayer))
  }
}
