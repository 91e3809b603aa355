/**
 * Placeholders in generated requests for what is only known when the request is sent: ids of
 * resources created on the way (and deleted by earlier requests), the ETag a GET returns, values
 * harvested from earlier responses, raw JSON text JSON.stringify cannot produce (NaN, 10,000 levels
 * of nesting) and megabyte strings (kept out of the generated plans to keep them small).
 *
 * A token is `\uE000kind:arg\uE000` (U+E000 is a private-use character; generated text never holds
 * it). Tokens sit inside strings, so they survive JSON.stringify unchanged.
 */
const MARK = '\uE000'

/** Raw JSON texts a `raw` token stands for (by index), each built when the request is sent. */
export const RAW_JSON: readonly { label: string; text: () => string }[] = [
  { label: 'NaN', text: () => 'NaN' },
  { label: 'Infinity', text: () => 'Infinity' },
  { label: '-Infinity', text: () => '-Infinity' },
  { label: '1e309', text: () => '1e309' },
  { label: '-1e309', text: () => '-1e309' },
  { label: '-0', text: () => '-0' },
  { label: '1e-400', text: () => '1e-400' },
  { label: '2^53+1', text: () => '9007199254740993' },
  { label: '40 digits', text: () => '1234567890123456789012345678901234567890' },
  { label: '0.1+0.2', text: () => '0.30000000000000004' },
  { label: '1E2', text: () => '1E2' },
  { label: 'arrays nested 10,000 deep', text: () => `${'['.repeat(10_000)}${']'.repeat(10_000)}` },
  { label: 'objects nested 10,000 deep', text: () => `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` },
  { label: 'arrays nested 100,000 deep', text: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
]

export type TokenKind = 'own' | 'foreign' | 'harvest' | 'raw' | 'huge' | 'etag'

export const token = {
  /** A live resource of the fuzzing tenant, by path-fixture key (`price-books/{id}`). */
  own: (fixture: string) => `${MARK}own:${fixture}${MARK}`,
  /** A resource of another organization, by path-fixture key. */
  foreign: (fixture: string) => `${MARK}foreign:${fixture}${MARK}`,
  /** A value some earlier 2xx response held under this property name. */
  harvest: (property: string) => `${MARK}harvest:${property}${MARK}`,
  /** Raw JSON text (see {@link RAW_JSON}); replaces the whole JSON string it sits in. */
  raw: (index: number) => `${MARK}raw:${index}${MARK}`,
  /** A string of this many characters. */
  huge: (length: number) => `${MARK}huge:${length}${MARK}`,
  /** The ETag a GET of the request's own URL returns. */
  etag: () => `${MARK}etag:${MARK}`,
}

const PATTERN = /\uE000(own|foreign|harvest|raw|huge|etag):([^\uE000]*)\uE000/g

/** The tokens in `text`, in order. */
export function tokensIn(text: string): { kind: TokenKind; arg: string }[] {
  return [...text.matchAll(PATTERN)].map((m) => ({ kind: m[1] as TokenKind, arg: m[2] ?? '' }))
}

export const hasToken = (text: string) => text.includes(MARK)

/**
 * Replaces every token in `text`. `raw` tokens replace the JSON string around them (quotes
 * included); the others are replaced by `value`, which is given the kind and argument.
 */
export function replaceTokens(text: string, value: (kind: TokenKind, arg: string) => string): string {
  if (!hasToken(text)) return text
  return text
    .replace(/"\uE000raw:(\d+)\uE000"/g, (_m, index: string) => RAW_JSON[Number(index)]?.text() ?? 'null')
    .replace(PATTERN, (_m, kind: TokenKind, arg: string) => value(kind, arg))
}

/** Strings generated as "any text" must not be mistaken for tokens. */
export const withoutMarks = (text: string) => text.replaceAll(MARK, '')
