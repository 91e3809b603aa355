import type { AuthContext } from '../../lib/auth-context.js'
import { decodeCursor, type PageQuery, toPage } from '../../lib/pagination.js'
import type { PortfolioAccess } from '../portfolios/portfolios.service.js'
import type { HistoryEntry, HistoryRepository } from './history.repository.js'

export interface HistoryServiceDeps {
  repository: Pick<HistoryRepository, 'list'>
  access: PortfolioAccess
}

function presentEntry(entry: HistoryEntry) {
  return {
    id: entry.id,
    at: entry.createdAt.toISOString(),
    actor: { apiKeyId: entry.apiKeyId, apiKeyName: entry.apiKeyName },
    resource: { type: entry.resourceType, id: entry.resourceId },
    action: entry.action,
    before: entry.before,
    after: entry.after,
  }
}

/** A portfolio's history, oldest first: who changed what in it, and when. */
export function createHistoryService({ repository, access }: HistoryServiceDeps) {
  return {
    async list(auth: AuthContext, portfolioId: string, query: PageQuery) {
      await access.readable(auth, portfolioId)
      const rows = await repository.list(
        auth.organizationId,
        portfolioId,
        query.limit,
        decodeCursor(query.startingAfter),
      )
      return toPage(rows, query.limit, presentEntry)
    },
  }
}

export type HistoryService = ReturnType<typeof createHistoryService>
