import { z } from 'zod'
import { ValidationError } from './errors.js'

/** Query parameters of every list operation (cursor pagination). */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1–100 (default 20).'),
  startingAfter: z
    .string()
    .max(200)
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

/** Decodes a cursor; a tampered or malformed one is a 400 that names the parameter. */
export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (text === undefined) return undefined
  const [iso, id] = Buffer.from(text, 'base64url').toString('utf8').split('|')
  const createdAt = new Date(iso ?? '')
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new ValidationError('The cursor is not valid.', [
      {
        in: 'query',
        pointer: '/startingAfter',
        code: 'invalid_cursor',
        detail: 'is not a cursor this API issued',
      },
    ])
  }
  return { createdAt, id }
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
