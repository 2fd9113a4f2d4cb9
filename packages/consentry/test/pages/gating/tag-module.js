// A gated module script: import.meta is a syntax error in a classic script, so this only runs
// (and records itself) when the activated element kept type="module".
;(window.__ran = window.__ran || []).push(typeof import.meta.url == 'string' ? 'module' : 'not a module')
