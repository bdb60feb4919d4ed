import { escapeHidden } from './display.js'
import { linkableUrl } from './safe-url.js'

// Escaping for the job summary (GitHub-flavoured Markdown with inline HTML). Everything that
// comes from a SKILL.md or a registry goes through here, so a hostile name or message can
// neither break the table, nor start a link or emphasis, nor inject HTML.

// Characters with a meaning in inline Markdown or HTML. They become numeric character
// references: CommonMark never reads a character reference as structure, and GFM splits table
// cells before it decodes them, so `&#124;` cannot end a cell the way `|` would.
const INLINE_SPECIALS = /[&<>"'`|\\*_[\]~]/g

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g

function escapeSpecials(text: string): string {
  return text.replace(INLINE_SPECIALS, (ch) => `&#${ch.codePointAt(0)};`)
}

/** Inline text (a list item, a `<summary>`): escaped, line breaks kept as `<br>`. */
export function escapeInline(text: string): string {
  // Line breaks first (a CR is one), then what would hide or reorder text shows as `\uXXXX`.
  const lines = text.replace(/\t/g, ' ').split(LINE_BREAK).map(escapeHidden)
  return lines.map(escapeSpecials).join('<br>')
}

/** A table cell: like inline text (a raw newline would end the row, `<br>` does not). */
export function escapeTableCell(text: string): string {
  return escapeInline(text)
}

/** Escaped text in a `<code>` element (not a code span: backticks in the text would end one). */
export function code(text: string): string {
  return `<code>${escapeInline(text)}</code>`
}

/**
 * A link when `url` is an http(s) URL (credentials dropped); otherwise the label as plain text.
 * The href is percent-encoded where Markdown or a table could read structure into it.
 */
export function link(label: string, url: string | undefined): string {
  const href = linkableUrl(url)
  if (!href) return escapeInline(label)
  // All ASCII, so one byte each: `%XX` is the whole encoding.
  const safeHref = href.replace(
    /[ \t\r\n\f\v|()<>"'`\\[\]*_~]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
  return `[${escapeInline(label)}](${safeHref})`
}
