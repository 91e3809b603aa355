import { z } from 'zod'
import { PageQuerySchema, pageSchema } from '../../lib/pagination.js'
import { EXAMPLE_PRICE_BOOK_ID } from '../plans/plans.examples.js'

/** A price book named by id or slug (visible to the caller's organization). */
export const priceBookRef = () => z.string().trim().min(1).max(100)

const EXAMPLE_PORTFOLIO = {
  name: 'Acme production traffic',
  description: 'Every Claude workload of the production account, from the October usage report.',
  currency: 'USD',
  defaultPriceBook: 'anthropic-list',
}

export const CreatePortfolioSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).describe('Unique within your organization.'),
    description: z.string().max(2000).default('').describe('Free text.'),
    currency: z.literal('USD').default('USD').describe('Currency of every amount (USD only).'),
    defaultPriceBook: priceBookRef()
      .nullish()
      .describe('Price book (id or slug) its scenarios use unless they name one; default: the list prices.'),
  })
  .meta({ id: 'CreatePortfolio', example: EXAMPLE_PORTFOLIO })
export type CreatePortfolioBody = z.output<typeof CreatePortfolioSchema>

export const UpdatePortfolioSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    defaultPriceBook: priceBookRef().nullish().describe('null = the built-in list prices.'),
  })
  .meta({ id: 'UpdatePortfolio', example: { description: 'Production and staging, November.' } })
export type UpdatePortfolioBody = z.output<typeof UpdatePortfolioSchema>

/** The ids the stored-plans examples share (any would do; these read as a story). */
export const EXAMPLE_IDS = {
  portfolio: '3f1c2a9e-7b4d-4c1e-9a2f-5d8e6b7c4a10',
  workload: '8a6d4e2f-1c3b-4f5a-b7e9-0d2c4a6b8e11',
  scenario: 'c2e4a6b8-0d1f-4a3c-8e5b-7f9a1c3e5d12',
  /** The worked example's scenarios (docs/cost-model.md §4.1): as given, and the same without levers. */
  workedScenario: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c15',
  commitNowScenario: 'd4f6b8c0-2e3a-4b5d-9f7c-1a3b5d7f9e13',
  apiKey: 'e5a7c9d1-3f4b-4c6e-a8d0-2b4c6e8f0a14',
  priceBook: EXAMPLE_PRICE_BOOK_ID,
} as const

/** When the examples' resources were created and last changed. */
export const EXAMPLE_TIMES = {
  created: '2026-11-02T09:30:00.000Z',
  updated: '2026-11-16T14:05:00.000Z',
} as const

const EXAMPLE_PORTFOLIO_RESOURCE = {
  id: EXAMPLE_IDS.portfolio,
  name: EXAMPLE_PORTFOLIO.name,
  description: EXAMPLE_PORTFOLIO.description,
  currency: 'USD',
  defaultPriceBook: { id: EXAMPLE_IDS.priceBook, slug: 'anthropic-list', name: 'Anthropic list prices' },
  archivedAt: null,
  version: 1,
  createdAt: EXAMPLE_TIMES.created,
  updatedAt: EXAMPLE_TIMES.created,
}

export const PortfolioSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    currency: z.literal('USD'),
    defaultPriceBook: z
      .object({ id: z.uuid(), slug: z.string(), name: z.string() })
      .describe('The price book scenarios use unless they name their own.'),
    archivedAt: z.iso.datetime().nullable().describe('Set when a DELETE found scenarios: read-only since.'),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Portfolio', example: EXAMPLE_PORTFOLIO_RESOURCE })

export const PortfolioPageSchema = pageSchema(PortfolioSchema).meta({
  id: 'PortfolioPage',
  example: { object: 'list', data: [EXAMPLE_PORTFOLIO_RESOURCE], hasMore: false, nextCursor: null },
})

export const PortfolioParams = z.object({ portfolioId: z.uuid().describe('The portfolio’s id.') })

export const PortfolioListQuery = PageQuerySchema.extend({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Also list archived portfolios.'),
})

/** What DELETE did: removed the portfolio, or archived it because scenarios exist. */
export const DeletedPortfolioSchema = z
  .object({ id: z.uuid(), outcome: z.enum(['deleted', 'archived']), archivedAt: z.iso.datetime().nullable() })
  .meta({
    id: 'DeletedPortfolio',
    example: { id: EXAMPLE_IDS.portfolio, outcome: 'archived', archivedAt: EXAMPLE_TIMES.updated },
  })
