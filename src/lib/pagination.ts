import { z } from 'zod'
import { ValidationError } from './errors.js'
import { FIRST_INSTANT, LAST_INSTANT, PAGE_LIMITS } from './limits.js'

/** Query parameters of every list operation (cursor pagination). */
export const PageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_LIMITS.maxLimit)
    .default(PAGE_LIMITS.defaultLimit)
    .describe(`Page size, 1–${PAGE_LIMITS.maxLimit} (default ${PAGE_LIMITS.defaultLimit}).`),
  startingAfter: z
    .string()
    .max(PAGE_LIMITS.maxCursorLength)
    .optional()
    .describe('Opaque cursor: the `nextCursor` of the previous page.'),
})

export type PageQuery = z.output<typeof PageQuerySchema>

/** A position in a list ordered by (createdAt, id). */
export interface Cursor {
  createdAt: Date
  id: string
}

/** Filter for the rows after `cursor` in (createdAt, id) order; an empty filter on the first page. */
export function afterCursor(cursor: Cursor | undefined) {
  return cursor
    ? {
        OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }],
      }
    : {}
}

/** The order every paginated list uses: creation time, then id to break ties. */
export const PAGE_ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }]

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url')
}

const BASE64URL = /^[A-Za-z0-9_-]+$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
// Exactly what Date#toISOString writes for a four-digit year, to the millisecond.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** The cursor `text` stands for, or null unless it is exactly one {@link encodeCursor} could have written. */
function parseCursor(text: string): Cursor | null {
  if (text.length === 0 || text.length > PAGE_LIMITS.maxCursorLength || !BASE64URL.test(text)) return null
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('|')
  if (parts.length !== 2) return null
  const [iso = '', id = ''] = parts
  if (!INSTANT.test(iso) || !UUID.test(id)) return null
  const at = Date.parse(iso)
  if (!(at >= FIRST_INSTANT && at <= LAST_INSTANT)) return null
  const cursor = { createdAt: new Date(at), id }
  // Rejects a date that is not on the calendar (rolled over by Date.parse) and any padding or
  // trailing bits that decode to the same text.
  return encodeCursor(cursor) === text ? cursor : null
}

/**
 * Decodes a cursor; a tampered or malformed one is a 400 that names the parameter, before it can
 * reach a query (a non-uuid id or a date PostgreSQL cannot hold would be a 500 there).
 */
export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (text === undefined) return undefined
  const cursor = parseCursor(text)
  if (!cursor) {
    throw new ValidationError('The cursor is not valid.', [
      {
        in: 'query',
        pointer: '/startingAfter',
        code: 'invalid_cursor',
        detail: 'is not a cursor this API issued; pass a `nextCursor` unchanged',
      },
    ])
  }
  return cursor
}

/** Wraps one page of results in the list envelope. */
export function toPage<T extends { createdAt: Date; id: string }, R>(
  rows: T[],
  limit: number,
  map: (row: T) => R,
) {
  const hasMore = rows.length > limit
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    object: 'list' as const,
    data: page.map(map),
    hasMore,
    nextCursor: hasMore && last ? encodeCursor(last) : null,
  }
}

/** Zod schema of the list envelope around `item`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal('list'),
    data: z.array(item),
    hasMore: z.boolean().describe('True when another page follows.'),
    nextCursor: z.string().nullable().describe('Pass as `startingAfter` to fetch the next page.'),
  })
}
