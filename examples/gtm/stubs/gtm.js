// Stands in for Google Tag Manager's gtm.js: no request leaves this server. Like the real one, it
// reads the commands already in the data layer, then handles each new push, and keeps the Consent
// Mode state from gtag('consent', 'default' | 'update', ...). Its "container" holds one tag, a
// GA4 Google tag with the built-in consent check on analytics_storage: it fires once, on the
// gtm.js event or on the first consent update that grants analytics_storage after it. Firing sets
// _ga and "sends" a page_view hit to /gtm/stubs/collect, printed in #gtm-tags.
;(function () {
  var src = new URL(document.currentScript.src)
  var id = src.searchParams.get('id')
  var name = src.searchParams.get('l') || 'dataLayer'
  var layer = (window[name] = window[name] || [])
  var isGtag = function (entry) { return Object.prototype.toString.call(entry) === '[object Arguments]' }
  var describe = function (entry) {
    if (isGtag(entry)) return 'gtag(' + Array.prototype.map.call(entry, function (value) { return JSON.stringify(value) }).join(', ') + ')'
    return 'dataLayer.push(' + JSON.stringify(entry) + ')'
  }
  var stub = (window.gtmStub = {
    id: id,
    // What the data layer held when this script ran: the consent default must come first.
    seenAtLoad: Array.prototype.map.call(layer, describe),
    consent: {},
    hits: []
  })
  var started = false

  var show = function () {
    var status = document.getElementById('gtm-status')
    if (status) status.textContent = 'gtm.js stub loaded for ' + id + '; analytics_storage ' + (stub.consent.analytics_storage || 'not set') +
      ', ad_storage ' + (stub.consent.ad_storage || 'not set')
    var tags = document.getElementById('gtm-tags')
    if (tags) tags.textContent = stub.hits.length ? stub.hits.map(function (hit) { return 'GA4 tag fired: ' + hit }).join('\n') : 'GA4 tag waiting for analytics_storage'
  }

  var fireGa4 = function () {
    if (stub.hits.length || !started || stub.consent.analytics_storage !== 'granted') return
    document.cookie = '_ga=GA1.1.987654321.1700000000; path=/; max-age=63072000; SameSite=Lax'
    var gcs = 'G1' + (stub.consent.ad_storage === 'granted' ? 1 : 0) + (stub.consent.analytics_storage === 'granted' ? 1 : 0)
    var hit = '/gtm/stubs/collect?v=2&tid=G-DEMO&gtm=' + encodeURIComponent(id) + '&gcs=' + gcs + '&en=page_view'
    stub.hits.push(hit)
    // Read the answer, so the request completes as the real beacon does.
    fetch(hit).then(function (response) { return response.text() }).catch(function () {})
  }

  var handle = function (entry) {
    if (isGtag(entry) && entry[0] === 'consent' && (entry[1] === 'default' || entry[1] === 'update') && entry[2]) {
      // Region defaults do not apply to this demo's visitor.
      if (!(entry[1] === 'default' && entry[2].region)) {
        for (var type in entry[2]) if (/_storage$|^ad_/.test(type)) stub.consent[type] = entry[2][type]
      }
    } else if (!isGtag(entry) && entry && entry.event === 'gtm.js') {
      started = true
    }
    fireGa4()
    show()
  }

  var push = layer.push
  Array.prototype.forEach.call(layer, handle)
  layer.push = function () {
    var result = push.apply(layer, arguments)
    for (var index = 0; index < arguments.length; index++) handle(arguments[index])
    return result
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show, { once: true })
  else show()
})()
