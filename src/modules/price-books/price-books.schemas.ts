import { z } from 'zod'
import { isoDate } from '../../lib/date-schemas.js'
import { DecimalText, decimalString } from '../../lib/decimal-schemas.js'
import { pageSchema } from '../../lib/pagination.js'
import { DEFAULT_PRICE_BOOK } from './builtin-books.js'

const PRICE = { maxDecimals: 10, maxIntegerDigits: 10 } as const
const TOKENS = { maxDecimals: 6, maxIntegerDigits: 18 } as const
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'must be 3–64 lowercase letters, digits and dashes')
  .describe('Short unique name used to refer to the book, e.g. `acme-2027-negotiated`.')

const tokenPriceInputs = {
  input: decimalString(PRICE).describe('Plain input, USD per million tokens.'),
  output: decimalString(PRICE).describe('Output, USD per million tokens.'),
  cacheWrite5m: decimalString(PRICE).describe('Cache write with the 5-minute TTL, USD per MTok.'),
  cacheWrite1h: decimalString(PRICE).describe('Cache write with the 1-hour TTL, USD per MTok.'),
  cacheRead: decimalString(PRICE).describe('Cache hit (read or refresh), USD per MTok.'),
}

export const LongContextBandInputSchema = z.strictObject({
  thresholdTokens: decimalString(TOKENS).describe(
    'Above this many input tokens the whole request uses these rates.',
  ),
  ...tokenPriceInputs,
})

export const ModelPriceInputSchema = z
  .strictObject({
    modelId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('Canonical model id, e.g. `claude-opus-4-5-20251101`.'),
    aliases: z.array(z.string().trim().min(1).max(100)).max(10).default([]).describe('Other accepted names.'),
    displayName: z.string().trim().min(1).max(200),
    ...tokenPriceInputs,
    batchDiscount: decimalString({ max: '1', maxExclusive: true, maxDecimals: 10 })
      .prefault('0.5')
      .describe('Share taken off every token class of a batch request (list price: 0.5).'),
    minCacheableTokens: decimalString(TOKENS).describe(
      'Shorter cacheable prefixes are billed as plain input.',
    ),
    tokenizerRatio: decimalString({ min: '0', minExclusive: true, max: '10', maxDecimals: 10 })
      .prefault('1')
      .describe('Tokens per text relative to the previous tokenizer (1, or about 1.3).'),
    longContextBands: z.array(LongContextBandInputSchema).max(10).default([]),
    dataResidencyMultiplier: decimalString({ min: '1', max: '10', maxDecimals: 10 })
      .nullable()
      .default(null)
      .describe('Multiplier on every price for US-only inference, where it applies (1.1).'),
    deprecatedAt: isoDate('When the model was deprecated').nullable().default(null),
    retiresAt: isoDate('When the model is retired').nullable().default(null),
    effectiveFrom: isoDate('From when these prices of the model apply').nullable().default(null),
    source: z.string().trim().max(2000).default(''),
  })
  .meta({ id: 'PriceBookModel' })

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
    models: modelsInput.optional(),
  })
  .meta({
    id: 'CreatePriceBook',
    example: {
      slug: 'acme-2027-negotiated',
      name: 'Acme negotiated rates 2027',
      effectiveFrom: '2027-01-01',
      source: 'Order form 2026-12-01',
      models: [
        {
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
      ],
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
const tokenPrices = {
  input: price,
  output: price,
  cacheWrite5m: price,
  cacheWrite1h: price,
  cacheRead: price,
}

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
    effectiveFrom: z.string().nullable(),
    source: z.string(),
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

export const ModelListSchema = z
  .object({
    priceBook: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), effectiveFrom: z.string() }),
    data: z.array(ModelPriceSchema),
  })
  .meta({ id: 'ModelList' })

export const ModelLookupSchema = z
  .object({
    priceBook: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), effectiveFrom: z.string() }),
    model: ModelPriceSchema,
  })
  .meta({ id: 'ModelLookup' })

export const ModelParams = z.object({
  model: z.string().trim().min(1).max(100).describe('Dated model id or alias, e.g. `claude-opus-4-5`.'),
})

export const PriceBookRefParams = z.object({
  id: z.string().trim().min(1).max(100).describe('Price book id (uuid) or slug, e.g. `anthropic-list`.'),
})

/** A price book named by id or slug, the built-in list prices when absent (the preview and model lookups). */
export const priceBookRefWithDefault = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .default(DEFAULT_PRICE_BOOK)
    .describe('Price book id or slug (default: the built-in Anthropic list prices).')

export const ModelsQuerySchema = z.object({ priceBook: priceBookRefWithDefault() })

export const PriceBookIdParams = PriceBookRefParams

export type CreatePriceBookBody = z.output<typeof CreatePriceBookSchema>
export type UpdatePriceBookBody = z.output<typeof UpdatePriceBookSchema>
