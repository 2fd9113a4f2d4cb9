// Stands in for Google Tag Manager's gtm.js in the browser tests: records that it ran, with its
// query string.
;(function () {
  var script = document.currentScript
  ;(window.__ran = window.__ran || []).push('gtm' + (script ? new URL(script.src).search : ''))
})()
