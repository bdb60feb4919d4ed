// Text from outside (SKILL.md, file names, registry answers) shown to a person must show what it
// holds. Control characters (NUL, ESC and the rest) can hide or rewrite text in a terminal, a log
// or a page, and the bidirectional formatting characters (U+202E RIGHT-TO-LEFT OVERRIDE and kin)
// make `gpj.exe` read as `exe.jpg`. Every renderer (text, summary, annotations) shows them as
// visible `\u202e`-style escapes through this one helper. Tabs and line breaks are left to the
// caller, which knows whether its line may break.

const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** `text` with every control and bidi formatting character written as `\uXXXX`. */
export function escapeHidden(text: string): string {
  return text.replace(HIDDEN, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
