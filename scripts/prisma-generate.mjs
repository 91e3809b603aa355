// Generates the Prisma client into src/db/generated at install time, offline.
// `prisma generate` never uses the schema engine, but the CLI insists on finding one and would try to
// download it (impossible on our machines). Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file
// satisfies the check; a real engine, when present, is left alone.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' }
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url)
}
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
