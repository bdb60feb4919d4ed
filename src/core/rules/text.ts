// Counting and classifying text the way the reference validator (Python) does.

/** Length in Unicode code points, as Python's `len()` counts (not UTF-16 units). */
export function codePoints(value: string): number {
  let count = 0
  for (const _ of value) count++
  return count
}

export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8')
}

// Python's str.isalnum(): letters (L*) and characters with a numeric value (N*); combining marks are not.
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u

/** Every character is a Unicode letter or digit, or a hyphen (the reference allows i18n letters). */
export function onlyLettersDigitsHyphens(value: string): boolean {
  for (const char of value) if (char !== '-' && !LETTER_OR_NUMBER.test(char)) return false
  return true
}

/** A Python list repr of strings, as the reference prints its allowed fields: ['a', 'b']. */
export function pythonList(values: readonly string[]): string {
  return `[${values.map((value) => `'${value}'`).join(', ')}]`
}

export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'number') return 'a number'
  if (typeof value === 'boolean') return 'a boolean'
  return `a ${typeof value}`
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1)
}
