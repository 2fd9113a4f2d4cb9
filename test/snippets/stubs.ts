// What the docs' framework snippets take for granted: the site's own chat widget, its analytics
// call and its router. Each records what it was asked to do, so a test can assert on it.
import { useStore } from '@nanostores/react'
import { atom } from 'nanostores'
import { createElement } from 'react'
import type { ReactElement } from 'react'

/** The site's chat widget, which needs the preferences category. */
export function ChatWidget(): ReactElement {
  return createElement('p', null, 'Chat widget')
}

/** Every path sent to the site's analytics, in order. */
export const pageViews: string[] = []

export function sendPageView(path: string): void {
  pageViews.push(path)
}

/** The part of Vue Router's route that the guard reads. */
export interface Route {
  fullPath: string
}

type Guard = (to: Route) => void

let guards: Guard[] = []

/** Vue Router's `afterEach`, and `navigate` to run the guards as a navigation would. */
export const router = {
  afterEach(guard: Guard): () => void {
    guards.push(guard)
    return () => {
      guards = guards.filter(other => other !== guard)
    }
  },
  navigate(fullPath: string): void {
    for (let guard of guards) guard({ fullPath })
  }
}

/** The current React Router location; set it to navigate. */
export const $location = atom({ pathname: '/' })

/** React Router's `useLocation`: a new object at every navigation. */
export function useLocation(): { pathname: string } {
  return useStore($location)
}
