import type { FastifyReply } from 'fastify'
import { z } from 'zod'

/** Longest `Idempotency-Key` accepted (as Stripe's). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255

/**
 * The `Idempotency-Key` header of a create route, documented; `note` says what a replay of this
 * route answers when that differs from the first response.
 */
export function idempotencyHeaders(note = '') {
  return z.object({
    'idempotency-key': z
      .string()
      .max(IDEMPOTENCY_KEY_MAX_LENGTH)
      .optional()
      .describe(
        `Makes the create safe to retry: the same key and body return the first response for 24 h${note}.`,
      ),
  })
}

/** What an idempotent write answers (first time or replayed), as the idempotency service returns it. */
export interface IdempotentAnswer {
  statusCode: number
  body: unknown
  headers?: Record<string, string>
  replayed: boolean
}

/** Sends an idempotent write's answer; a replay says so with `Idempotent-Replayed: true`. */
export function sendIdempotent(
  reply: FastifyReply,
  answer: IdempotentAnswer,
  extraHeaders: Record<string, string> = {},
) {
  if (answer.replayed) reply.header('idempotent-replayed', 'true')
  return reply
    .code(answer.statusCode)
    .headers({ ...answer.headers, ...extraHeaders })
    .send(answer.body)
}
