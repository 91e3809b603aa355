import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'csv-parse/sync'
import type { Recalculated } from './workbook-check.js'

/**
 * LibreOffice headless as a second, independent spreadsheet engine (Debian's `libreoffice-calc-nogui`): it opens
 * the workbook, recalculates it and exports every sheet as CSV (the 12th token of the filter options, `-1`, means
 * every sheet, one file each; "save as shown" off, so numbers come out with their 15 significant digits rather
 * than as formatted). It runs on a fresh user profile of its own that always recalculates an .xlsx on load
 * (`OOXMLRecalcMode` 0); the workbook carries no cached results anyway — LibreOffice would keep those as stored.
 */

/** The CSV filter: comma, double quote, UTF-8, from line 1, standard cell format, no "as shown", every sheet. */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1'

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

/** The `soffice` to run (`SOFFICE` overrides), or null when LibreOffice is not installed. */
export async function sofficePath(): Promise<string | null> {
  const candidate = process.env.SOFFICE ?? 'soffice'
  return new Promise((resolve) => {
    const child = spawn(candidate, ['--version'], { stdio: 'ignore' })
    child.on('error', () => resolve(null))
    child.on('exit', (code) => resolve(code === 0 ? candidate : null))
  })
}

/** A working directory with a fresh LibreOffice profile; `dispose` removes both. */
export async function libreOfficeSession() {
  const dir = await mkdtemp(join(tmpdir(), 'workbook-lo-'))
  const profile = join(dir, 'profile')
  await mkdir(join(profile, 'user'), { recursive: true })
  await writeFile(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS)
  const soffice = (await sofficePath()) ?? 'soffice'
  let runs = 0

  /** Runs soffice with arguments; resolves with its wall time, rejects on failure. */
  function run(args: string[]): Promise<number> {
    const started = performance.now()
    return new Promise((resolve, reject) => {
      const child = spawn(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', ...args],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      let output = ''
      child.stdout.on('data', (chunk) => {
        output += chunk
      })
      child.stderr.on('data', (chunk) => {
        output += chunk
      })
      child.on('error', reject)
      child.on('exit', (code) =>
        code === 0
          ? resolve(performance.now() - started)
          : reject(new Error(`soffice exited ${code}: ${output}`)),
      )
    })
  }

  return {
    dir,
    run,
    /**
     * Opens, recalculates and exports the workbook: every sheet's values, and the wall time of the whole
     * conversion (LibreOffice's start-up included).
     */
    async recalculate(xlsx: Uint8Array): Promise<{ book: Recalculated; ms: number }> {
      const name = `book${++runs}`
      const out = join(dir, name)
      await mkdir(out)
      const file = join(out, `${name}.xlsx`)
      await writeFile(file, xlsx)
      const ms = await run(['--convert-to', CSV_FILTER, '--outdir', out, file])
      const sheets = new Map<string, string[][]>()
      for (const entry of await readdir(out)) {
        const match = new RegExp(`^${name}-(.+)\\.csv$`).exec(entry)
        if (!match) continue
        const rows = parse(await readFile(join(out, entry), 'utf8'), {
          relax_column_count: true,
        }) as string[][]
        sheets.set(match[1]!, rows)
      }
      return { book: fromCsv(sheets), ms }
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  }
}

/** Values from LibreOffice's CSV: numbers as numbers, TRUE/FALSE as booleans, the rest as text. */
function fromCsv(sheets: Map<string, string[][]>): Recalculated {
  return {
    value(sheet, row, col) {
      const rows = sheets.get(sheet)
      if (!rows)
        throw new Error(
          `LibreOffice exported no sheet '${sheet}' (it exported ${[...sheets.keys()].join(', ')})`,
        )
      const cell = rows[row - 1]?.[col - 1]
      if (cell === undefined || cell === '') return null
      if (/^-?(\d+\.?\d*|\.\d+)(E[+-]?\d+)?$/i.test(cell)) return Number(cell)
      // A percent-formatted number keeps its % sign even when not exported "as shown".
      if (/^-?(\d+\.?\d*|\.\d+)(E[+-]?\d+)?%$/i.test(cell)) return Number(cell.slice(0, -1)) / 100
      if (cell === 'TRUE' || cell === 'FALSE') return cell === 'TRUE'
      return cell
    },
  }
}
