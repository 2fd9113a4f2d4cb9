/** Debian's Chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM: string
/** Without these, Chromium keeps trying to reach Google's hosts, which this network refuses. */
export const CHROMIUM_FLAGS: string[]
