import { z } from 'zod'
import { pageSchema } from '../../lib/pagination.js'

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

export const HistoryPageSchema = pageSchema(HistoryEntrySchema).meta({ id: 'HistoryPage' })
