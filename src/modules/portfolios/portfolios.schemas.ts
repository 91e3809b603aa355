import { z } from 'zod'
import { PageQuerySchema, pageSchema } from '../../lib/pagination.js'

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
  .meta({ id: 'Portfolio' })

export const PortfolioPageSchema = pageSchema(PortfolioSchema).meta({ id: 'PortfolioPage' })

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
  .meta({ id: 'DeletedPortfolio' })
