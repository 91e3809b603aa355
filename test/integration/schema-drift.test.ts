import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { Prisma } from '../../src/db/generated/client.js'
import { migrate } from '../../src/db/migrate.js'
import { databaseKind } from '../helpers/app.js'
import { freshDatabase } from '../helpers/databases.js'

/**
 * No tool here can diff schema.prisma against a database (the schema engine cannot be downloaded),
 * so this test does: every model of schema.prisma must be a table of the migrated database, and
 * every scalar field a column of the matching type and nullability — and nothing more.
 */

interface Field {
  model: string
  name: string
  type: string
  optional: boolean
  list: boolean
  nativeType: string | undefined
}

const SCALARS = new Set([
  'String',
  'Int',
  'BigInt',
  'Boolean',
  'DateTime',
  'Decimal',
  'Json',
  'Float',
  'Bytes',
])

function parseSchema(text: string): Field[] {
  const fields: Field[] = []
  let model: string | undefined
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim()
    const start = /^model\s+(\w+)\s*\{/.exec(line)
    if (start) {
      model = start[1]
      continue
    }
    if (line === '}') {
      model = undefined
      continue
    }
    if (!model || line === '' || line.startsWith('@@')) continue
    const match = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line)
    if (!match || !SCALARS.has(match[2]!)) continue
    fields.push({
      model,
      name: match[1]!,
      type: match[2]!,
      list: Boolean(match[3]),
      optional: Boolean(match[4]),
      nativeType: /@db\.(\w+(?:\([^)]*\))?)/.exec(match[5] ?? '')?.[1],
    })
  }
  return fields
}

/** The PostgreSQL type Prisma creates for a field, as information_schema describes it. */
function expectedType(field: Field): string {
  if (field.list) return `ARRAY:_${field.type === 'String' ? 'text' : field.type.toLowerCase()}`
  const native = field.nativeType
  if (native) {
    const [, name, args] = /^(\w+)(?:\(([^)]*)\))?$/.exec(native) ?? []
    switch (name) {
      case 'Uuid':
        return 'uuid'
      case 'VarChar':
        return `character varying(${args})`
      case 'Char':
        return `character(${args})`
      case 'Decimal':
        return `numeric(${args?.replace(/\s/g, '')})`
      case 'Timestamptz':
        return `timestamp with time zone(${args ?? 6})`
      case 'Date':
        return 'date'
      default:
        throw new Error(`add a mapping for @db.${native}`)
    }
  }
  return {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    DateTime: 'timestamp(3) without time zone(3)',
    Decimal: 'numeric(65,30)',
    Json: 'jsonb',
    Float: 'double precision',
    Bytes: 'bytea',
  }[field.type]!
}

interface ColumnRow {
  table_name: string
  column_name: string
  data_type: string
  udt_name: string
  is_nullable: 'YES' | 'NO'
  character_maximum_length: number | null
  numeric_precision: number | null
  numeric_scale: number | null
  datetime_precision: number | null
}

function actualType(column: ColumnRow): string {
  switch (column.data_type) {
    case 'ARRAY':
      return `ARRAY:${column.udt_name}`
    case 'character varying':
    case 'character':
      return `${column.data_type}(${column.character_maximum_length})`
    case 'numeric':
      return `numeric(${column.numeric_precision},${column.numeric_scale})`
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return `${column.data_type}(${column.datetime_precision})`
    default:
      return column.data_type
  }
}

let columns: ColumnRow[] = []
const fields = parseSchema(await readFile(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8'))

beforeAll(async () => {
  const fresh = await freshDatabase()
  try {
    await fresh.database.withConnection((conn) => migrate(conn))
    columns = await fresh.database.withConnection((conn) =>
      conn.query<ColumnRow>(
        `SELECT table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length,
                numeric_precision, numeric_scale, datetime_precision
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      ),
    )
  } finally {
    await fresh.dispose()
  }
})

describe(`schema.prisma and the migrated ${databaseKind} database agree`, () => {
  it('parses every model the generated client knows', () => {
    const models = new Set(fields.map((f) => f.model))
    expect([...models].sort()).toEqual(Object.keys(Prisma.ModelName).sort())
  })

  it('has a table for every model and no table without a model', () => {
    expect([...new Set(columns.map((c) => c.table_name))].sort()).toEqual(
      [...new Set(fields.map((f) => f.model))].sort(),
    )
  })

  it('has a column of the right type and nullability for every scalar field, and no other column', () => {
    const expected = fields.map((f) => ({
      column: `${f.model}.${f.name}`,
      type: expectedType(f),
      nullable: f.optional || f.list,
    }))
    const actual = columns.map((c) => ({
      column: `${c.table_name}.${c.column_name}`,
      type: actualType(c),
      nullable: c.is_nullable === 'YES',
    }))
    const byName = (a: { column: string }, b: { column: string }) => a.column.localeCompare(b.column)
    expect(actual.sort(byName)).toEqual(expected.sort(byName))
  })

  it('stores no money or rate as a float or the money type', () => {
    expect(columns.filter((c) => ['real', 'double precision', 'money'].includes(c.data_type))).toEqual([])
  })
})
