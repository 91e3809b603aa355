/**
 * `npm run check:workbook`: the workbook's formulas recalculated by LibreOffice headless (Debian's
 * `libreoffice-calc-nogui`), compared with the API's figures to the cent — the second, independent proof beside
 * the HyperFormula test (test/integration/workbook.test.ts). Exits 1 on any difference, 2 when LibreOffice is
 * missing.
 *
 * It builds the test's scenarios (test/helpers/workbook-scenarios.ts) through the API of an in-process service
 * on an in-memory PGlite database (or the PostgreSQL server of DATABASE_URL, in a database of its own), downloads
 * each scenario's projection and workbook over HTTP (inject), has LibreOffice recalculate the workbook on a fresh
 * profile and export every sheet, and checks every live figure. Then it changes one formula of one workbook and
 * checks that LibreOffice's figures now differ — so a pass means LibreOffice computed the formulas, not that
 * nothing was compared.
 */

import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config/env.js'
import type { PlanPreview } from '../src/domain/index.js'
import { SHEETS } from '../src/modules/workbook/layout.js'
import { libreOfficeSession, sofficePath } from '../test/helpers/libreoffice.js'
import {
  type CommitmentSettings,
  expectedFigures,
  layoutOfPlan,
  mismatches,
} from '../test/helpers/workbook-check.js'
import { buildScenario, type Send, WORKBOOK_SCENARIOS } from '../test/helpers/workbook-scenarios.js'
import { unzip, zipSync } from '../test/helpers/zip.js'

const KEY = 'workbook-check-admin-key-0123456789abcdef'

async function main(): Promise<number> {
  const soffice = await sofficePath()
  if (!soffice) {
    console.error(
      'LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui',
    )
    return 2
  }
  const started = performance.now()
  const app = await buildApp(
    loadConfig({
      DATA_DIR: 'memory://',
      DATABASE_URL: process.env.DATABASE_URL,
      LOG_LEVEL: 'silent',
      BOOTSTRAP_ADMIN_KEY: KEY,
      SEED_DEMO: 'false',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      RATE_LIMIT_PER_MINUTE: '100000',
    }),
  )
  await app.ready()
  const session = await libreOfficeSession()
  let failures = 0
  try {
    const headers = { authorization: `Bearer ${KEY}` }
    const send: Send = async (method, url, body) => {
      const response = await app.inject({
        method,
        url,
        headers,
        ...(body === undefined ? {} : { payload: body as object }),
      })
      return { status: response.statusCode, json: () => response.json() }
    }
    const get = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, headers })
      if (response.statusCode !== 200)
        throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body}`)
      return response
    }
    const suffix = ` ${Date.now()}`
    let mutationTarget:
      | { xlsx: Uint8Array; figures: ReturnType<typeof expectedFigures>; plan: PlanPreview }
      | undefined
    for (const definition of WORKBOOK_SCENARIOS) {
      const built = await buildScenario(send, definition, suffix)
      const plan = (await get(built.projection)).json() as PlanPreview
      const xlsx = (await get(built.workbook)).rawPayload
      const commitment = definition.scenario.commitment as {
        discountTiers?: CommitmentSettings['tiers']
        overage?: CommitmentSettings['overage']
      }
      const figures = expectedFigures(plan, {
        tiers: commitment.discountTiers ?? [],
        overage: commitment.overage ?? 'discounted',
      })
      const { book, ms } = await session.recalculate(xlsx)
      const wrong = mismatches(figures, book)
      console.log(
        `${wrong.length === 0 ? 'PASS' : 'FAIL'}  ${definition.name}: ${figures.length} figures, ` +
          `${wrong.length} off by more than a cent (LibreOffice ${ms.toFixed(0)} ms, ${(xlsx.length / 1024).toFixed(0)} KiB)`,
      )
      for (const w of wrong.slice(0, 20))
        console.log(`      ${w.label}: API ${w.expected}, LibreOffice ${String(w.actual)}`)
      if (wrong.length > 0) failures++
      if (definition.scenario.levers && (definition.scenario.levers as unknown[]).length === 3)
        mutationTarget = { xlsx, figures, plan }
    }

    // The same check on a workbook with one formula made wrong must fail.
    if (mutationTarget) {
      const layout = layoutOfPlan(mutationTarget.plan)
      const files = unzip(mutationTarget.xlsx)
      const sheetIndex = Object.values(SHEETS).indexOf(SHEETS.monthly) + 1
      const path = `xl/worksheets/sheet${sheetIndex}.xml`
      const cell = `${columnLetters(layout.monthly.adoption.caching!)}${layout.monthly.row(3)}`
      const xml = files.get(path)!.toString('utf8')
      const changed = xml.replace(new RegExp(`(<c r="${cell}"[^>]*><f>[^<]*?)\\+1\\)/`), '$1+2)/')
      if (changed === xml) throw new Error(`could not change the formula of ${SHEETS.monthly}!${cell}`)
      files.set(path, Buffer.from(changed))
      const { book } = await session.recalculate(zipSync(files))
      const wrong = mismatches(mutationTarget.figures, book)
      const caught = wrong.some((w) => w.label === 'Monthly 3 adoption caching')
      console.log(
        `${caught ? 'PASS' : 'FAIL'}  a wrong formula (${SHEETS.monthly}!${cell}, a ramp one month short) is caught: ` +
          `${wrong.length} figures off`,
      )
      if (!caught) failures++
    }
  } finally {
    await session.dispose()
    await app.close()
  }
  console.log(`${failures === 0 ? 'OK' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return failures === 0 ? 0 : 1
}

function columnLetters(column: number): string {
  let name = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
