import type { PrismaClient } from '../../db/client.js'
import type { Db } from '../../db/prisma-helpers.js'
import { afterCursor, type Cursor, PAGE_ORDER } from '../../lib/pagination.js'

const LINK_FIELDS = {
  id: true,
  organizationId: true,
  apiKeyId: true,
  path: true,
  query: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
} as const

/** Prisma queries for share links. Signatures never pass through here: they are recomputed, never stored. */
export function createShareLinkRepository(db: PrismaClient) {
  return {
    async create(
      data: {
        id: string
        organizationId: string
        apiKeyId: string
        path: string
        query: string
        expiresAt: Date
      },
      tx: Db = db,
    ) {
      return tx.shareLink.create({ data, select: LINK_FIELDS })
    },
    /** The link with what verifying a request needs: its own state and its key's. Read on every use. */
    async findForVerification(id: string, tx: Db = db) {
      return tx.shareLink.findUnique({
        where: { id },
        select: { ...LINK_FIELDS, apiKey: { select: { revokedAt: true, expiresAt: true } } },
      })
    },
    /** The organization's links that still work at `at`: not expired, not revoked, their key neither. */
    async listLive(organizationId: string, at: Date, limit: number, after: Cursor | undefined, tx: Db = db) {
      return tx.shareLink.findMany({
        where: {
          organizationId,
          revokedAt: null,
          expiresAt: { gt: at },
          apiKey: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: at } }] },
          ...afterCursor(after),
        },
        select: LINK_FIELDS,
        orderBy: PAGE_ORDER,
        take: limit + 1,
      })
    },
    /**
     * Deletes up to `limit` links, of any organization, whose expiry is at or before `before`, the longest
     * expired first, and says how many. Rows another transaction holds are skipped (`SKIP LOCKED`), so
     * instances purging at the same moment never wait for one another; the `expiresAt` index keeps it a
     * bounded read whatever the table's size.
     */
    async purgeExpired(before: Date, limit: number, tx: Db = db): Promise<number> {
      return tx.$executeRaw`
        DELETE FROM "ShareLink" WHERE "id" IN (
          SELECT "id" FROM "ShareLink" WHERE "expiresAt" <= ${before}
          ORDER BY "expiresAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
        )`
    },
    /** Revokes a link of the organization; false when it has none such. Revoking twice keeps the first time. */
    async revoke(organizationId: string, id: string, at: Date, tx: Db = db) {
      const { count } = await tx.shareLink.updateMany({
        where: { id, organizationId, revokedAt: null },
        data: { revokedAt: at },
      })
      if (count > 0) return true
      return (await tx.shareLink.count({ where: { id, organizationId } })) > 0
    },
  }
}

export type ShareLinkRepository = ReturnType<typeof createShareLinkRepository>
export type ShareLinkRow = Awaited<ReturnType<ShareLinkRepository['create']>>
