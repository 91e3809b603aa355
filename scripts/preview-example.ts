// `npm run examples:update`: recomputes the example response shown in the OpenAPI document for
// POST /v1/plans/preview from the example request (the worked example of docs/cost-model.md) and the built-in list prices.
// test/integration/plans-preview.test.ts fails when the stored example no longer matches the engine.
import { writeFile } from 'node:fs/promises'
import { previewPlan } from '../src/domain/index.js'
import { assemblePlanBody, DEFAULT_INCLUDE, splitPlan } from '../src/modules/plans/plan-body.js'
import { EXAMPLE_PRICE_BOOK_ID, PREVIEW_EXAMPLE_REQUEST } from '../src/modules/plans/plans.examples.js'
import { PreviewRequestSchema } from '../src/modules/plans/plans.schemas.js'
import { loadAnthropicListBook } from '../src/modules/price-books/anthropic-list.js'

const { priceBook: _slug, ...request } = PreviewRequestSchema.parse(PREVIEW_EXAMPLE_REQUEST)
const book = { ...loadAnthropicListBook(), id: EXAMPLE_PRICE_BOOK_ID }
// As the API answers it by default (without the per-workload monthly series).
const preview = JSON.parse(
  assemblePlanBody(
    splitPlan(previewPlan(request as Parameters<typeof previewPlan>[0], book)),
    new Set(DEFAULT_INCLUDE),
  ),
)
await writeFile(
  new URL('../src/modules/plans/preview-example.response.json', import.meta.url),
  `${JSON.stringify(preview, null, 2)}\n`,
)
process.stdout.write('wrote src/modules/plans/preview-example.response.json\n')
