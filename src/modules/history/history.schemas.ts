import { z } from 'zod'
import { pageSchema } from '../../lib/pagination.js'
import { EXAMPLE_IDS, EXAMPLE_TIMES } from '../portfolios/portfolios.schemas.js'

const EXAMPLE_ACTOR = { apiKeyId: EXAMPLE_IDS.apiKey, apiKeyName: 'procurement-sync' }

export const HistoryEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime().describe('When the change was committed.'),
    actor: z
      .object({ apiKeyId: z.uuid().nullable(), apiKeyName: z.string() })
      .describe('The API key that made the change (its name as it was then).'),
    resource: z.object({ type: z.enum(['portfolio', 'workload', 'scenario']), id: z.uuid() }),
    action: z.enum(['created', 'updated', 'deleted', 'archived']),
    before: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        'The fields that changed, as they were (the whole resource for a delete; null for a create).',
      ),
    after: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        'The fields that changed, as they are now (the whole resource for a create; null for a delete).',
      ),
  })
  .meta({ id: 'HistoryEntry' })

export const HistoryPageSchema = pageSchema(HistoryEntrySchema).meta({
  id: 'HistoryPage',
  example: {
    object: 'list',
    data: [
      {
        id: '5b7d9f1a-3c4e-4a6b-8d0f-2a4c6e8b0d16',
        at: EXAMPLE_TIMES.created,
        actor: EXAMPLE_ACTOR,
        resource: { type: 'portfolio', id: EXAMPLE_IDS.portfolio },
        action: 'created',
        before: null,
        after: {
          id: EXAMPLE_IDS.portfolio,
          name: 'Acme production traffic',
          description: 'Every Claude workload of the production account, from the October usage report.',
          currency: 'USD',
          defaultPriceBook: {
            id: EXAMPLE_IDS.priceBook,
            slug: 'anthropic-list',
            name: 'Anthropic list prices',
          },
          archivedAt: null,
          version: 1,
          createdAt: EXAMPLE_TIMES.created,
          updatedAt: EXAMPLE_TIMES.created,
        },
      },
      {
        id: '6c8e0a2b-4d5f-4b7c-9e1a-3b5d7f9c1e17',
        at: EXAMPLE_TIMES.updated,
        actor: EXAMPLE_ACTOR,
        resource: { type: 'workload', id: EXAMPLE_IDS.workload },
        action: 'updated',
        before: { requestsPerMonth: '300000', targetBatchShare: '1' },
        after: { requestsPerMonth: '320000', targetBatchShare: '0.8' },
      },
    ],
    hasMore: false,
    nextCursor: null,
  },
})
