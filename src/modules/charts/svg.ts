/**
 * Writing SVG as text, safely and reproducibly. Every piece of text that reaches the document — a scenario
 * name, a label, an attribute value — goes through {@link escapeXml}, so a name such as `</text><script>` or
 * `R&D` is shown as written and never becomes markup; every coordinate goes through {@link num}, so the same
 * plan always gives the same bytes.
 */

/** Lone surrogates: half a character, with no UTF-8 form, which neither XML nor HTML can carry. */
const LONE_SURROGATE = ['[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])', '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]']

/**
 * An escaper for a markup language: characters matched by `forbidden` (a character class of those the language
 * cannot hold; lone surrogates always are) become U+FFFD, and each key of `entities` (single characters) its
 * entity. XML and HTML differ in both sets, not in the way they are applied.
 */
export function markupEscaper(
  forbidden: string,
  entities: Readonly<Record<string, string>>,
): (text: string) => string {
  const unheld = new RegExp([forbidden, ...LONE_SURROGATE].join('|'), 'g')
  // The keys as one character class, with the characters that mean something inside a class escaped.
  const markup = new RegExp(
    `[${Object.keys(entities)
      .join('')
      .replace(/[\\\]^-]/g, '\\$&')}]`,
    'g',
  )
  return (text) => text.replace(unheld, '\uFFFD').replace(markup, (c) => entities[c]!)
}

/**
 * Text as XML character data or an attribute value: the five markup characters as entities, and characters
 * XML 1.0 does not allow at all (C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) replaced by U+FFFD
 * (a name may carry a control character the API accepted; the SVG must still parse).
 */
export const escapeXml: (text: string) => string = markupEscaper(
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]',
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' },
)

/** A coordinate or length: at most two decimals, no exponent, no `-0` (the same number, the same text). */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite coordinate: ${value}`)
  const rounded = Math.round(value * 100) / 100
  return Object.is(rounded, -0) ? '0' : String(rounded)
}

/** An attribute's value: numbers are coordinates ({@link num}), text is escaped; null/undefined/false: left out. */
export type AttrValue = string | number | boolean | null | undefined

/** Attributes in the order given (insertion order: deterministic). */
export type Attrs = Readonly<Record<string, AttrValue>>

function attrText(attrs: Attrs): string {
  let text = ''
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue
    const written = value === true ? name : typeof value === 'number' ? num(value) : escapeXml(value)
    text += ` ${name}="${written}"`
  }
  return text
}

/**
 * One element. `children` are already-written SVG (from other calls to `el`, or {@link text}); an element
 * without children is self-closed.
 */
export function el(
  name: string,
  attrs: Attrs = {},
  ...children: (string | false | null | undefined)[]
): string {
  const inner = children.filter((c): c is string => typeof c === 'string' && c !== '').join('')
  return inner === '' ? `<${name}${attrText(attrs)}/>` : `<${name}${attrText(attrs)}>${inner}</${name}>`
}

/** A text element whose content is escaped. */
export function text(attrs: Attrs, content: string): string {
  return `<text${attrText(attrs)}>${escapeXml(content)}</text>`
}

/** A path's `d` from points: `M x y L x y …`. */
export function polyline(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join(' ')
}

/**
 * A rough width of a line of text in our font stack (no font metrics on the server: Open Sans and DejaVu
 * Sans average about 0.55–0.6 em a character), used to wrap legends and avoid overlapping labels. It errs wide.
 */
export function textWidth(content: string, fontSize: number): number {
  return [...content].length * fontSize * 0.6
}

/** `content` cut to fit `width` at `fontSize`, with an ellipsis when it had to be cut. */
export function fitText(content: string, width: number, fontSize: number): string {
  const chars = [...content]
  const max = Math.floor(width / (fontSize * 0.6))
  if (chars.length <= max) return content
  return `${chars
    .slice(0, Math.max(1, max - 1))
    .join('')
    .trimEnd()}…`
}
