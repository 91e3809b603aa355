import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { versionFromIfMatch } from './etag.js'

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

/** A resource as a read or a write answers it: its presented body and its strong ETag. */
export interface Tagged<T> {
  body: T
  etag: string
}

/** What a create answers: the new resource, where it lives, and whether this was a replay. */
export interface Created<T> extends Tagged<T> {
  location: string
  replayed: boolean
}

/** The `If-Match` header of an update or delete, documented. */
export const IfMatchHeaders = z.object({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .describe('The ETag from your last read (required: a missing one is a 428, a stale one a 412).'),
})

/** The `If-None-Match` header of a read, documented. */
export const IfNoneMatchHeaders = z.object({
  'if-none-match': z
    .string()
    .max(2000)
    .optional()
    .describe('An ETag from an earlier read: when it still matches, the answer is a 304 without a body.'),
})

/** Sends a create's answer: 201 with `ETag` and `Location`; a replay says so with `Idempotent-Replayed`. */
export function sendCreated<T>(reply: FastifyReply, created: Created<T>) {
  if (created.replayed) reply.header('idempotent-replayed', 'true')
  // A collection made at once (a bulk create) has no one ETag.
  if (created.etag) reply.header('etag', created.etag)
  return reply.code(201).header('location', created.location).send(created.body)
}

/**
 * True when an `If-None-Match` header names `etag` (or is `*`). Strong comparison, as for `If-Match`:
 * a weak validator (`W/"…"`) never matches.
 */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || tag === etag
  })
}

/**
 * Sends a resource with its ETag: 200, or 304 without a body when the request's `If-None-Match` already
 * names this ETag (a GET of something unchanged).
 */
export function sendTagged<T>(request: FastifyRequest, reply: FastifyReply, tagged: Tagged<T>) {
  reply.header('etag', tagged.etag)
  const ifNoneMatch = request.headers['if-none-match']
  if ((request.method === 'GET' || request.method === 'HEAD') && noneMatchHits(ifNoneMatch, tagged.etag)) {
    return reply.code(304).send()
  }
  return reply.send(tagged.body)
}

/**
 * The version an update's `If-Match` asks for, as a function of the resource's id (the route knows the
 * header, the service the resource): missing → 428, another resource's, weak or stale → 412.
 */
export function expectedVersion(request: FastifyRequest): (id: string) => number {
  const header = request.headers['if-match']
  return (id) => versionFromIfMatch(typeof header === 'string' ? header : undefined, id)
}
