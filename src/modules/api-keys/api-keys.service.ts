import { LRUCache } from 'lru-cache'
import type { Db } from '../../db/prisma-helpers.js'
import {
  digestsEqual,
  displayPrefix,
  generateSecret,
  hashSecret,
  passesChecksum,
} from '../../lib/api-key-secret.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { instantOf } from '../../lib/date-schemas.js'
import { NotFoundError, ValidationError } from '../../lib/errors.js'
import { decodeCursor, type PageQuery, toPage } from '../../lib/pagination.js'
import type { Scope } from '../../lib/scopes.js'
import type { IdempotencyService } from '../idempotency/idempotency.service.js'
import type { ApiKeyRepository, ApiKeyRow } from './api-keys.repository.js'

export interface ApiKeyServiceDeps {
  repository: Pick<
    ApiKeyRepository,
    'countKeys' | 'findOrCreateOrganization' | 'create' | 'list' | 'revoke' | 'findBySecretHash' | 'touch'
  >
  /** Makes `create` safe to retry with an Idempotency-Key. */
  idempotency: Pick<IdempotencyService, 'create'>
  now?: () => Date
  /** How long a looked-up key is reused (0: never); see {@link createApiKeyService}. */
  cacheTtlMs?: number
}

/** Most keys one instance keeps looked up at once. */
const KEY_CACHE_SIZE = 10_000

/** What `POST /v1/api-keys` takes (after validation). */
export interface CreateApiKeyInput {
  name: string
  scopes: Scope[]
  expiresAt?: string | undefined
}

/** `lastUsedAt` is kept to the minute: precise enough to find unused keys, cheap enough for every request. */
const LAST_USED_RESOLUTION_MS = 60_000

export function presentKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  }
}

/**
 * Issues, lists and revokes API keys. A new key's secret is returned once and never stored — not
 * even in the idempotency record: a replayed creation answers with the key's metadata and
 * `secret: null`.
 */
export function createApiKeyService({
  repository,
  idempotency,
  now = () => new Date(),
  cacheTtlMs = 0,
}: ApiKeyServiceDeps) {
  // Authentication is on every request's path; a key read from the database is reused for `cacheTtlMs`, so
  // a read costs one query, not two. Expiry and revocation are checked on every use against the row as
  // read; a revocation through this instance empties the cache at once, on other instances it takes effect
  // within the TTL (documented with AUTH_CACHE_TTL_MS).
  type KeyRow = NonNullable<Awaited<ReturnType<typeof repository.findBySecretHash>>>
  const keys = cacheTtlMs > 0 ? new LRUCache<string, KeyRow>({ max: KEY_CACHE_SIZE, ttl: cacheTtlMs }) : null

  async function issue(
    organizationId: string,
    name: string,
    scopes: Scope[],
    expiresAt: Date | null,
    { secret = generateSecret(), tx }: { secret?: string; tx?: Db } = {},
  ) {
    const row = await repository.create(
      {
        organizationId,
        name,
        prefix: displayPrefix(secret),
        secretHash: hashSecret(secret),
        scopes,
        expiresAt,
      },
      tx,
    )
    return { ...presentKey(row), secret }
  }

  return {
    issue,

    /**
     * The context of the key with this secret, or null when it is malformed (checked offline, before
     * any database work), unknown, revoked or expired. Records the use, to the minute.
     */
    async authenticate(secret: string): Promise<AuthContext | null> {
      if (!passesChecksum(secret)) return null
      const hash = hashSecret(secret)
      let key = keys?.get(hash) ?? null
      if (!key) {
        key = await repository.findBySecretHash(hash)
        if (key) keys?.set(hash, key)
      }
      const at = now()
      if (
        !key ||
        !digestsEqual(key.secretHash, hash) ||
        key.revokedAt ||
        (key.expiresAt && key.expiresAt <= at)
      ) {
        return null
      }
      if (!key.lastUsedAt || at.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        // Bookkeeping, not the request's work: it never delays or fails the request it records.
        void repository.touch(key.id, at, new Date(at.getTime() - LAST_USED_RESOLUTION_MS)).catch(() => {})
        // The cached row (if any) now says so too: one touch per resolution, not one per request.
        key.lastUsedAt = at
      }
      return {
        organizationId: key.organizationId,
        apiKeyId: key.id,
        apiKeyName: key.name,
        scopes: key.scopes,
      }
    },

    /** For operators: a key for the named organization, created if it does not exist yet. */
    async issueForOrganization(organizationName: string, name: string, scopes: Scope[]) {
      const organization = await repository.findOrCreateOrganization(organizationName)
      return { organization, key: await issue(organization.id, name, scopes, null) }
    },

    /**
     * Registers the operator's bootstrap secret as an admin key of the default organization, only
     * while no key exists at all, so a fresh installation is usable at once and a configured one is
     * never changed by a leftover environment variable.
     */
    async bootstrap(secret: string | undefined, organizationName: string): Promise<boolean> {
      if (!secret || (await repository.countKeys()) > 0) return false
      const organization = await repository.findOrCreateOrganization(organizationName)
      await issue(organization.id, 'bootstrap admin key', ['admin'], null, { secret })
      return true
    },

    /**
     * Creates a key. With an Idempotency-Key, a retry with the same body replays the first answer
     * (`replayed: true`) without the secret, which only the first answer ever carries.
     */
    async create(auth: AuthContext, body: CreateApiKeyInput, idempotencyKey: string | undefined) {
      // Set only by the attempt that creates the key; never part of what is stored for replays.
      let secret: string | null = null
      const result = await idempotency.create(
        {
          organizationId: auth.organizationId,
          key: idempotencyKey,
          method: 'POST',
          path: '/v1/api-keys',
          body,
        },
        async (tx) => {
          const expiresAt = body.expiresAt === undefined ? null : instantOf(body.expiresAt)
          // Checked here rather than in the schema: it depends on the clock, and a replay of a key
          // created before its expiry passed must still replay.
          if (expiresAt && expiresAt <= now()) {
            throw new ValidationError('The key would be expired when created.', [
              { in: 'body', pointer: '/expiresAt', code: 'in_past', detail: 'must be in the future' },
            ])
          }
          const { secret: created, ...key } = await issue(
            auth.organizationId,
            body.name,
            body.scopes,
            expiresAt,
            {
              tx,
            },
          )
          secret = created
          // A key has no versions, so no ETag: it is only ever created and revoked.
          return { body: key, etag: '', location: `/v1/api-keys/${key.id}` }
        },
      )
      return { ...result, body: { ...result.body, secret: result.replayed ? null : secret } }
    },

    async list(auth: AuthContext, query: PageQuery) {
      const rows = await repository.list(auth.organizationId, query.limit, decodeCursor(query.startingAfter))
      return toPage(rows, query.limit, presentKey)
    },

    async revoke(auth: AuthContext, id: string) {
      if (!(await repository.revoke(auth.organizationId, id, now()))) throw new NotFoundError('API key', id)
      // Revoked here: no request to this instance may still pass on a cached row of it.
      keys?.clear()
    },
  }
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>
