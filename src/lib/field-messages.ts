import { PRICE_LIMITS } from '../domain/limits.js'
import { WAITING_TEST_QUESTION } from '../domain/validation.js'

/**
 * Field-specific hints for `errors[].detail`: the one table of them. The error handler words every
 * validation issue plainly by its kind ("is required", "must be true or false, not text"); for the few
 * fields where that alone does not tell a buyer what to send, the hint below is added after it.
 */

/** Kinds of validation issue, as the error handler tells them apart. */
export type IssueKind = 'missing' | 'type' | 'range' | 'option' | 'format' | 'unknown' | 'other'

/** A hint for one field name. */
export interface FieldHint {
  /** What to add after the plain wording (a clause, no trailing full stop unless it ends a question). */
  hint: string
  /** The kinds of issue it is added to; every kind when absent. */
  kinds?: readonly IssueKind[]
  /** The routes (Fastify's URL pattern) it applies to; every route when absent. */
  routes?: readonly string[]
}

/** Hints by field name: the last token of the issue's pointer (for an unknown field, its own name). */
export const FIELD_HINTS: Readonly<Record<string, FieldHint>> = {
  userWaiting: {
    hint: `this is the waiting test: ${WAITING_TEST_QUESTION} Send true or false.`,
    kinds: ['missing', 'type', 'other'],
  },
  discountOffList: {
    hint:
      `it is the share taken off every copied price, 0 or more and below 1, with at most ` +
      `${PRICE_LIMITS.maxDiscountDecimals} decimals ("0.12" is 12% off)`,
  },
  modelId: {
    hint: 'the path names the model, and its id cannot be changed (replace the book’s `models` to rename one)',
    kinds: ['unknown'],
    routes: ['/v1/price-books/:id/models/:model'],
  },
}

/** The hint for `field` in an issue of `kind` on `route`, if the table has one. */
export function fieldHint(field: string, kind: IssueKind, route: string | undefined): string | undefined {
  const entry = Object.hasOwn(FIELD_HINTS, field) ? FIELD_HINTS[field] : undefined
  if (!entry) return undefined
  if (entry.kinds && !entry.kinds.includes(kind)) return undefined
  if (entry.routes && (route === undefined || !entry.routes.includes(route))) return undefined
  return entry.hint
}
