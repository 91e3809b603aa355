import type { PrismaClient } from './client.js'
import type { Prisma } from './generated/client.js'

/**
 * What every repository needs at the Prisma boundary: the client-or-transaction type, the error codes
 * Prisma raises for constraint violations, and the conversions of its Decimal and Date values to ours.
 */

/** A Prisma client or an interactive transaction: every repository method accepts either. */
export type Db = PrismaClient | Prisma.TransactionClient

/** A Prisma error's code, e.g. P2002; undefined for anything else. */
export function prismaCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined
}

/** A unique index refused the write (P2002). */
export const isUniqueViolation = (error: unknown): boolean => prismaCode(error) === 'P2002'

/** A foreign key refused the write or delete (P2003). */
export const isForeignKeyViolation = (error: unknown): boolean => prismaCode(error) === 'P2003'

/**
 * A NUMERIC value as a plain decimal string (`"0.9"`, never `"9e-1"` and without trailing zeros), by way
 * of text: Prisma's Decimal is its own copy of decimal.js, so nothing crosses as a JS number.
 */
export function decimalText(value: Prisma.Decimal): string {
  return value.toFixed()
}

/** `YYYY-MM-DD` of a DATE column. */
export const isoDate = (value: Date): string => value.toISOString().slice(0, 10)

/** A DATE column's value for `YYYY-MM-DD`. */
export const dateOf = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`)
