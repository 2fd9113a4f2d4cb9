// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createLater } from './later.js'

const nextTask = (): Promise<void> => new Promise(resolve => setTimeout(resolve, 0))

function hide(state: 'hidden' | 'visible'): void {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state)
  document.dispatchEvent(new Event('visibilitychange'))
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('createLater', () => {
  it('runs the queued work after the current task, in order', async () => {
    let later = createLater()
    let ran: number[] = []
    later.run(() => ran.push(1))
    later.run(() => ran.push(2))
    expect(ran).toEqual([])
    await nextTask()
    expect(ran).toEqual([1, 2])
    later.run(() => ran.push(3))
    await nextTask()
    expect(ran).toEqual([1, 2, 3])
    later.stop()
  })

  it('asks for one idle period, with a deadline, where requestIdleCallback exists', () => {
    let idle = vi.fn()
    vi.stubGlobal('requestIdleCallback', idle)
    let later = createLater(500)
    let ran: number[] = []
    later.run(() => ran.push(1))
    later.run(() => ran.push(2))
    expect(idle).toHaveBeenCalledTimes(1)
    expect(idle.mock.calls[0][1]).toEqual({ timeout: 500 })
    idle.mock.calls[0][0]()
    expect(ran).toEqual([1, 2])
    later.stop()
  })

  it('runs everything at once when the page is hidden: the visitor may be leaving', () => {
    vi.stubGlobal('requestIdleCallback', () => {})
    let later = createLater()
    let ran: number[] = []
    later.run(() => ran.push(1))
    hide('visible')
    expect(ran).toEqual([])
    hide('hidden')
    expect(ran).toEqual([1])
    later.stop()
  })

  it('reports a failing function in the console and runs the others', async () => {
    let errors: unknown[] = []
    vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args))
    let later = createLater()
    let ran: number[] = []
    later.run(() => {
      throw new Error('listener bug')
    })
    later.run(() => ran.push(2))
    await nextTask()
    expect(ran).toEqual([2])
    expect(errors).toEqual([['consentry: a change listener failed', new Error('listener bug')]])
  })

  it('stop() runs what is queued, then no longer watches the page', () => {
    vi.stubGlobal('requestIdleCallback', () => {})
    let later = createLater()
    let ran: number[] = []
    later.run(() => ran.push(1))
    later.stop()
    expect(ran).toEqual([1])
    later.run(() => ran.push(2))
    hide('hidden')
    expect(ran).toEqual([1])
  })
})
