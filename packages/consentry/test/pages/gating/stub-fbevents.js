// Stands in for Meta's fbevents.js in the browser tests: records that it ran and the calls that
// waited in the fbq queue, and writes the _fbp cookie as the Meta Pixel does.
;(function () {
  ;(window.__ran = window.__ran || []).push('fbevents')
  var queue = (window.fbq && window.fbq.queue) || []
  window.__fbq = queue.map(function (args) {
    return Array.prototype.slice.call(args)
  })
  var host = location.hostname
  var domains = /^[\d.]+$/.test(host) ? [''] : ['', '; domain=' + host.split('.').slice(-2).join('.')]
  domains.forEach(function (domain) {
    document.cookie = '_fbp=fb.1.600.700; path=/; max-age=86400' + domain
  })
})()
