// Stands in for Meta's fbevents.js: it sets _fbp, then takes over the fbq queue as the real one does.
;(function () {
  document.cookie = '_fbp=fb.1.1700000000000.123456789; path=/; max-age=7776000; SameSite=Lax'
  var fbq = window.fbq
  var calls = []
  fbq.callMethod = function () {
    calls.push(Array.prototype.slice.call(arguments).join(' '))
    window.demo.ran('meta', 'fbevents.js stub loaded; fbq calls: ' + calls.join(', '))
  }
  fbq.queue.splice(0).forEach(function (args) {
    fbq.callMethod.apply(null, args)
  })
})()
