import type { PrismaClient } from '../../db/client.js'
import type { Db } from '../../db/prisma-helpers.js'

/** What the demo seed reads before it writes anything: the bootstrap key, and whether to seed at all. */
export function createDemoRepository(db: PrismaClient) {
  return {
    /** The API key with this secret hash, with what an auth context needs; null when there is none. */
    async findKey(secretHash: string, tx: Db = db) {
      return tx.apiKey.findUnique({
        where: { secretHash },
        select: {
          id: true,
          organizationId: true,
          name: true,
          scopes: true,
          revokedAt: true,
          expiresAt: true,
        },
      })
    },

    /** Whether the organization has any portfolio, archived ones included. */
    async hasPortfolio(organizationId: string, tx: Db = db): Promise<boolean> {
      return (await tx.portfolio.count({ where: { organizationId } })) > 0
    },

    /**
     * Whether the organization's history records the creation of a portfolio named `name`. History is
     * append-only and outlives the portfolio, so this holds after the portfolio was renamed or deleted.
     */
    async portfolioEverCreated(organizationId: string, name: string, tx: Db = db): Promise<boolean> {
      const entry = await tx.historyEntry.findFirst({
        where: {
          organizationId,
          resourceType: 'portfolio',
          action: 'created',
          after: { path: ['name'], equals: name },
        },
        select: { id: true },
      })
      return entry !== null
    },
  }
}

export type DemoRepository = ReturnType<typeof createDemoRepository>
