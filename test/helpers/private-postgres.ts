import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './server-process.js'

/** Where Debian/Ubuntu install PostgreSQL 15's server binaries (`PG_BIN_DIR` overrides). */
const BIN_DIR = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin'

/** The OS account the server runs as when we are root (initdb and postgres refuse to run as root). */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'))
  if (!line) return undefined
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

/**
 * Why a private PostgreSQL server cannot be started on this machine, or undefined when it can:
 * the server binaries must be installed and, when we run as root, a `postgres` account must exist.
 */
export function privatePostgresUnavailable(): string | undefined {
  for (const tool of ['initdb', 'postgres']) {
    if (!existsSync(join(BIN_DIR, tool)))
      return `PostgreSQL server binaries not found (${join(BIN_DIR, tool)})`
  }
  if (process.getuid?.() === 0 && !serverAccount())
    return 'running as root and there is no postgres OS account'
  return undefined
}

/**
 * A throw-away PostgreSQL server that only this test uses: its own data folder and port, so it can
 * be stopped, restarted, frozen and thawed without disturbing anything else.
 */
export interface PrivatePostgres {
  /** Connection URL of its `postgres` database. */
  url: string
  /** Stops the server as `pg_ctl stop -m fast` does (SIGINT: abort sessions, shut down cleanly). */
  stop(): Promise<void>
  /** Starts it again on the same folder and port. */
  start(): Promise<void>
  /** SIGSTOPs the postmaster and every backend: connections stay open, nothing answers. */
  freeze(): void
  /** SIGCONTs everything `freeze` stopped. */
  thaw(): void
  /** Thaws, stops and deletes the data folder. */
  dispose(): Promise<void>
}

/** Process ids of a process's children (a postmaster's backends and auxiliary processes). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(Number)
  } catch {
    return [] // pgrep exits 1 when there is none
  }
}

/** Runs `initdb` in a new temp folder and starts the server; the caller must `dispose()` it. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const reason = privatePostgresUnavailable()
  if (reason) throw new Error(reason)
  const account = serverAccount()
  const dir = await mkdtemp(join(tmpdir(), 'ccp-pg-'))
  const dataDir = join(dir, 'data')
  if (account) await chown(dir, account.uid, account.gid)
  const asServer = account ? { uid: account.uid, gid: account.gid } : {}
  execFileSync(
    join(BIN_DIR, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync', '--no-instructions'],
    { ...asServer, stdio: 'pipe', env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' } },
  )
  const port = await freePort()
  let postmaster: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()
  let log = ''
  let frozen: number[] = []

  const start = async () => {
    log = ''
    const child = spawn(
      join(BIN_DIR, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        // The socket goes in our folder: the system's /var/run/postgresql may not exist or be ours.
        '-c',
        `unix_socket_directories=${dir}`,
        '-c',
        'fsync=off',
        '-c',
        'max_connections=50',
      ],
      { ...asServer, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' } },
    )
    child.stdout?.on('data', (chunk) => {
      log += chunk.toString()
    })
    child.stderr?.on('data', (chunk) => {
      log += chunk.toString()
    })
    postmaster = child
    exited = new Promise((resolve) => child.once('exit', () => resolve()))
    const deadline = Date.now() + 30_000
    while (!log.includes('database system is ready to accept connections')) {
      if (child.exitCode !== null) throw new Error(`private PostgreSQL exited:\n${log}`)
      if (Date.now() > deadline) throw new Error(`private PostgreSQL not ready after 30 s:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  const stop = async () => {
    if (!postmaster || postmaster.exitCode !== null) return
    postmaster.kill('SIGINT')
    await exited
  }

  const signalAll = (signal: NodeJS.Signals, pids: readonly number[]) => {
    for (const pid of pids) {
      try {
        process.kill(pid, signal)
      } catch {
        // The process is already gone (a backend that ended); nothing to stop or resume.
      }
    }
  }

  await start()
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    freeze() {
      const pid = postmaster?.pid
      if (!pid) throw new Error('private PostgreSQL is not running')
      // The postmaster first, so it forks no new backend while we collect the existing ones.
      signalAll('SIGSTOP', [pid])
      const children = childrenOf(pid)
      signalAll('SIGSTOP', children)
      frozen = [pid, ...children]
    },
    thaw() {
      signalAll('SIGCONT', frozen.toReversed())
      frozen = []
    },
    async dispose() {
      signalAll('SIGCONT', frozen)
      frozen = []
      await stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
