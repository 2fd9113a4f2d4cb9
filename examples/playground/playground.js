// The playground: edit the JSON on the left, the drop-in's banner follows on the right.
// A plain ES module on purpose (no build step); it drives the drop-in through window.Consentry.

/** The preview's own cookie, deleted before every update so the banner always shows again. */
const PREVIEW_COOKIE = 'consentry-playground'
/** How long to wait after the last keystroke before the preview updates. */
const DEBOUNCE_MS = 400

const STARTER = {
  revision: 1,
  privacyPolicyUrl: '/script-tag/privacy.html',
  cookie: { name: 'consentry', expiresDays: 182 },
  categories: {
    essential: {
      required: true,
      cookies: [{ name: 'session', provider: 'Example Shop', duration: 'session', description: 'Keeps you signed in' }]
    },
    analytics: {
      services: {
        ga4: {
          label: 'Google Analytics',
          description: 'Audience measurement',
          cookies: [{ name: '/^_ga/', provider: 'Google', duration: '13 months', description: 'Distinguishes visitors' }]
        }
      }
    },
    preferences: { cookies: [{ name: 'theme', provider: 'Example Shop', duration: '1 year', description: 'Remembers the colour theme' }] },
    marketing: {
      services: {
        meta: { label: 'Meta Pixel', cookies: ['_fbp', '_fbc'] },
        'google-ads': { label: 'Google Ads', cookies: ['/^_gcl_/'] }
      }
    }
  },
  ui: { layout: 'bar', position: 'bottom', colorScheme: 'auto', closeButton: false, blocking: false },
  translations: {
    en: { title: 'We value your privacy' }
  }
}

/** The positions each layout accepts; the first is its default. */
const POSITIONS = {
  bar: ['bottom', 'top'],
  box: ['bottom-right', 'bottom-left', 'top-right', 'top-left'],
  modal: []
}

const $ = id => /** @type {any} */ (document.getElementById(id))
const editor = $('config')
const parseError = $('parse-error')
const controls = $('controls-fieldset')
const controlsNote = $('controls-note')
const problemsStatus = $('problems-status')
const problemsSummary = $('problems-summary')
const problemsList = $('problems')
const snippetView = $('snippet')
const copyStatus = $('copy-status')
const select = { layout: $('layout'), position: $('position'), colorScheme: $('colorScheme'), language: $('language') }
const check = { closeButton: $('closeButton'), blocking: $('blocking') }

const isObject = value => typeof value == 'object' && value !== null && !Array.isArray(value)
const format = config => JSON.stringify(config, null, 2)

/** The last configuration that parsed: what the preview shows and what the copy buttons copy. */
let lastGood = STARTER

// ---------------------------------------------------------------- The preview

/** Removes the preview cookie, at the root and at a configured path. */
function forgetPreviewChoice(config) {
  let paths = new Set(['/'])
  if (isObject(config) && isObject(config.cookie) && typeof config.cookie.path == 'string') paths.add(config.cookie.path)
  for (let path of paths) document.cookie = `${PREVIEW_COOKIE}=; path=${path}; max-age=0`
}

/** The config the preview starts: the marketer's, with the throwaway cookie name forced in. */
function previewConfig(config) {
  if (!isObject(config)) return config
  let cookie = isObject(config.cookie) ? config.cookie : {}
  return { ...config, cookie: { ...cookie, name: PREVIEW_COOKIE } }
}

/**
 * Restarts the banner with a config and returns the engine's messages. The engine reports each
 * problem once per start as a console.warn line beginning "consentry: ", some of them after an
 * await (the translation is fetched first), so console.warn is wrapped until init settles.
 */
async function restart(config) {
  let messages = []
  let warn = console.warn
  console.warn = (...args) => {
    let text = args.map(String).join(' ')
    if (text.startsWith('consentry: ')) messages.push(text.slice('consentry: '.length))
    warn.apply(console, args)
  }
  try {
    window.Consentry.destroy()
    forgetPreviewChoice(config)
    await window.Consentry.init(previewConfig(config))
  } catch (error) {
    // init reports its own failures through console.warn; anything else is shown as it is.
    if (!messages.length) messages.push(String(error && error.message ? error.message : error))
  } finally {
    console.warn = warn
  }
  return messages
}

// Starts never overlap: destroy() during a start that is still fetching its translation would
// leave that start to mount a second banner. Only the newest waiting config is started.
let running = Promise.resolve()
let waiting
function preview(config) {
  let start = !waiting
  waiting = { config }
  if (!start) return running
  running = running.then(async () => {
    let { config: next } = waiting
    waiting = undefined
    problemsStatus.setAttribute('aria-busy', 'true')
    showProblems(await restart(next))
    if (!waiting) problemsStatus.setAttribute('aria-busy', 'false')
  })
  return running
}

// ---------------------------------------------------------------- Problems and parse errors

/** One engine message as a list item, its JSON path in <code>. */
function problemItem(message) {
  let item = document.createElement('li')
  let match = /^(config(?:[.[][^:]*)?): ([\s\S]*)$/.exec(message)
  if (match) {
    let path = document.createElement('code')
    path.textContent = match[1]
    item.append(path, `: ${match[2]}`)
  } else {
    item.textContent = message
  }
  return item
}

function showProblems(messages) {
  problemsList.replaceChildren(...messages.map(problemItem))
  problemsSummary.classList.toggle('ok', messages.length === 0)
  problemsSummary.textContent = messages.length
    ? `${messages.length} ${messages.length === 1 ? 'problem' : 'problems'}: the preview uses the defaults for ${messages.length === 1 ? 'it' : 'them'}.`
    : 'No problems: the preview shows this configuration.'
}

/** Adds the line and column to a JSON.parse message that only gives a position. */
function describeParseError(error, text) {
  let message = error.message
  let position = /position (\d+)/.exec(message)
  if (position && !/line \d+/.test(message)) {
    let before = text.slice(0, Number(position[1])).split('\n')
    message += ` (line ${before.length} column ${before[before.length - 1].length + 1})`
  }
  return message
}

function setParseError(message) {
  parseError.hidden = !message
  parseError.textContent = message
    ? `The JSON cannot be read: ${message}. The preview keeps the last valid configuration.`
    : ''
  if (message) editor.setAttribute('aria-invalid', 'true')
  else editor.removeAttribute('aria-invalid')
}

/** Parses the editor. Returns the value, or undefined (and shows why) when it is not JSON. */
function readEditor() {
  try {
    let value = JSON.parse(editor.value)
    setParseError('')
    return { value }
  } catch (error) {
    setParseError(describeParseError(error, editor.value))
    return undefined
  }
}

// ---------------------------------------------------------------- Quick settings

function setOptions(layout, current) {
  let positions = POSITIONS[layout] ?? POSITIONS.bar
  select.position.replaceChildren(
    ...(positions.length ? positions : ['centre']).map(value => {
      let option = document.createElement('option')
      option.value = positions.length ? value : ''
      option.textContent = value.replace('-', ' ').replace(/^./, letter => letter.toUpperCase())
      return option
    })
  )
  select.position.disabled = !positions.length
  select.position.value = positions.includes(current) ? current : (positions[0] ?? '')
}

/** Makes the quick settings show what the JSON says (its defaults where it says nothing usable). */
function syncControls(config) {
  let usable = isObject(config)
  controls.disabled = !usable
  controlsNote.hidden = usable
  if (!usable) {
    controlsNote.textContent = 'The configuration must be a JSON object to use the quick settings.'
    return
  }
  let ui = isObject(config.ui) ? config.ui : {}
  let pick = (element, value, fallback) => {
    element.value = [...element.options].some(option => option.value === value) ? value : fallback
  }
  pick(select.layout, ui.layout, 'bar')
  setOptions(select.layout.value, ui.position)
  pick(select.colorScheme, ui.colorScheme, 'auto')
  pick(select.language, typeof config.language == 'string' ? config.language.split('-')[0] : 'en', 'en')
  check.closeButton.checked = ui.closeButton === true
  check.blocking.checked = ui.blocking === true
}

/** Rewrites the JSON from one quick setting and updates the preview at once. */
function applyControl(name) {
  let parsed = readEditor()
  if (!parsed || !isObject(parsed.value)) return
  let config = parsed.value
  let ui = isObject(config.ui) ? { ...config.ui } : {}
  if (name === 'language') {
    config.language = select.language.value
  } else if (name === 'layout') {
    ui.layout = select.layout.value
    let positions = POSITIONS[ui.layout]
    if (!positions.length) delete ui.position
    else if (!positions.includes(ui.position)) ui.position = positions[0]
  } else if (name === 'position') {
    ui.position = select.position.value
  } else if (name === 'colorScheme') {
    ui.colorScheme = select.colorScheme.value
  } else {
    ui[name] = check[name].checked
  }
  if (name !== 'language') config.ui = ui
  editor.value = format(config)
  update({ now: true })
}

// ---------------------------------------------------------------- Editing

let timer
/** Reads the editor and, when it parses, shows it (after the debounce unless `now`). */
function update({ now = false } = {}) {
  clearTimeout(timer)
  let parsed = readEditor()
  controlsNote.textContent = 'Fix the JSON to use the quick settings again.'
  if (!parsed) {
    controls.disabled = true
    controlsNote.hidden = false
    return Promise.resolve()
  }
  lastGood = parsed.value
  syncControls(parsed.value)
  snippetView.textContent = snippet()
  if (now) return preview(parsed.value)
  timer = setTimeout(() => preview(parsed.value), DEBOUNCE_MS)
  return Promise.resolve()
}

editor.addEventListener('input', () => {
  clearTimeout(timer)
  // Parse errors wait for a pause in typing too: a half-typed key is not worth an alert.
  timer = setTimeout(() => update({ now: true }), DEBOUNCE_MS)
})

for (let name of ['layout', 'position', 'colorScheme', 'language']) {
  select[name].addEventListener('change', () => applyControl(name))
}
for (let name of ['closeButton', 'blocking']) {
  check[name].addEventListener('change', () => applyControl(name))
}
$('controls').addEventListener('submit', event => event.preventDefault())

$('start-over').addEventListener('click', () => {
  editor.value = format(STARTER)
  update({ now: true })
})

$('show-banner').addEventListener('click', () => window.Consentry.showBanner())
$('show-preferences').addEventListener('click', () => window.Consentry.showPreferences())

// ---------------------------------------------------------------- Copying

/** The drop-in's address as this page loaded it. */
function scriptUrl() {
  let script = document.querySelector('script[src$="consentry.min.js"]')
  return script ? script.src : '/consentry/consentry.min.js'
}

/** One script tag for every page, and the JSON it loads. */
function snippet() {
  return [
    "<!-- In every page's <head> -->",
    `<script src="${scriptUrl()}" data-config="/consent.json"></script>`,
    '',
    '<!-- /consent.json -->',
    format(lastGood)
  ].join('\n')
}

let copyTimer
function confirm(message) {
  clearTimeout(copyTimer)
  copyStatus.textContent = message
  copyTimer = setTimeout(() => (copyStatus.textContent = ''), 5000)
}

/** Copies text; without clipboard access, selects it so that Ctrl+C (⌘C) copies it. */
async function copy(text, what, selectFallback) {
  let stale = parseError.hidden ? '' : ' (the last valid version)'
  try {
    if (!navigator.clipboard) throw new Error('no clipboard')
    await navigator.clipboard.writeText(text)
    confirm(`Copied the ${what}${stale}.`)
  } catch {
    selectFallback()
    confirm(`The ${what} is selected: press Ctrl+C (⌘C on a Mac) to copy it.`)
  }
}

$('copy-config').addEventListener('click', () =>
  copy(format(lastGood), 'config', () => {
    // The editor holds the config only while it parses; else select the snippet's copy of it.
    if (parseError.hidden) {
      editor.focus()
      editor.select()
    } else {
      selectText(snippetView)
    }
  })
)
$('copy-snippet').addEventListener('click', () => copy(snippet(), 'snippet', () => selectText(snippetView)))

function selectText(element) {
  element.focus()
  getSelection()?.selectAllChildren(element)
}

// ---------------------------------------------------------------- Start

editor.value = format(STARTER)
update({ now: true })
