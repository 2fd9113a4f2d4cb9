// Stands in for Google Tag Manager's gtm.js: no request leaves the page.
;(function () {
  var id = new URL(document.currentScript.src).searchParams.get('id')
  window.demo.ran('gtm', 'gtm.js stub loaded for ' + id)
})()
