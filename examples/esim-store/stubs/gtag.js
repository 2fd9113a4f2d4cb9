// Stands in for Google's gtag.js so that the demo never contacts Google: it only records that it ran.
;(function () {
  window.nomadGtagRuns = (window.nomadGtagRuns || 0) + 1
  document.documentElement.setAttribute('data-gtag-stub', 'ran')
})()
