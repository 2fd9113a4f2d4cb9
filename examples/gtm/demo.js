// The page's own script, right after the drop-in in <head>: it notes what the data layer held at
// that moment, then shows window.dataLayer, the decision and the cookies live. It stores nothing.
;(function () {
  var describe = function (entry) {
    if (Object.prototype.toString.call(entry) === '[object Arguments]') {
      return 'gtag(' + Array.prototype.map.call(entry, function (value) { return JSON.stringify(value) }).join(', ') + ')'
    }
    return 'dataLayer.push(' + JSON.stringify(entry) + ')'
  }
  var list = function (layer) {
    return layer.length ? Array.prototype.map.call(layer, function (entry, index) { return index + 1 + '. ' + describe(entry) }).join('\n') : '(empty)'
  }
  // Before consent.json has arrived: only what data-consent-mode pushed.
  var atParse = list(window.dataLayer || [])

  var shown = -1
  var render = function () {
    var layer = window.dataLayer || []
    if (layer.length !== shown) {
      shown = layer.length
      document.getElementById('datalayer').textContent = list(layer)
    }
    document.getElementById('cookies').textContent = document.cookie ? document.cookie.split('; ').join('\n') : '(none)'
    var record = window.Consentry.getConsent()
    document.getElementById('decision').textContent = record
      ? Object.keys(record.categories).map(function (id) {
          return id + ' ' + (record.categories[id] ? 'granted' : 'refused')
        }).join(', ') + ' (' + record.method + ')'
      : 'none yet'
  }

  var start = function () {
    document.getElementById('at-parse').textContent = atParse
    render()
    // Google Tag Manager replaces dataLayer.push, so the page looks rather than hooks.
    setInterval(render, 100)
    document.getElementById('forget').addEventListener('click', function () {
      window.Consentry.reset()
      location.reload()
    })
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true })
  else start()
})()
