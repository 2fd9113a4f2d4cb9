// Stands in for Google's gtag.js: no request leaves the page. It sets the first-party cookies the
// real one sets, so a withdrawal has something to clear.
;(function () {
  var id = new URL(document.currentScript.src).searchParams.get('id')
  document.cookie = '_ga=GA1.1.123456789.1700000000; path=/; max-age=63072000; SameSite=Lax'
  document.cookie = '_ga_' + id.slice(2) + '=GS1.1.1700000000.1.0.0; path=/; max-age=63072000; SameSite=Lax'
  window.demo.ran('ga', 'gtag.js stub loaded for ' + id + '; it set _ga and _ga_' + id.slice(2))
})()
