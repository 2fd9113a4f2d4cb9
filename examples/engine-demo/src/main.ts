import { createConsent } from '@consentry/core'
import type { Consent, ConsentConfig } from '@consentry/core'

const demoConfig: ConsentConfig = {
  revision: 1,
  privacyPolicyUrl: '/privacy',
  categories: {
    essential: { required: true, cookies: ['consentry', 'session'] },
    analytics: {
      services: {
        ga4: {
          label: 'Google Analytics',
          cookies: [{ name: '/^_ga/', provider: 'Google', duration: '13 months' }]
        }
      }
    },
    preferences: {},
    marketing: {
      services: {
        meta: { label: 'Meta Pixel', cookies: ['_fbp'] },
        ads: { label: 'Google Ads', cookies: ['/^_gcl_/'] }
      }
    }
  }
}

const byId = (id: string): HTMLElement => document.getElementById(id) as HTMLElement
const source = byId('config') as HTMLTextAreaElement
const problemList = byId('problems')
let consent: Consent
let stop: (() => void)[] = []

function item(list: HTMLElement, text: string): void {
  let li = document.createElement('li')
  li.textContent = text
  list.append(li)
}

function renderChoices(): void {
  let fieldset = byId('choices')
  fieldset.replaceChildren(fieldset.querySelector('legend') as HTMLElement)
  let { categories } = consent.config
  let services = consent.$services.get()
  let granted = consent.$categories.get()
  for (let id in categories) {
    let add = (name: string, label: string, checked: boolean, disabled: boolean, indent: boolean): void => {
      let wrapper = document.createElement('label')
      let box = document.createElement('input')
      box.type = 'checkbox'
      box.name = name
      box.checked = checked
      box.disabled = disabled
      if (indent) wrapper.style.marginLeft = '1.5rem'
      wrapper.append(box, ' ' + label)
      fieldset.append(wrapper)
    }
    add(id, id, granted[id], categories[id].required, false)
    for (let service in categories[id].services) {
      add(`${id}.${service}`, categories[id].services[service].label, services[id][service], categories[id].required, true)
    }
  }
}

function render(): void {
  byId('decided').textContent = String(consent.$isDecided.get())
  byId('model').textContent = `${consent.mode} (${consent.rule})`
  byId('has-ga4').textContent = consent.config.categories.analytics?.services.ga4
    ? String(consent.hasConsent('analytics', 'ga4'))
    : '(no ga4 service in this configuration)'
  byId('grants').textContent = JSON.stringify(
    { categories: consent.$categories.get(), services: consent.$services.get() },
    null,
    2
  )
  byId('record').textContent = JSON.stringify(consent.$record.get(), null, 2)
  byId('cookie').textContent =
    document.cookie
      .split('; ')
      .filter(pair => pair.startsWith(consent.config.cookie.name + '='))
      .join('\n') || '(none)'
  renderChoices()
}

function start(config: unknown): void {
  for (let unsubscribe of stop) unsubscribe()
  problemList.replaceChildren()
  consent = createConsent(config, { onMessage: message => item(problemList, message) })
  stop = [
    consent.on('change', (record, previous) => {
      item(byId('events'), `change: ${previous?.method ?? 'undecided'} → ${record?.method ?? 'undecided'}`)
    }),
    consent.$record.subscribe(render)
  ]
}

byId('apply').addEventListener('click', () => {
  let parsed: unknown
  try {
    parsed = JSON.parse(source.value)
  } catch (error) {
    problemList.replaceChildren()
    item(problemList, `The JSON does not parse: ${(error as Error).message}`)
    return
  }
  start(parsed)
})
// This page's buttons are a consent UI of its own: each decision says which layer it was taken on
// (G-10), as Consentry's banner and panel do. The first two play the banner.
byId('accept-all').addEventListener('click', () => consent.acceptAll('accept-all', 'first'))
byId('reject-all').addEventListener('click', () => consent.rejectAll('reject-all', 'first'))
byId('reset').addEventListener('click', () => consent.reset())
byId('save').addEventListener('click', () => {
  let choice: Record<string, boolean | Record<string, boolean>> = {}
  for (let box of byId('choices').querySelectorAll('input')) {
    let [category, service] = box.name.split('.')
    if (!service) {
      if (!(category in choice)) choice[category] = box.checked
      continue
    }
    let services = typeof choice[category] == 'object' ? (choice[category] as Record<string, boolean>) : {}
    services[service] = box.checked
    choice[category] = services
  }
  consent.setConsent(choice, 'custom', 'second')
})

source.value = JSON.stringify(demoConfig, null, 2)
start(demoConfig)
