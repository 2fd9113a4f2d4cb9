/** The loader of an option that was not given: it fails, and the caller says what is missing. */
export const missing =
  (option: string) =>
  (): Promise<never> =>
    Promise.reject(new Error(`no ${option} option was given`))
