import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js'

const root = mkdtempSync(join(tmpdir(), 'ccp-lock-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the embedded database folder lock', () => {
  it('refuses a second process while the first one lives, naming it, and frees the folder on release', async () => {
    const dir = join(root, 'data-a')
    // Another live process holds the folder (a child that sleeps, standing for a running service).
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], { stdio: 'ignore' })
    try {
      writeFileSync(`${dir}.lock`, String(other.pid))
      let refused: unknown
      try {
        lockDataDir(dir)
      } catch (error) {
        refused = error
      }
      expect(refused).toBeInstanceOf(DataDirInUseError)
      expect((refused as DataDirInUseError).pid).toBe(other.pid)
      expect((refused as Error).message).toContain(`in use by process ${other.pid}`)
      expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(other.pid))
    } finally {
      other.kill()
    }
  })

  it('takes over a lock left by a process that is gone', () => {
    const dir = join(root, 'data-b')
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    })
    writeFileSync(`${dir}.lock`, gone.stdout)
    const release = lockDataDir(dir)
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid))
    release()
    expect(existsSync(`${dir}.lock`)).toBe(false)
    release()
  })

  it('holds the folder for this process until released, then lets the next open take it', () => {
    const dir = join(root, 'data-c')
    const release = lockDataDir(dir)
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid))
    release()
    const again = lockDataDir(dir)
    again()
    expect(existsSync(`${dir}.lock`)).toBe(false)
  })
})
