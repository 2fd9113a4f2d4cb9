// Stands in for Google's gtag.js in the browser tests (nothing may reach the internet): records
// that it ran, with its query string, and writes Google Analytics' cookies as gtag.js does, on the
// page's host and on the highest domain it can (not on an IP address).
;(function () {
  var script = document.currentScript
  ;(window.__ran = window.__ran || []).push('gtag' + (script ? new URL(script.src).search : ''))
  var host = location.hostname
  var domains = /^[\d.]+$/.test(host) ? [''] : ['', '; domain=' + host.split('.').slice(-2).join('.')]
  ;['_ga=GA1.1.100.200', '_ga_TEST1=GS1.1.300', '_gid=GA1.1.400.500'].forEach(function (cookie) {
    domains.forEach(function (domain) {
      document.cookie = cookie + '; path=/; max-age=86400' + domain
    })
  })
})()
