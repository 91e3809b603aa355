import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import sparticuz from '@sparticuz/chromium'
import { type Browser, chromium } from 'playwright-core'

/**
 * Flags for a browser named by CHROMIUM_PATH (a system Chromium): headless, no sandbox (tests run as
 * root), and nothing that calls out to the network by itself.
 */
const SYSTEM_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/**
 * Flags of @sparticuz/chromium that switch browser security off. The tests check what a real
 * browser does with our pages (Content-Security-Policy, same-origin fetches), so those stay on.
 */
const INSECURE_FLAGS = new Set([
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
])

/**
 * A headless Chromium for tests. `CHROMIUM_PATH`, when set, names the browser to run (e.g. a system
 * Chromium); otherwise the chrome-headless-shell that the npm package @sparticuz/chromium ships, so
 * `npm ci && npm test` needs nothing but Node. Close the browser in `afterAll`.
 */
export async function launchBrowser(): Promise<Browser> {
  const systemPath = process.env.CHROMIUM_PATH
  if (systemPath) return chromium.launch({ executablePath: systemPath, args: SYSTEM_CHROMIUM_ARGS })
  return chromium.launch({
    executablePath: await bundledChromiumPath(),
    args: sparticuz.args.filter((flag) => !INSECURE_FLAGS.has(flag)),
  })
}

let bundledPath: Promise<string> | undefined

/**
 * The packaged browser, unpacked once per machine into `<tmpdir>/sparticuz-chromium-<version>/`.
 *
 * The package itself unpacks into the bare temporary folder and reuses whatever `chromium` it finds
 * there, even one of another version (whose libraries then do not match: the browser dies with
 * SIGTRAP), and a second process starting while the first is still writing would run a half-written
 * binary. So each caller unpacks into a private folder (the package reads `os.tmpdir()`, i.e.
 * TMPDIR, synchronously when the call starts) and renames it into place; a rename onto a folder
 * that already exists fails, and then the other process's complete copy is used.
 */
function bundledChromiumPath(): Promise<string> {
  bundledPath ??= (async () => {
    const target = join(tmpdir(), `sparticuz-chromium-${packageVersion()}`)
    const binary = join(target, 'chromium')
    if (existsSync(binary)) return binary

    const staging = `${target}.partial-${process.pid}-${randomUUID()}`
    await mkdir(staging, { recursive: true })
    const previousTmpdir = process.env.TMPDIR
    process.env.TMPDIR = staging
    let unpacking: Promise<string>
    try {
      unpacking = sparticuz.executablePath()
    } finally {
      if (previousTmpdir === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = previousTmpdir
    }
    try {
      const staged = await unpacking
      if (dirname(staged) !== staging) throw new Error(`@sparticuz/chromium unpacked to ${staged}`)
      await rename(staging, target)
    } catch (error) {
      await rm(staging, { recursive: true, force: true })
      // Another process won the race: its copy is complete (renamed into place whole).
      if (!existsSync(binary)) throw error
    }
    return binary
  })()
  return bundledPath
}

/** The installed @sparticuz/chromium version (its package.json is not in the package's exports). */
function packageVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium')
  let folder = dirname(entry)
  while (!existsSync(join(folder, 'package.json')) || !isPackageRoot(folder)) {
    const parent = dirname(folder)
    if (parent === folder) throw new Error('@sparticuz/chromium: package.json not found')
    folder = parent
  }
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version
}

function isPackageRoot(folder: string): boolean {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }
  return manifest.name === '@sparticuz/chromium'
}
