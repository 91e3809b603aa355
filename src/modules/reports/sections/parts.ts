import { usd } from '../format.js'
import { type Html, type HtmlValue, html } from '../html.js'

/**
 * Pieces every section is made of. Each section is an HTML `<section>` with an id the contents link to (and a
 * printed PDF keeps as a named destination) and a heading; in print each one starts a page.
 */

/** A section of the report. */
export function section(id: string, title: string, ...body: readonly HtmlValue[]): Html {
  return html`<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${body}</section>`
}

/** A right-aligned money cell holding the plan's figure (`data-value` carries it exactly). */
export function moneyCell(figure: string | null | undefined, field?: string): Html {
  if (figure === null || figure === undefined) return html`<td class="num">—</td>`
  return html`<td class="num" data-value="${figure}"${field ? html` data-field="${field}"` : ''}>${usd(figure)}</td>`
}

/** A right-aligned cell of any other figure (a rate, a count), already formatted. */
export function numCell(text: string, value?: string): Html {
  return html`<td class="num"${value === undefined ? '' : html` data-value="${value}"`}>${text}</td>`
}

/** A right-aligned header cell. */
export const numHead = (text: string): Html => html`<th scope="col" class="num">${text}</th>`

/** A left-aligned header cell. */
export const head = (text: string): Html => html`<th scope="col">${text}</th>`
