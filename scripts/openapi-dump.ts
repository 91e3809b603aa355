// `npm run openapi:dump`: writes openapi.yaml from the routes' schemas (an in-memory database is
// enough to build the app). `--check` fails instead when the committed file differs.
import { readFile, writeFile } from 'node:fs/promises'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config/env.js'

const target = new URL('../openapi.yaml', import.meta.url)
const app = await buildApp(loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }))
await app.ready()
const generated = app.swagger({ yaml: true })
await app.close()

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '')
  if (committed !== generated) {
    process.stderr.write('openapi.yaml is out of date: run `npm run openapi:dump` and commit the result.\n')
    process.exit(1)
  }
  process.stdout.write('openapi.yaml matches the code.\n')
} else {
  await writeFile(target, generated)
  process.stdout.write('wrote openapi.yaml\n')
}
