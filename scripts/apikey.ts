// `npm run apikey -- create --org NAME --scope admin [--name LABEL]`: prints a new API key for an
// organization (created if needed). For operators and docker-compose set-ups; the secret is shown once.
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../src/config/env.js'
import { openDatabase } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { SCOPES, type Scope } from '../src/lib/scopes.js'
import { createApiKeyRepository } from '../src/modules/api-keys/api-keys.repository.js'
import { createApiKeyService } from '../src/modules/api-keys/api-keys.service.js'
import { createIdempotencyService } from '../src/modules/idempotency/idempotency.service.js'

const USAGE = 'usage: npm run apikey -- create --org NAME --scope read|write|admin [--scope …] [--name LABEL]'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    org: { type: 'string' },
    scope: { type: 'string', multiple: true },
    name: { type: 'string' },
  },
})
if (positionals[0] !== 'create' || !values.org || !values.scope?.length) fail(USAGE)
const scopes = values.scope as string[]
for (const scope of scopes) if (!SCOPES.includes(scope as Scope)) fail(`unknown scope '${scope}'\n${USAGE}`)

try {
  const config = loadConfig()
  const database = await openDatabase(config)
  try {
    await database.withConnection((conn) => migrate(conn))
    const service = createApiKeyService({
      repository: createApiKeyRepository(database.prisma),
      idempotency: createIdempotencyService(database.prisma),
    })
    const { organization, key } = await service.issueForOrganization(
      values.org,
      values.name ?? `cli key (${scopes.join(', ')})`,
      scopes as Scope[],
    )
    process.stderr.write(
      `Created key ${key.prefix}… for organization '${organization.name}' (${key.scopes.join(', ')}).\n`,
    )
    process.stderr.write('Store it now: it is not shown again.\n')
    process.stdout.write(`${key.secret}\n`)
  } finally {
    await database.close()
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`)
  process.exit(1)
}
