import request from './preview-example.request.json' with { type: 'json' }
import response from './preview-example.response.json' with { type: 'json' }

/** The worked example's request (docs/cost-model.md), verbatim: the documented example and a test fixture. */
export const PREVIEW_EXAMPLE_REQUEST = request

/** The id the example response shows for the built-in book (real ids are generated per database). */
export const EXAMPLE_PRICE_BOOK_ID = '00000000-0000-4000-8000-000000000001'

/** What the engine answers to {@link PREVIEW_EXAMPLE_REQUEST} (regenerate with `npm run examples:update`). */
export const PREVIEW_EXAMPLE_RESPONSE = response
