import pg from 'pg'
const url = 'postgresql://postgres@127.0.0.1:5432/postgres'
const name = process.argv[2]!
const admin = new pg.Client({ connectionString: url }); await admin.connect()
if (process.argv[3] === 'drop') { await admin.query(`DROP DATABASE ${name} WITH (FORCE)`); await admin.end(); process.exit(0) }
await admin.query(`CREATE DATABASE ${name}`); await admin.end()
const c = new pg.Client({ connectionString: url.replace(/\/postgres$/, '/' + name) }); await c.connect()
const lines: string[] = []
let seed = 1
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
for (let w = 0; w < 10000; w++) { const months = []; let b = rnd() * 100000; for (let m = 0; m < 36; m++) { b *= 1.01; months.push({ month: m, baseline: b.toFixed(2), optimized: (b * 0.6).toFixed(2), fullyOptimized: (b * 0.5).toFixed(2) }) } lines.push(JSON.stringify(months)) }
await c.query('CREATE TABLE t (id int primary key, v text)'); await c.query('INSERT INTO t VALUES (1, $1)', [lines.join('\n')]); await c.end()
