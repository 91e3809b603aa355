import type { ChartName, ChartOptions, ChartPlan } from '../charts/chart-plan.js'
import { renderChart } from '../charts/render.js'
import { markupEscaper } from '../charts/svg.js'

/**
 * Writing HTML safely. Markup is only ever made by the {@link html} template tag, whose literal parts are the
 * report's own source and whose every interpolated value is escaped — a scenario named `<script>` or
 * `" onload="x` is shown as written and never becomes markup. The three other ways to make {@link Html} are
 * for content that is not text: a chart (the chart renderers escape every text themselves), the stylesheet
 * (a constant of the report) and a JSON data block (escaped for a `<script>` element).
 */

/** Held by this module only: no other code can make {@link Html} out of a string. */
const MADE_HERE = Symbol('html')

/** A piece of HTML that is safe to put in a document as it is. */
export class Html {
  constructor(
    token: symbol,
    readonly markup: string,
  ) {
    if (token !== MADE_HERE) throw new Error('Html is made by the html template tag only')
  }

  toString(): string {
    return this.markup
  }
}

const trusted = (markup: string) => new Html(MADE_HERE, markup)

/** What a template may interpolate: text (escaped), HTML, nothing, or a list of these. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[]

/**
 * Text as HTML character data or as a quoted attribute value: the markup characters (and the quotes of both
 * kinds, and the backtick old browsers took for one) as entities; characters HTML must not carry as U+FFFD —
 * C0 controls but tab, LF and CR (a parse error, and invisible), DEL and the C1 controls, and lone surrogates
 * (no UTF-8 form). The API accepts some of them in names.
 */
export const escapeHtml: (text: string) => string = markupEscaper(
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]',
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' },
)

function write(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof Html) return value.markup
  if (Array.isArray(value)) return value.map(write).join('')
  return escapeHtml(String(value))
}

/**
 * The template tag markup is made with: `` html`<td class="name">${workload.name}</td>` ``. Every value is
 * escaped unless it already is {@link Html}; lists are joined; `null`, `undefined` and `false` write nothing.
 * Attribute values must be quoted in the template (`class="${x}"`): escaped quotes cannot end them.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let markup = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) markup += write(values[i]) + (strings[i + 1] ?? '')
  return trusted(markup)
}

/** HTML made of several pieces, the non-empty ones separated by `separator` (escaped unless it is {@link Html}). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = ''): Html {
  return trusted(
    parts
      .map(write)
      .filter((part) => part !== '')
      .join(write(separator)),
  )
}

/**
 * A chart of the plan, inline: the chart module's SVG (which escapes every text and attribute it writes), without
 * an XML declaration, which has no place inside HTML.
 */
export function chartSvg(chart: ChartName, plan: ChartPlan, options: ChartOptions): Html {
  return trusted(renderChart(chart, plan, options).replace(/^<\?xml[^>]*>\s*/, ''))
}

/**
 * A `<style>` element holding a stylesheet of the report's own (never user text). Its content is raw text to
 * the HTML parser, so entities would not be decoded: it is written as it is, and refused if it could end its
 * element.
 */
export function styleElement(css: string): Html {
  if (/<\/style/i.test(css)) throw new Error('a stylesheet must not contain </style')
  return trusted(`<style>${css}</style>`)
}

/**
 * A JSON data block (`<script type="application/json">`), which no browser runs and a script or a test reads with
 * `JSON.parse(element.textContent)`. Its content is raw text too: `<`, `>` and `&` are written as JSON escapes
 * (`\u003c`), so no value can close the element or open a comment, and U+2028/U+2029 as well.
 */
export function jsonDataBlock(id: string, value: unknown): Html {
  const json = JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return html`<script type="application/json" id="${id}">${trusted(json)}</script>`
}
