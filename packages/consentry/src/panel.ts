// The drop-in's second file, consentry-panel.min.js: the preferences panel and Preact. The first
// file loads it on first use and reads it from window.ConsentryPanel.
export { drawPanel } from '@consentry/ui/panel'
