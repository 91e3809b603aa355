import pg from 'pg'
import { openDatabase } from '../src/db/client.js'
const dbUrl = process.argv[2]!
const mode = process.argv[3]!
const size = Number(process.argv[4] ?? 4 * 1024 * 1024)
const gc = (globalThis as any).gc
const rss = () => process.memoryUsage().rss
const db = await openDatabase({ DATABASE_URL: dbUrl, DATA_DIR: 'memory://' })
const client = new pg.Client({ connectionString: dbUrl }); await client.connect()
await db.prisma.$queryRaw`SELECT 1`
gc(); gc(); await new Promise((r) => setTimeout(r, 200))
const before = rss(); let peak = before
const timer = setInterval(() => { peak = Math.max(peak, rss()) }, 5)
let total = 0
for (let from = 1; ; from += size) {
  let s: string
  if (mode === 'prisma') s = (await db.prisma.$queryRaw<{ s: string }[]>`SELECT substr(v, ${from}::int, ${size}::int) AS s FROM t WHERE id = 1`)[0]!.s
  else s = (await client.query('SELECT substr(v, $1, $2) AS s FROM t WHERE id = 1', [from, size])).rows[0].s
  total += s.length
  peak = Math.max(peak, rss())
  if (s.length < size) break
}
clearInterval(timer)
const m = process.memoryUsage()
console.log(mode, size, 'chars', total, 'rss growth MB', ((peak - before) / 1e6).toFixed(1), 'heapUsed', (m.heapUsed/1e6).toFixed(1), 'external', (m.external/1e6).toFixed(1), 'arrayBuffers', (m.arrayBuffers/1e6).toFixed(1))
await client.end(); await db.close()
