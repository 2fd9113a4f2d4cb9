// The demo page's own script, not gated: it stores nothing. Gated scripts and vendor stubs call
// demo.ran() to say they ran; the page shows window.dataLayer, cookies and web storage live.
;(function () {
  var whenParsed = function (fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true })
    else fn()
  }

  // gtag() pushes an Arguments object; everything else is a plain object (an event).
  var describe = function (entry) {
    if (Object.prototype.toString.call(entry) === '[object Arguments]') {
      return 'gtag(' + Array.prototype.map.call(entry, function (value) { return JSON.stringify(value) }).join(', ') + ')'
    }
    return 'dataLayer.push(' + JSON.stringify(entry) + ')'
  }

  var storageKeys = function () {
    try {
      return Object.keys(localStorage)
    } catch (error) {
      return []
    }
  }

  var render = function () {
    var layer = window.dataLayer || []
    document.getElementById('datalayer').textContent = layer.length
      ? layer.map(function (entry, index) { return index + 1 + '. ' + describe(entry) }).join('\n')
      : '(empty)'
    document.getElementById('cookies').textContent = document.cookie ? document.cookie.split('; ').join('\n') : '(none)'
    document.getElementById('storage').textContent = storageKeys().join('\n') || '(none)'
    var record = window.Consentry.getConsent()
    document.getElementById('decision').textContent = record
      ? Object.keys(record.categories).map(function (id) {
          return id + ' ' + (record.categories[id] ? 'granted' : 'refused')
        }).join(', ') + ' (' + record.method + ')'
      : 'none yet'
  }

  window.demo = {
    ran: function (id, text) {
      whenParsed(function () {
        document.getElementById(id + '-status').textContent = text
        render()
      })
    }
  }

  // The programmatic path: both wait for the category, then run once.
  window.Consentry.whenGranted('analytics', function () {
    window.demo.ran('when', 'analytics is granted: whenGranted ran its function')
  })
  window.Consentry.loadScript('/gating/stubs/widget.js', 'preferences').then(
    function () { render() },
    function () { window.demo.ran('widget', 'the widget could not be loaded') }
  )

  whenParsed(function () {
    render()
    window.addEventListener('consentry:change', render)
    window.Consentry.ready.then(render, function () {})
    document.getElementById('forget').addEventListener('click', function () {
      // Forgetting clears what was granted; the reload shows a first visit again.
      window.Consentry.reset()
      location.reload()
    })
  })
})()
