import {
  digestsEqual,
  displayPrefix,
  generateSecret,
  hashSecret,
  passesChecksum,
} from '../../lib/api-key-secret.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { NotFoundError } from '../../lib/errors.js'
import { decodeCursor, type PageQuery, toPage } from '../../lib/pagination.js'
import type { Scope } from '../../lib/scopes.js'
import type { ApiKeyRepository, ApiKeyRow } from './api-keys.repository.js'

export interface ApiKeyServiceDeps {
  repository: Pick<
    ApiKeyRepository,
    'countKeys' | 'findOrCreateOrganization' | 'create' | 'list' | 'revoke' | 'findBySecretHash' | 'touch'
  >
  now?: () => Date
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

/** Issues, lists and revokes API keys. A new key's secret is returned once and never stored. */
export function createApiKeyService({ repository, now = () => new Date() }: ApiKeyServiceDeps) {
  async function issue(
    organizationId: string,
    name: string,
    scopes: Scope[],
    expiresAt: Date | null,
    secret = generateSecret(),
  ) {
    const row = await repository.create({
      organizationId,
      name,
      prefix: displayPrefix(secret),
      secretHash: hashSecret(secret),
      scopes,
      expiresAt,
    })
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
      const key = await repository.findBySecretHash(hash)
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
        await repository.touch(key.id, at, new Date(at.getTime() - LAST_USED_RESOLUTION_MS))
      }
      return { organizationId: key.organizationId, apiKeyId: key.id, scopes: key.scopes }
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
      await issue(organization.id, 'bootstrap admin key', ['admin'], null, secret)
      return true
    },

    async create(auth: AuthContext, body: { name: string; scopes: Scope[]; expiresAt?: string | undefined }) {
      return issue(
        auth.organizationId,
        body.name,
        body.scopes,
        body.expiresAt ? new Date(body.expiresAt) : null,
      )
    },

    async list(auth: AuthContext, query: PageQuery) {
      const rows = await repository.list(auth.organizationId, query.limit, decodeCursor(query.startingAfter))
      return toPage(rows, query.limit, presentKey)
    },

    async revoke(auth: AuthContext, id: string) {
      if (!(await repository.revoke(auth.organizationId, id, now()))) throw new NotFoundError('API key', id)
    },
  }
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>
