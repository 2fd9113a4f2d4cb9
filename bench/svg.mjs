// Horizontal bar charts as plain SVG strings: one row per contender, one bar per series.

const PALETTE = ['#3b5bdb', '#e8590c', '#2b8a3e', '#862e9c']
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'
const WIDTH = 760
const LEFT = 190
const RIGHT = 110
const BAR = 14
const ROW_GAP = 12

const escape = text =>
  String(text).replace(/[&<>"]/g, char => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char])

/**
 * `rows` are `{ label, values, highlight }`, one value per series (null when not measured);
 * `notes` are lines under the title; `format` prints a value. Negative values grow left of the zero line.
 */
export function barChart({ title, notes = [], series, rows, format }) {
  let values = rows.flatMap(row => row.values).filter(v => typeof v === 'number')
  let min = Math.min(0, ...values)
  let max = Math.max(0, ...values)
  if (max === min) max = min + 1
  let area = WIDTH - LEFT - RIGHT
  let x = v => LEFT + ((v - min) / (max - min)) * area
  let rowHeight = series.length * (BAR + 2) - 2
  let top = 60 + notes.length * 16
  let height = top + rows.length * (rowHeight + ROW_GAP) + 10
  let parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ${FONT} font-size="12">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600" fill="#212529">${escape(title)}</text>`
  ]
  notes.forEach((note, i) => parts.push(`<text x="12" y="${40 + i * 16}" fill="#495057">${escape(note)}</text>`))
  let legendY = top - 14
  let legendX = LEFT
  series.forEach((name, i) => {
    parts.push(`<rect x="${legendX}" y="${legendY - 9}" width="10" height="10" fill="${PALETTE[i]}"/>`)
    parts.push(`<text x="${legendX + 14}" y="${legendY}" fill="#495057">${escape(name)}</text>`)
    legendX += 24 + name.length * 7
  })
  rows.forEach((row, r) => {
    let y = top + r * (rowHeight + ROW_GAP)
    if (row.highlight) {
      parts.push(`<rect x="4" y="${y - 4}" width="${WIDTH - 8}" height="${rowHeight + 8}" fill="#edf2ff" rx="3"/>`)
    }
    parts.push(
      `<text x="${LEFT - 10}" y="${y + rowHeight / 2 + 4}" text-anchor="end" fill="#212529"${row.highlight ? ' font-weight="700"' : ''}>${escape(row.label)}</text>`
    )
    row.values.forEach((value, i) => {
      let barY = y + i * (BAR + 2)
      if (typeof value !== 'number') {
        parts.push(`<text x="${x(0) + 4}" y="${barY + BAR - 3}" fill="#868e96">not measured</text>`)
        return
      }
      let from = Math.min(x(0), x(value))
      let to = Math.max(x(0), x(value))
      parts.push(`<rect x="${from.toFixed(1)}" y="${barY}" width="${Math.max(1, to - from).toFixed(1)}" height="${BAR}" fill="${PALETTE[i]}"/>`)
      parts.push(`<text x="${(Math.max(to, x(0)) + 4).toFixed(1)}" y="${barY + BAR - 3}" fill="#212529">${escape(format(value))}</text>`)
    })
  })
  parts.push(`<line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="${top - 4}" y2="${height - 6}" stroke="#adb5bd"/>`)
  parts.push('</svg>')
  return parts.join('\n') + '\n'
}
