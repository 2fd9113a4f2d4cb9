// @vitest-environment happy-dom
import { createConsent, memoryStorage } from '@consentry/core'
import { within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createPlaceholders, providerOf } from './placeholder.js'
import { buildTexts } from './texts.js'
import fr from './translations/fr.json'

const config = {
  categories: { essential: {}, marketing: { services: { youtube: { label: 'YouTube' } } } }
}

const setup = (language = 'en', file?: object) => {
  let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
  let texts = buildTexts(Object.keys(consent.config.categories), file)
  return { consent, placeholders: createPlaceholders(consent, texts, language) }
}

// A stand-in for the <iframe>: happy-dom refuses to load frames, and the placeholder only reads
// attributes, so any element shows the behaviour.
const embed = (attributes: Record<string, string>): HTMLElement => {
  let iframe = document.createElement('div')
  for (let [name, value] of Object.entries(attributes)) iframe.setAttribute(name, value)
  document.body.append(iframe)
  return iframe
}

afterEach(() => {
  document.body.replaceChildren()
})

describe('createPlaceholders', () => {
  it('puts an accessible placeholder where the blocked embed will appear, at its size', () => {
    let { placeholders } = setup()
    let iframe = embed({ 'data-src': 'https://www.youtube-nocookie.com/embed/x', 'data-category': 'marketing', 'data-service': 'youtube', width: '560', height: '315' })
    placeholders.onBlockedEmbed(iframe, { load: () => {} })
    let host = iframe.previousElementSibling as HTMLElement
    expect(host.tagName).toBe('CONSENTRY-PLACEHOLDER')
    expect(host.style.width).toBe('560px')
    expect(host.style.height).toBe('315px')
    expect(iframe.hidden).toBe(true)
    let box = within(host.shadowRoot as unknown as HTMLElement)
    let group = box.getByRole('group', { name: 'This content is provided by YouTube, which sets Marketing cookies.' })
    expect(group.getAttribute('lang')).toBe('en')
    expect(box.getAllByRole('button').map(button => button.textContent)).toEqual(['Load once', 'Allow Marketing cookies'])
  })

  it('loads once on request, and allows the whole category on the other button', () => {
    let { consent, placeholders } = setup()
    let iframe = embed({ 'data-src': 'https://maps.example.com/x', 'data-category': 'marketing' })
    let load = vi.fn()
    placeholders.onBlockedEmbed(iframe, { load })
    let box = within((iframe.previousElementSibling as HTMLElement).shadowRoot as unknown as HTMLElement)
    box.getByRole('button', { name: 'Load once' }).click()
    expect(load).toHaveBeenCalledTimes(1)
    expect(consent.hasConsent('marketing')).toBe(false)
    box.getByRole('button', { name: 'Allow Marketing cookies' }).click()
    expect(consent.hasConsent('marketing')).toBe(true)
    // The record says where the visitor decided (G-10).
    expect(consent.$record.get()).toMatchObject({ method: 'custom', uiLayer: 'placeholder' })
  })

  it('allows only the embed\'s service when it names one, and offers no Allow under GPC', () => {
    let { consent, placeholders } = setup()
    let iframe = embed({ 'data-src': 'https://www.youtube.com/x', 'data-category': 'marketing', 'data-service': 'youtube' })
    placeholders.onBlockedEmbed(iframe, { load: () => {} })
    within((iframe.previousElementSibling as HTMLElement).shadowRoot as unknown as HTMLElement)
      .getByRole('button', { name: 'Allow Marketing cookies' })
      .click()
    expect(consent.$record.get()?.services.marketing).toEqual({ youtube: true })

    let blocked = createConsent(config, { storage: memoryStorage(), onMessage: () => {}, gpc: true })
    let other = embed({ 'data-src': 'https://a.example/x', 'data-category': 'marketing' })
    createPlaceholders(blocked, buildTexts(['marketing']), 'en').onBlockedEmbed(other, { load: () => {} })
    let buttons = within((other.previousElementSibling as HTMLElement).shadowRoot as unknown as HTMLElement).getAllByRole('button')
    expect(buttons.map(button => button.textContent)).toEqual(['Load once'])
  })

  it('carries the theme of the configuration', () => {
    let consent = createConsent({ ...config, ui: { theme: { accent: '#7b1fa2' } } }, { storage: memoryStorage(), onMessage: () => {} })
    let iframe = embed({ 'data-src': 'https://a.example/x', 'data-category': 'marketing' })
    createPlaceholders(consent, buildTexts(['marketing']), 'en').onBlockedEmbed(iframe, { load: () => {} })
    expect((iframe.previousElementSibling as HTMLElement).style.getPropertyValue('--consentry-accent')).toBe('#7b1fa2')
  })

  it('goes away when the embed loads, and is drawn once per embed', () => {
    let { placeholders } = setup()
    let iframe = embed({ 'data-src': 'https://a.example/x', 'data-category': 'marketing' })
    placeholders.onBlockedEmbed(iframe, { load: () => {} })
    placeholders.onBlockedEmbed(iframe, { load: () => {} })
    expect(document.querySelectorAll('consentry-placeholder')).toHaveLength(1)
    placeholders.onEmbedLoaded(iframe)
    expect(document.querySelector('consentry-placeholder')).toBeNull()
    expect(iframe.hidden).toBe(false)
  })

  it('leaves alone an embed it drew no placeholder for: one the page hid itself stays hidden', () => {
    let { placeholders } = setup()
    let iframe = embed({ 'data-src': 'https://a.example/x', 'data-category': 'marketing' })
    iframe.hidden = true
    placeholders.onEmbedLoaded(iframe)
    expect(iframe.hidden).toBe(true)
  })

  it('stop() takes every placeholder away and shows the embeds again, without their address', () => {
    let { placeholders } = setup()
    let first = embed({ 'data-src': 'https://a.example/1', 'data-category': 'marketing' })
    let second = embed({ 'data-src': 'https://a.example/2', 'data-category': 'marketing' })
    placeholders.onBlockedEmbed(first, { load: () => {} })
    placeholders.onBlockedEmbed(second, { load: () => {} })
    expect(document.querySelectorAll('consentry-placeholder')).toHaveLength(2)
    let { stop } = placeholders
    stop()
    expect(document.querySelectorAll('consentry-placeholder')).toHaveLength(0)
    expect([first.hidden, second.hidden]).toEqual([false, false])
    expect([first.hasAttribute('src'), second.hasAttribute('src')]).toEqual([false, false])
  })

  it('speaks the page language', () => {
    let { placeholders } = setup('fr', fr)
    let iframe = embed({ 'data-src': 'https://a.example/x', 'data-category': 'marketing', 'data-provider': 'Vimeo' })
    placeholders.onBlockedEmbed(iframe, { load: () => {} })
    let box = within((iframe.previousElementSibling as HTMLElement).shadowRoot as unknown as HTMLElement)
    expect(box.getByRole('button', { name: fr.loadOnce })).toBeTruthy()
    expect(box.getByRole('group').getAttribute('aria-label')).toContain('Vimeo')
  })
})

describe('providerOf', () => {
  it('takes data-provider, then the service label, then the host name', () => {
    let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
    expect(providerOf(embed({ 'data-provider': 'Spotify' }), consent)).toBe('Spotify')
    expect(providerOf(embed({ 'data-category': 'marketing', 'data-service': 'youtube' }), consent)).toBe('YouTube')
    expect(providerOf(embed({ 'data-category': 'marketing', 'data-src': 'https://www.vimeo.com/1' }), consent)).toBe('vimeo.com')
    expect(providerOf(embed({ 'data-category': 'marketing', 'data-src': 'http://[bad' }), consent)).toBe('marketing')
  })

  it('names the service in the visitor\'s language where the configuration translates it', () => {
    let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
    let texts = buildTexts(['essential', 'marketing'], fr, { categories: { marketing: { services: { youtube: { label: 'YouTube (vidéos)' } } } } })
    let video = embed({ 'data-category': 'marketing', 'data-service': 'youtube' })
    expect(providerOf(video, consent, texts)).toBe('YouTube (vidéos)')
    expect(providerOf(video, consent, buildTexts(['essential', 'marketing'], fr))).toBe('YouTube')
  })
})
