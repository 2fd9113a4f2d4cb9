// A tiny hash router: the app is served as static files, so "#/stats" survives a reload on any
// static server (a pushState route such as /spa-react/stats would need a server fallback).
import { useStore } from '@nanostores/react'
import { atom } from 'nanostores'

const current = (): string => location.hash.replace(/^#/, '') || '/'

export const $route = atom(current())
window.addEventListener('hashchange', () => $route.set(current()))

export const useRoute = (): string => useStore($route)
