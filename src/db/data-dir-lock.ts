import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * One process at a time on an embedded database folder. PGlite is PostgreSQL compiled to WebAssembly, running
 * inside the process that opens it, with no lock of its own: a second process on the same folder (say
 * `npm run apikey` while `npm start` runs) writes into a copy the first one never reads and overwrites at its
 * next checkpoint — its write is silently lost. So whoever opens a folder first holds `<folder>.lock`, a file
 * naming its process id, and a second process is refused with an explanation.
 *
 * A lock left by a process that died is taken over: the id it names is no longer a live process. (A recycled
 * id held by an unrelated live process would refuse the open — the safe direction; delete the file then.)
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (a running service?): one process at a ` +
        'time can open it. Stop that process first, or do this through the running service (e.g. POST ' +
        `/v1/api-keys with an admin key). If no such process runs, delete ${lockPath(dataDir)}.`,
    )
    this.name = 'DataDirInUseError'
  }
}

const lockPath = (dataDir: string) => `${resolve(dataDir)}.lock`

/** True when a process with this id runs (EPERM: it runs as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the folder's lock for this process.
 * @returns its release (idempotent); it is also released when the process exits
 * @throws DataDirInUseError when another live process holds it
 */
export function lockDataDir(dataDir: string): () => void {
  const path = lockPath(dataDir)
  const mine = String(process.pid)
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10)
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new DataDirInUseError(dataDir, holder)
      }
      // Left by a process that is gone (or by this one): take it over.
      unlinkSync(path)
    }
  }
  let held = true
  const release = () => {
    if (!held) return
    held = false
    process.off('exit', release)
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path)
    } catch {
      // Already gone.
    }
  }
  process.on('exit', release)
  return release
}
