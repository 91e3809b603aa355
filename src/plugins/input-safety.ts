import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type FieldIssue, ValidationError } from '../lib/errors.js'
import { findUnsafeText } from '../lib/safe-text.js'

const UNSAFE_TEXT_DETAIL =
  'holds a NUL character or a lone UTF-16 surrogate, which cannot be stored; remove it'

/** The request's decoded inputs, each with where it came from (for `errors[].in`). */
function inputs(request: FastifyRequest): [FieldIssue['in'], unknown][] {
  return [
    ['path', request.params],
    ['query', request.query],
    // A body kept as raw bytes (the plan preview's) is checked where it is parsed.
    ['body', Buffer.isBuffer(request.body) ? undefined : request.body],
  ]
}

/**
 * Refuses text PostgreSQL cannot store faithfully — a NUL character (it would surface as a 500) or
 * a lone surrogate (silently replaced by U+FFFD) — in any path parameter, query parameter or body
 * field, keys included, before validation and so before any database work: a 400
 * `VALIDATION_FAILED` whose `errors[]` name each offending field with the code `unsafe_text`.
 */
export const inputSafetyPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      const issues: FieldIssue[] = []
      for (const [where, value] of inputs(request)) {
        const pointer = findUnsafeText(value)
        if (pointer !== null) {
          issues.push({ in: where, pointer, code: 'unsafe_text', detail: UNSAFE_TEXT_DETAIL })
        }
      }
      if (issues.length > 0) {
        throw new ValidationError(
          `${issues.length} problem${issues.length === 1 ? '' : 's'} in the request: text with a NUL character or a lone surrogate.`,
          issues,
        )
      }
    })
  },
  { name: 'input-safety', fastify: '5.x', dependencies: ['errors'] },
)
