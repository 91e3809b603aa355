// `npm run openapi:dump`: writes openapi.yaml from the routes' schemas (an in-memory database is
// enough to build the app), and test/client/api.ts, the typed client's types, from that document.
// `--check` (`npm run openapi:check`) fails instead when either committed file differs.
import { readFile, writeFile } from 'node:fs/promises'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config/env.js'
import { writeOrCheckClientTypes } from './client-generate.js'

const target = new URL('../openapi.yaml', import.meta.url)
const app = await buildApp(loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SEED_DEMO: 'false' }))
await app.ready()
const generated = app.swagger({ yaml: true })
await app.close()

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '')
  let stale = false
  if (committed !== generated) {
    process.stderr.write('openapi.yaml is out of date: run `npm run openapi:dump` and commit the result.\n')
    stale = true
  }
  if (!(await writeOrCheckClientTypes(generated, true))) {
    process.stderr.write(
      'test/client/api.ts is out of date: run `npm run openapi:dump` (or `npm run client:generate`) and commit it.\n',
    )
    stale = true
  }
  if (stale) process.exit(1)
  process.stdout.write('openapi.yaml matches the code; test/client/api.ts matches openapi.yaml.\n')
} else {
  await writeFile(target, generated)
  await writeOrCheckClientTypes(generated, false)
  process.stdout.write('wrote openapi.yaml and test/client/api.ts\n')
}
