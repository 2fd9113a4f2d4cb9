// Stands in for Google's gtag.js (GA4): no request leaves this server. Like the real one, it reads
// the commands already in window.dataLayer, then handles each new push. On gtag('config', id) it
// sets the first-party _ga cookie and "sends" a page_view hit to /script-tag/stubs/collect, unless
// Consent Mode says analytics_storage is denied.
;(function () {
  var id = new URL(document.currentScript.src).searchParams.get('id')
  var stub = (window.gaStub = window.gaStub || { runs: 0, hits: [] })
  stub.runs++
  var analytics = 'granted' // without Consent Mode, Google treats a missing state as granted
  var layer = (window.dataLayer = window.dataLayer || [])

  var show = function () {
    var element = document.getElementById('ga4')
    if (!element) return
    element.textContent = 'gtag.js stub loaded for ' + id + (stub.hits.length ? '; hits sent:\n' + stub.hits.join('\n') : '; no hit sent')
  }

  var handle = function (entry) {
    if (Object.prototype.toString.call(entry) !== '[object Arguments]') return
    var command = entry[0]
    if (command === 'consent' && entry[2] && entry[2].analytics_storage) {
      analytics = entry[2].analytics_storage
    } else if (command === 'config' && analytics === 'granted') {
      document.cookie = '_ga=GA1.1.123456789.1700000000; path=/; max-age=63072000; SameSite=Lax'
      var hit = '/script-tag/stubs/collect?v=2&tid=' + encodeURIComponent(entry[1]) + '&cid=123456789.1700000000&en=page_view'
      stub.hits.push(hit)
      fetch(hit).then(function (response) { return response.text() }).catch(function () {})
    }
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
