// The drop-in's fourth file, consentry-placeholders.min.js: the contextual placeholders of blocked
// embeds ("This content is provided by YouTube…", Load once, Allow). The first file loads it when
// the gate first meets a blocked iframe and reads it from window.ConsentryPlaceholders; `init`
// from npm does `import('consentry/placeholders')`.
export { createPlaceholders } from '@consentry/ui/placeholder'
