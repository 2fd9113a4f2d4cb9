// Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP).
const FORMULA = /^[=+\-@\t\r\n]/

/**
 * One CSV field (RFC 4180): text is always quoted, with quotes doubled, and text that a
 * spreadsheet would run as a formula gets a leading apostrophe. Numbers and booleans stay bare.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return ''
  if (typeof value != 'string') return String(value)
  let text = FORMULA.test(value) ? `'${value}` : value
  return `"${text.replace(/"/g, '""')}"`
}

/** One CSV record, ended by CRLF as RFC 4180 asks. */
export function csvRow(values: (string | number | boolean | null)[]): string {
  return values.map(csvField).join(',') + '\r\n'
}
