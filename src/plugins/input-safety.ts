import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { FieldIssue } from '../lib/errors.js'
import { findUnsafeText, type UnsafeFinding, unsafeInputError } from '../lib/safe-text.js'

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
 * `VALIDATION_FAILED` whose `errors[]` name each offending field with the code `unsafe_text`. JSON
 * nested deeper than any field of this API is refused the same way (`too_deep`).
 */
export const inputSafetyPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      const findings: (UnsafeFinding & { in: FieldIssue['in'] })[] = []
      for (const [where, value] of inputs(request)) {
        const finding = findUnsafeText(value)
        if (finding !== null) findings.push({ ...finding, in: where })
      }
      if (findings.length > 0) throw unsafeInputError(findings)
    })
  },
  { name: 'input-safety', fastify: '5.x', dependencies: ['errors'] },
)
