/** Where a decision lives. Swap it in tests, or for a server-set cookie. */
export interface ConsentStorage {
  /**
   * Every value stored under the consent cookie's name: usually one, more when an older cookie
   * is left on another domain (after `cookie.domain` changed), none when nothing is stored.
   */
  read(): string[]
  /** Stores the value until `expires`; returns `false` when it could not be stored. */
  write(value: string, expires: Date): boolean
  /** Removes every stored value. */
  clear(): void
}
