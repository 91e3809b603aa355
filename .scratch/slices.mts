import pg from 'pg'
import { openDatabase } from '../src/db/client.js'
import { partLines } from '../src/modules/projections/part-lines.js'
const url = 'postgresql://postgres@127.0.0.1:5432/postgres'
const name = `slicebench_${Date.now()}`
const admin = new pg.Client({ connectionString: url }); await admin.connect(); await admin.query(`CREATE DATABASE ${name}`)
const dbUrl = url.replace(/\/postgres$/, '/' + name)
const db = await openDatabase({ DATABASE_URL: dbUrl, DATA_DIR: 'memory://' })
const prisma = db.prisma
const lines: string[] = []
let seed = 1
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
for (let w = 0; w < 10000; w++) { const months = []; let b = rnd() * 100000; for (let m = 0; m < 36; m++) { b *= 1.01; months.push({ month: m, baseline: b.toFixed(2), optimized: (b * 0.6).toFixed(2), fullyOptimized: (b * 0.5).toFixed(2) }) } lines.push(JSON.stringify(months)) }
await prisma.$executeRawUnsafe('CREATE TABLE t (id int primary key, v text)')
const storage = process.argv[2] ?? 'EXTENDED'
await prisma.$executeRawUnsafe(`ALTER TABLE t ALTER COLUMN v SET STORAGE ${storage}`)
await prisma.$executeRaw`INSERT INTO t VALUES (1, ${lines.join('\n')})`
lines.length = 0
const gc = (globalThis as any).gc
const rss = () => process.memoryUsage().rss
for (const size of [512 * 1024, 1024 * 1024, 2 * 1024 * 1024, 4 * 1024 * 1024]) {
  gc(); gc(); await new Promise((r) => setTimeout(r, 100))
  const before = rss(); let peak = before
  const timer = setInterval(() => { peak = Math.max(peak, rss()) }, 5)
  const t0 = performance.now(); let n = 0
  for await (const line of partLines(async (from, length) => { const r = await prisma.$queryRaw<{ s: string }[]>`SELECT substr(v, ${from}::int, ${length}::int) AS s FROM t WHERE id = 1`; peak = Math.max(peak, rss()); return r[0]!.s }, size)) { n += JSON.parse(line).length }
  clearInterval(timer); peak = Math.max(peak, rss())
  console.log(storage, 'slice', size / 1024, 'KiB', 'rows', n, 'ms', (performance.now() - t0).toFixed(0), 'rss growth MB', ((peak - before) / 1e6).toFixed(1))
}
await db.close(); await admin.query(`DROP DATABASE ${name} WITH (FORCE)`); await admin.end()
