/**
 * Text PostgreSQL cannot store faithfully: a NUL character (PostgreSQL rejects it in `text`, so it
 * would surface as a 500) or a lone UTF-16 surrogate (it has no UTF-8 form and would be silently
 * replaced by U+FFFD). Any string with one is refused before it reaches a query.
 */
const UNSAFE_SOURCE = '\\u0000|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]'
const UNSAFE = new RegExp(UNSAFE_SOURCE)
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'g')

/** True when `text` holds a NUL character or a lone surrogate. */
export function isUnsafeText(text: string): boolean {
  return UNSAFE.test(text)
}

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1')

/**
 * The JSON pointer (RFC 6901) of the first string — value or object key — in `value` that holds
 * unsafe text, or null when there is none. Walks parsed JSON (objects, arrays, primitives).
 */
export function findUnsafeText(value: unknown, pointer = ''): string | null {
  if (typeof value === 'string') return isUnsafeText(value) ? pointer : null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], `${pointer}/${i}`)
      if (found !== null) return found
    }
    return null
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A pointer to a bad key shows it with U+FFFD in place of the bad characters.
      const here = `${pointer}/${escapePointer(key.replace(UNSAFE_ALL, '\uFFFD'))}`
      if (isUnsafeText(key)) return here
      const found = findUnsafeText(item, here)
      if (found !== null) return found
    }
  }
  return null
}
