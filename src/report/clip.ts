// Bounding text that comes from outside (registry answers, SKILL.md) before it is rendered.

/** At most `maxChars` code points (never half a surrogate pair), ending in `…` when cut. */
export function clipText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const chars = Array.from(text)
  if (chars.length <= maxChars) return text
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`
}
