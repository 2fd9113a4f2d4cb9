// A "vendor" chat widget, loaded by a gated <script data-src>. It writes to localStorage, which
// the configuration declares so that a withdrawal removes it (T-06).
;(function () {
  localStorage.setItem('demo_chat_id', 'chat-' + Date.now())
  window.demo.ran('chat', 'chat.js loaded; it wrote demo_chat_id to localStorage')
})()
