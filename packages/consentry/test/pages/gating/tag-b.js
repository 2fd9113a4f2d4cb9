// A gated tag of the browser tests: records that it ran.
;(window.__ran = window.__ran || []).push('b')
