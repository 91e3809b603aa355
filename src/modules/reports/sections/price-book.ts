import type { ModelPrice } from '../../../domain/index.js'
import { count, dateText, price, share } from '../format.js'
import { type Html, html } from '../html.js'
import type { ScenarioReportData } from '../report-data.js'
import { head, numCell, numHead } from './parts.js'

/** The price book the plan was computed with, and its rows of the models the workloads use. */

/** What the base row cannot show: long-context bands, US-only inference, deprecation and retirement. */
function modelNotes(model: ModelPrice): Html | '' {
  const notes = [
    ...model.longContextBands.map(
      (band) =>
        `above ${count(band.thresholdTokens)} input tokens every token is priced at ${price(band.input)} in, ${price(
          band.output,
        )} out, ${price(band.cacheRead)} cache read`,
    ),
    model.dataResidencyMultiplier ? `US-only inference × ${model.dataResidencyMultiplier.toString()}` : '',
    model.tokenizerRatio.eq(1) ? '' : `tokenizer ratio ${model.tokenizerRatio.toString()}`,
    model.deprecatedAt ? `deprecated ${dateText(model.deprecatedAt)}` : '',
    model.retiresAt ? `retires ${dateText(model.retiresAt)}` : '',
  ].filter((note) => note !== '')
  if (notes.length === 0) return ''
  const text = notes.join('; ')
  return html`<tr class="model-notes"><td colspan="8" class="note">${text.charAt(0).toUpperCase()}${text.slice(1)}.</td></tr>`
}

function modelRows(model: ModelPrice): Html {
  return html`<tbody data-model="${model.modelId}"><tr><th scope="row">${model.displayName}<br><span class="note">${
    model.modelId
  }</span></th>${numCell(price(model.input))}${numCell(price(model.output))}${numCell(
    price(model.cacheWrite5m),
  )}${numCell(price(model.cacheWrite1h))}${numCell(price(model.cacheRead))}${numCell(
    share(model.batchDiscount),
  )}${numCell(count(model.minCacheableTokens))}</tr>${modelNotes(model)}</tbody>`
}

/** The price book section. */
export function priceBookSection(data: ScenarioReportData): Html {
  const { book, models } = data
  const owner = book.organizationId === null ? 'built in' : 'your organization’s'
  return html`<p class="lead">${book.name} (<code>${book.slug}</code>, ${owner}, version ${String(
    book.version,
  )}), effective ${dateText(book.effectiveFrom)}: the rows of the ${String(models.length)} model${
    models.length === 1 ? '' : 's'
  } the workloads run on or may be routed to. Prices in US dollars per million tokens.</p><table id="price-book-table" class="long"><thead><tr>${head(
    'Model',
  )}${numHead('Input')}${numHead('Output')}${numHead('Cache write 5 min')}${numHead('Cache write 1 h')}${numHead(
    'Cache read',
  )}${numHead('Batch discount')}${numHead('Min. cached prefix')}</tr></thead>${
    models.length > 0
      ? models.map(modelRows)
      : html`<tbody><tr><td colspan="8" class="empty">The portfolio has no workload.</td></tr></tbody>`
  }</table>`
}
