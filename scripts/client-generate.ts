// `npm run client:generate`: writes test/client/api.ts, the TypeScript types of the committed
// openapi.yaml (openapi-typescript), which openapi-fetch's `createClient<paths>` takes;
// test/integration/typed-client.test.ts drives the API through that client, so a breaking change to
// the API is a compile error there.
// `--check` fails instead when the committed file differs. `npm run openapi:dump` regenerates both files,
// `npm run openapi:check` checks both.
import { spawnSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { parse } from 'yaml'

const ROOT = new URL('../', import.meta.url)
export const OPENAPI_YAML = new URL('openapi.yaml', ROOT)
export const CLIENT_TYPES = new URL('test/client/api.ts', ROOT)
const CLIENT_TYPES_PATH = 'test/client/api.ts'

const HEADER = `// Generated from openapi.yaml by \`npm run client:generate\` (openapi-typescript); do not edit.
// \`npm run openapi:check\` and test/integration/typed-client.test.ts fail when it is out of date.
`

/**
 * The document without its examples: they are for people (Swagger UI, openapi.yaml), and as JSDoc they
 * would be a fifth of the types file (the plan preview's alone is hundreds of lines).
 */
function withoutExamples(node: unknown, propertyNames = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutExamples(item))
  if (node === null || typeof node !== 'object') return node
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    // Under `properties` the keys are field names, which may be anything (even `example`).
    if (!propertyNames && (key === 'example' || key === 'examples')) continue
    copy[key] = withoutExamples(value, key === 'properties' && !propertyNames)
  }
  return copy
}

/** The types file for an OpenAPI document (YAML text), formatted as the project's Biome formats it. */
export async function clientTypes(openapiYaml: string): Promise<string> {
  const document = withoutExamples(parse(openapiYaml)) as Parameters<typeof openapiTS>[0]
  // Request bodies are input schemas: a field with a default is optional there, so `default` must not
  // make a field required (openapi-typescript's default would, for bodies that are `$ref`s).
  const ast = await openapiTS(document, { defaultNonNullable: false, silent: true })
  return format(HEADER + astToString(ast))
}

/** Runs `biome check --write` on the text (as if it were the committed file, so biome.json applies). */
function format(source: string): string {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome')
  const result = spawnSync(
    process.execPath,
    [biome, 'check', '--write', `--stdin-file-path=${CLIENT_TYPES_PATH}`],
    {
      cwd: fileURLToPath(ROOT),
      input: source,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  if (result.status !== 0 || result.stdout === '') {
    throw new Error(`biome could not format the generated types:\n${result.stderr}`)
  }
  return result.stdout
}

/** Writes the types file, or (with `check`) says whether the committed one is current. */
export async function writeOrCheckClientTypes(openapiYaml: string, check: boolean): Promise<boolean> {
  const generated = await clientTypes(openapiYaml)
  if (!check) {
    await writeFile(CLIENT_TYPES, generated)
    return true
  }
  const committed = await readFile(CLIENT_TYPES, 'utf8').catch(() => '')
  return committed === generated
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check')
  const current = await writeOrCheckClientTypes(await readFile(OPENAPI_YAML, 'utf8'), check)
  if (!check) process.stdout.write(`wrote ${CLIENT_TYPES_PATH}\n`)
  else if (current) process.stdout.write(`${CLIENT_TYPES_PATH} matches openapi.yaml.\n`)
  else {
    process.stderr.write(
      `${CLIENT_TYPES_PATH} is out of date: run \`npm run client:generate\` and commit it.\n`,
    )
    process.exit(1)
  }
}
