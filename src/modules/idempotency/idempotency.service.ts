import { createHash } from 'node:crypto'
import type { PrismaClient } from '../../db/client.js'
import type { Prisma } from '../../db/generated/client.js'
import { isUniqueViolation } from '../../db/prisma-helpers.js'
import { ConflictError, UnprocessableError, ValidationError } from '../../lib/errors.js'
import { type Created, IDEMPOTENCY_KEY_MAX_LENGTH, type Tagged } from '../../lib/write-route.js'

/** How long a stored response is replayed for the same key (documented in the README). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000

export interface IdempotentRequest {
  organizationId: string
  /** The Idempotency-Key header, or undefined when the client sent none. */
  key: string | undefined
  method: string
  path: string
  body: unknown
}

export interface WriteResult {
  statusCode: number
  body: unknown
  headers: Record<string, string>
}

export interface TransactionOptions {
  /** Longest the write's transaction may stay open (Prisma's default: 5 s), for writes of many rows. */
  timeoutMs?: number
}

/** Canonical JSON: object keys sorted, so the same payload always has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Another request with the same key committed its record while this one was working. */
class KeyRace extends Error {}

/**
 * Idempotent writes. The stored response is written in the same transaction as the write it
 * answers, so a retry after a crash either finds both or neither. A retry with the same key and
 * payload gets the first response again; the same key with another payload is a 422; a retry that
 * races the original waits for it (the unique index serializes them) and then replays it.
 * Keys are scoped to the organization, so one tenant's key never replays another's response.
 */
export function createIdempotencyService(prisma: PrismaClient, now: () => Date = () => new Date()) {
  async function replay(
    request: IdempotentRequest,
    hash: string,
    tx: Prisma.TransactionClient | PrismaClient,
  ) {
    const record = await tx.idempotencyRecord.findUnique({
      where: { organizationId_key: { organizationId: request.organizationId, key: request.key ?? '' } },
    })
    if (!record || record.expiresAt <= now()) return null
    if (record.requestHash !== hash) {
      throw new UnprocessableError(
        `Idempotency-Key '${request.key}' was already used with a different request.`,
        [
          {
            in: 'header',
            pointer: '/idempotency-key',
            code: 'key_reused',
            detail: 'was used for another request',
          },
        ],
        'IDEMPOTENCY_KEY_REUSED',
      )
    }
    return {
      statusCode: record.statusCode,
      body: JSON.parse(record.responseBody) as unknown,
      headers: record.responseHeaders as Record<string, string>,
      replayed: true,
    }
  }

  const service = {
    async run(
      request: IdempotentRequest,
      work: (tx: Prisma.TransactionClient) => Promise<WriteResult>,
      options: TransactionOptions = {},
    ): Promise<WriteResult & { replayed: boolean }> {
      const { key } = request
      const txOptions = options.timeoutMs ? { timeout: options.timeoutMs } : {}
      if (key === undefined) return { ...(await prisma.$transaction(work, txOptions)), replayed: false }
      if (key.length < 1 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
        throw new ValidationError('The Idempotency-Key header is not valid.', [
          {
            in: 'header',
            pointer: '/idempotency-key',
            code: 'invalid',
            detail: `must be 1–${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters`,
          },
        ])
      }
      const hash = createHash('sha256')
        .update(`${request.method} ${request.path}\n${canonical(request.body)}`)
        .digest('hex')
      try {
        return await prisma.$transaction(async (tx) => {
          const stored = await replay(request, hash, tx)
          if (stored) return stored
          await tx.idempotencyRecord.deleteMany({
            where: { organizationId: request.organizationId, key, expiresAt: { lte: now() } },
          })
          // Claim the key before doing the work: a concurrent request with the same key blocks on
          // this insert until we commit, then fails with a unique violation and replays our answer.
          const claim = await tx.idempotencyRecord
            .create({
              data: {
                organizationId: request.organizationId,
                key,
                method: request.method,
                path: request.path,
                requestHash: hash,
                statusCode: 0,
                responseBody: '',
                responseHeaders: {},
                expiresAt: new Date(now().getTime() + IDEMPOTENCY_RETENTION_MS),
              },
              select: { id: true },
            })
            .catch((error: unknown) => {
              throw isUniqueViolation(error) ? new KeyRace() : error
            })
          const result = await work(tx)
          await tx.idempotencyRecord.update({
            where: { id: claim.id },
            data: {
              statusCode: result.statusCode,
              responseBody: JSON.stringify(result.body),
              responseHeaders: result.headers,
            },
          })
          return { ...result, replayed: false }
        }, txOptions)
      } catch (error) {
        if (!(error instanceof KeyRace)) throw error
        // A concurrent request with the same key committed first: answer as it did.
        const stored = await replay(request, hash, prisma)
        if (stored) return stored
        throw new ConflictError(
          `A request with Idempotency-Key '${key}' is still in progress.`,
          'IDEMPOTENCY_IN_PROGRESS',
        )
      }
    },

    /**
     * An idempotent create: `work` makes the resource inside the transaction and returns it with its ETag
     * and location; the answer (first or replayed) says which. Services return this, routes send it
     * (`sendCreated`): no status codes in services.
     */
    async create<T>(
      request: IdempotentRequest,
      work: (tx: Prisma.TransactionClient) => Promise<Tagged<T> & { location: string }>,
      options: TransactionOptions = {},
    ): Promise<Created<T>> {
      const result = await service.run(
        request,
        async (tx) => {
          const made = await work(tx)
          return { statusCode: 201, body: made.body, headers: { etag: made.etag, location: made.location } }
        },
        options,
      )
      return {
        body: result.body as T,
        etag: result.headers.etag ?? '',
        location: result.headers.location ?? '',
        replayed: result.replayed,
      }
    },
  }
  return service
}

export type IdempotencyService = ReturnType<typeof createIdempotencyService>
