import { z } from 'zod'
import { type TokenPriceField, tokenPriceRecord } from '../../domain/price-book.js'
import { isoDate } from '../../lib/date-schemas.js'
import { DecimalText, decimalLike, decimalString } from '../../lib/decimal-schemas.js'
import { PRICE_LIMITS } from '../../lib/limits.js'
import { pageSchema } from '../../lib/pagination.js'
import { DEFAULT_PRICE_BOOK } from './builtin-books.js'

const PRICE = {
  maxDecimals: PRICE_LIMITS.maxDecimals,
  maxIntegerDigits: PRICE_LIMITS.maxIntegerDigits,
} as const
const TOKENS = { maxDecimals: 6, maxIntegerDigits: 18 } as const
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'must be 3–64 lowercase letters, digits and dashes')
  .describe('Short unique name used to refer to the book, e.g. `acme-2027-negotiated`.')

/** What each token price is, in requests (keyed by the one list of price fields, so none is missed). */
const TOKEN_PRICE_DESCRIPTIONS = {
  input: 'Plain input, USD per million tokens.',
  output: 'Output, USD per million tokens.',
  cacheWrite5m: 'Cache write with the 5-minute TTL, USD per MTok.',
  cacheWrite1h: 'Cache write with the 1-hour TTL, USD per MTok.',
  cacheRead: 'Cache hit (read or refresh), USD per MTok.',
} as const satisfies Record<TokenPriceField, string>

const tokenPriceInputs = tokenPriceRecord((field) =>
  decimalString(PRICE).describe(TOKEN_PRICE_DESCRIPTIONS[field]),
)

export const LongContextBandInputSchema = z.strictObject({
  thresholdTokens: decimalString(TOKENS).describe(
    'Above this many input tokens the whole request uses these rates.',
  ),
  ...tokenPriceInputs,
})

/**
 * The fields of one model a caller may set, without defaults: the whole-model input below adds its
 * defaults, the one-model update makes every one optional (a default there would overwrite the stored
 * value of a field the caller did not send).
 */
const modelFields = {
  aliases: z.array(z.string().trim().min(1).max(100)).max(10),
  displayName: z.string().trim().min(1).max(200),
  batchDiscount: decimalString({ max: '1', maxExclusive: true, maxDecimals: 10 }),
  minCacheableTokens: decimalString(TOKENS),
  tokenizerRatio: decimalString({ min: '0', minExclusive: true, max: '10', maxDecimals: 10 }),
  longContextBands: z.array(LongContextBandInputSchema).max(10),
  dataResidencyMultiplier: decimalString({ min: '1', max: '10', maxDecimals: 10 }).nullable(),
  deprecatedAt: isoDate('When the model was deprecated').nullable(),
  retiresAt: isoDate('When the model is retired').nullable(),
  successor: z.string().trim().min(1).max(100).nullable(),
  effectiveFrom: isoDate('From when these prices of the model apply').nullable(),
  source: z.string().trim().max(2000),
}

const MODEL_FIELD_DESCRIPTIONS = {
  aliases: 'Other accepted names.',
  batchDiscount: 'Share taken off every token class of a batch request (list price: 0.5).',
  minCacheableTokens: 'Shorter cacheable prefixes are billed as plain input.',
  tokenizerRatio: 'Tokens per text relative to the previous tokenizer (1, or about 1.3).',
  dataResidencyMultiplier: 'Multiplier on every price for US-only inference, where it applies (1.1).',
  successor:
    'Id (`modelId`) of the model of this book that replaces this one; `MODEL_RETIRING` names it. Another model of ' +
    'the same book, never the model itself.',
} as const

export const ModelPriceInputSchema = z
  .strictObject({
    modelId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('Canonical model id, e.g. `claude-opus-4-5-20251101`.'),
    aliases: modelFields.aliases.default([]).describe(MODEL_FIELD_DESCRIPTIONS.aliases),
    displayName: modelFields.displayName,
    ...tokenPriceInputs,
    batchDiscount: modelFields.batchDiscount.prefault('0.5').describe(MODEL_FIELD_DESCRIPTIONS.batchDiscount),
    minCacheableTokens: modelFields.minCacheableTokens.describe(MODEL_FIELD_DESCRIPTIONS.minCacheableTokens),
    tokenizerRatio: modelFields.tokenizerRatio
      .prefault('1')
      .describe(MODEL_FIELD_DESCRIPTIONS.tokenizerRatio),
    longContextBands: modelFields.longContextBands.default([]),
    dataResidencyMultiplier: modelFields.dataResidencyMultiplier
      .default(null)
      .describe(MODEL_FIELD_DESCRIPTIONS.dataResidencyMultiplier),
    deprecatedAt: modelFields.deprecatedAt.default(null),
    retiresAt: modelFields.retiresAt.default(null),
    successor: modelFields.successor.default(null).describe(MODEL_FIELD_DESCRIPTIONS.successor),
    effectiveFrom: modelFields.effectiveFrom.default(null),
    source: modelFields.source.default(''),
  })
  .meta({
    id: 'PriceBookModel',
    example: {
      modelId: 'claude-sonnet-4-5-20250929',
      aliases: ['claude-sonnet-4-5'],
      displayName: 'Claude Sonnet 4.5 (negotiated)',
      input: '2.7',
      output: '13.5',
      cacheWrite5m: '3.375',
      cacheWrite1h: '5.4',
      cacheRead: '0.27',
      minCacheableTokens: '1024',
    },
  })

/**
 * The body of `PATCH /v1/price-books/{id}/models/{model}`: any of a model's fields but its id (the path
 * names the model; an id in the body is an unknown field, a 400). At least one field.
 */
export const UpdateModelSchema = z
  .strictObject({
    aliases: modelFields.aliases
      .optional()
      .describe(`${MODEL_FIELD_DESCRIPTIONS.aliases} Replaces the list.`),
    displayName: modelFields.displayName.optional(),
    ...tokenPriceRecord((field) => tokenPriceInputs[field].optional()),
    batchDiscount: modelFields.batchDiscount.optional().describe(MODEL_FIELD_DESCRIPTIONS.batchDiscount),
    minCacheableTokens: modelFields.minCacheableTokens
      .optional()
      .describe(MODEL_FIELD_DESCRIPTIONS.minCacheableTokens),
    tokenizerRatio: modelFields.tokenizerRatio.optional().describe(MODEL_FIELD_DESCRIPTIONS.tokenizerRatio),
    longContextBands: modelFields.longContextBands
      .optional()
      .describe('Replaces every band of the model; `[]` removes them.'),
    dataResidencyMultiplier: modelFields.dataResidencyMultiplier
      .optional()
      .describe(`${MODEL_FIELD_DESCRIPTIONS.dataResidencyMultiplier} \`null\` removes it.`),
    deprecatedAt: modelFields.deprecatedAt.optional(),
    retiresAt: modelFields.retiresAt.optional(),
    successor: modelFields.successor
      .optional()
      .describe(`${MODEL_FIELD_DESCRIPTIONS.successor} \`null\` removes it.`),
    effectiveFrom: modelFields.effectiveFrom.optional(),
    source: modelFields.source.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, {
    error: 'send at least one field to change',
    // Only when nothing else is wrong: `{ "colour": "red" }` is an unknown field, not an empty change.
    when: (payload) => payload.issues.length === 0,
  })
  .meta({
    id: 'UpdatePriceBookModel',
    minProperties: 1,
    example: { input: '2.5', output: '12.5', cacheRead: '0.25' },
  })

const modelsInput = z
  .array(ModelPriceInputSchema)
  .min(1)
  .max(200)
  .describe('Every model of the book (replaces the whole list on update).')

export const CreatePriceBookSchema = z
  .strictObject({
    slug,
    name: z.string().trim().min(1).max(200),
    effectiveFrom: isoDate('From when these prices apply'),
    source: z
      .string()
      .trim()
      .max(2000)
      .default('')
      .describe('Where the figures come from (contract, order form).'),
    description: z.string().trim().max(2000).default(''),
    basedOn: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe('Copy the models of this book (id or slug) when `models` is not given.'),
    discountOffList: decimalLike({
      max: '1',
      maxExclusive: true,
      maxDecimals: PRICE_LIMITS.maxDiscountDecimals,
    })
      .optional()
      .describe(
        'With `basedOn` (and no `models`): a uniform discount, 0 ≤ d < 1 with at most ' +
          `${PRICE_LIMITS.maxDiscountDecimals} decimals (\`"0.12"\` = 12% off), taken off every per-token price of ` +
          'every copied model and band: price × (1 − d), rounded half up to ' +
          `${PRICE_LIMITS.maxDecimals} decimals. Batch discount, tokenizer ratio, minimum cacheable prefix, ` +
          'residency multiplier and dates are copied unchanged.',
      ),
    models: modelsInput.optional(),
  })
  .meta({
    id: 'CreatePriceBook',
    // Negotiated rates are most often "x% off list": the example shows that. An example of `models` sent
    // in full is the PriceBookModel schema's own.
    example: {
      slug: 'acme-2027-negotiated',
      name: 'Acme negotiated rates 2027',
      effectiveFrom: '2027-01-01',
      source: 'Order form 2026-12-01: 12% off list on every model',
      basedOn: 'anthropic-list',
      discountOffList: '0.12',
    },
  })

export const UpdatePriceBookSchema = z
  .strictObject({
    slug: slug.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    effectiveFrom: isoDate('From when these prices apply').optional(),
    source: z.string().trim().max(2000).optional(),
    description: z.string().trim().max(2000).optional(),
    models: modelsInput.optional(),
  })
  .meta({ id: 'UpdatePriceBook', example: { name: 'Acme negotiated rates 2027 (signed)' } })

const price = DecimalText.describe('USD per million tokens.')
const tokenPrices = tokenPriceRecord(() => price)

export const ModelPriceSchema = z
  .object({
    modelId: z.string(),
    aliases: z.array(z.string()),
    displayName: z.string(),
    ...tokenPrices,
    batchDiscount: DecimalText,
    minCacheableTokens: DecimalText,
    tokenizerRatio: DecimalText,
    longContextBands: z.array(z.object({ thresholdTokens: DecimalText, ...tokenPrices })),
    dataResidencyMultiplier: DecimalText.nullable(),
    deprecatedAt: z.string().nullable(),
    retiresAt: z.string().nullable(),
    successor: z
      .string()
      .nullable()
      .describe('Id of the model of this book that replaces this one, or null when the book names none.'),
    effectiveFrom: z.string().nullable(),
    source: z
      .string()
      .optional()
      .describe(
        'Where the prices come from (references and notes, often long). Always in a price book; in ' +
          '`/v1/models` answers only with `?include=source`.',
      ),
  })
  .meta({
    id: 'ModelPrice',
    example: {
      modelId: 'claude-opus-4-5-20251101',
      aliases: ['claude-opus-4-5'],
      displayName: 'Claude Opus 4.5',
      input: '5',
      output: '25',
      cacheWrite5m: '6.25',
      cacheWrite1h: '10',
      cacheRead: '0.5',
      batchDiscount: '0.5',
      minCacheableTokens: '4096',
      tokenizerRatio: '1',
      longContextBands: [],
      dataResidencyMultiplier: null,
      deprecatedAt: null,
      retiresAt: null,
      successor: null,
      effectiveFrom: '2025-11-01',
      source: 'https://platform.claude.com/docs/en/docs/about-claude/pricing',
    },
  })

const bookFields = {
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  builtIn: z.boolean().describe('Built-in books are read-only and visible to every organization.'),
  currency: z.literal('USD'),
  effectiveFrom: z.string(),
  source: z.string(),
  description: z.string(),
  version: z.number().int().describe('Increments on every change; the ETag is derived from it.'),
  createdAt: z.string(),
  updatedAt: z.string(),
}

export const PriceBookSummarySchema = z
  .object({ ...bookFields, modelCount: z.number().int() })
  .meta({ id: 'PriceBookSummary' })

export const PriceBookSchema = z
  .object({ ...bookFields, models: z.array(ModelPriceSchema) })
  .meta({ id: 'PriceBook' })

export const PriceBookPageSchema = pageSchema(PriceBookSummarySchema).meta({ id: 'PriceBookPage' })

const PriceBookRefSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
})

export const ModelListSchema = z
  .object({
    priceBook: PriceBookRefSchema,
    data: z
      .array(ModelPriceSchema)
      .describe('Opus, Sonnet, Haiku, then other families; newest version first.'),
  })
  .meta({ id: 'ModelList' })

export const ModelLookupSchema = z
  .object({ priceBook: PriceBookRefSchema, model: ModelPriceSchema })
  .meta({ id: 'ModelLookup' })

export const ModelParams = z.object({
  model: z.string().trim().min(1).max(100).describe('Dated model id or alias, e.g. `claude-opus-4-5`.'),
})

export const PriceBookRefParams = z.object({
  id: z.string().trim().min(1).max(100).describe('Price book id (uuid) or slug, e.g. `anthropic-list`.'),
})

/** One model of one book: `/v1/price-books/{id}/models/{model}`. */
export const PriceBookModelParams = PriceBookRefParams.extend(ModelParams.shape)

/** A price book named by id or slug, the built-in list prices when absent (the preview and model lookups). */
export const priceBookRefWithDefault = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .default(DEFAULT_PRICE_BOOK)
    .describe('Price book id or slug (default: the built-in Anthropic list prices).')

export const ModelsQuerySchema = z.object({
  priceBook: priceBookRefWithDefault(),
  include: z
    .enum(['source'])
    .optional()
    .describe(
      '`source` adds each model’s `source` (its references and notes, often a thousand characters); ' +
        'omitted otherwise.',
    ),
})

export const PriceBookIdParams = PriceBookRefParams

export type CreatePriceBookBody = z.output<typeof CreatePriceBookSchema>
export type UpdatePriceBookBody = z.output<typeof UpdatePriceBookSchema>
export type UpdateModelBody = z.output<typeof UpdateModelSchema>
