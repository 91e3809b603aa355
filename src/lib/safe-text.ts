import { type FieldIssue, ValidationError } from './errors.js'

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

/** `text` with each NUL character and lone surrogate replaced by U+FFFD (for echoing input safely). */
export function replaceUnsafeText(text: string): string {
  return text.replace(UNSAFE_ALL, '\uFFFD')
}

/** A JSON pointer segment (RFC 6901): `~` and `/` escaped. */
export const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1')

/** Nesting deeper than this is refused outright: no request of this API nests beyond a few levels. */
export const MAX_JSON_DEPTH = 64

/** What {@link findUnsafeText} found: unsafe text at `pointer`, or nesting deeper than {@link MAX_JSON_DEPTH}. */
export interface UnsafeFinding {
  reason: 'unsafe_text' | 'too_deep'
  pointer: string
}

/**
 * The first string — value or object key — in parsed JSON `value` that holds unsafe text, or the first
 * place nested deeper than {@link MAX_JSON_DEPTH}; null when there is neither. The walk is iterative,
 * so no input can exhaust the stack.
 */
export function findUnsafeText(value: unknown): UnsafeFinding | null {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value, pointer: '', depth: 0 }]
  while (stack.length > 0) {
    const item = stack.pop()!
    if (typeof item.value === 'string') {
      if (isUnsafeText(item.value)) return { reason: 'unsafe_text', pointer: item.pointer }
      continue
    }
    if (item.value === null || typeof item.value !== 'object') continue
    if (item.depth >= MAX_JSON_DEPTH) return { reason: 'too_deep', pointer: item.pointer }
    const entries: [string, unknown][] = Array.isArray(item.value)
      ? item.value.map((element, index) => [String(index), element])
      : Object.entries(item.value)
    // Pushed in reverse so that the first offending field in document order is the one reported.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, element] = entries[i]!
      // A pointer to a bad key shows it with U+FFFD in place of the bad characters.
      const pointer = `${item.pointer}/${escapePointer(key.replace(UNSAFE_ALL, '\uFFFD'))}`
      if (!Array.isArray(item.value) && isUnsafeText(key)) {
        stack.push({ value: key, pointer, depth: item.depth + 1 })
        continue
      }
      stack.push({ value: element, pointer, depth: item.depth + 1 })
    }
  }
  return null
}

const DETAILS: Record<UnsafeFinding['reason'], string> = {
  unsafe_text: 'holds a NUL character or a lone UTF-16 surrogate, which cannot be stored; remove it',
  too_deep: `nests deeper than ${MAX_JSON_DEPTH} levels; no field of this API does`,
}

/**
 * The one 400 for unsafe input, wherever it was found (the input-safety hook, or the plan worker that
 * parses the preview's body itself): `VALIDATION_FAILED` with an issue per finding.
 */
export function unsafeInputError(
  findings: readonly (UnsafeFinding & { in: FieldIssue['in'] })[],
): ValidationError {
  return new ValidationError(
    `${findings.length} problem${findings.length === 1 ? '' : 's'} in the request: text that cannot be stored, or nesting too deep.`,
    findings.map((finding) => ({
      in: finding.in,
      pointer: finding.pointer,
      code: finding.reason,
      detail: DETAILS[finding.reason],
    })),
  )
}
