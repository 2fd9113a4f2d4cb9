// The drop-in's second file, consentry-panel.min.js: the preferences panel and Preact. The first
// file loads it ahead of use and reads it from window.ConsentryPanel; the build defers the file's
// code to the first call of drawPanel or prepare (runOnFirstCall in rollup.config.mjs).
export { drawPanel } from '@consentry/ui/panel'

/** Does nothing itself: calling it runs the file's deferred code, before the first draw needs it. */
export const prepare = (): void => {}
