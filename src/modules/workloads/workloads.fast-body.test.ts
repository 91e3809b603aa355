import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '../../domain/money.js'
import { FAST_BODY_FIELDS, fastCreateBody } from './workloads.fast-body.js'
import { CreateWorkloadSchema, WORKLOAD_DECIMAL_BOUNDS } from './workloads.schemas.js'

/**
 * The fast path may only shorten the create schema's work, never change its answer: whatever it accepts,
 * the schema accepts and reads the same way — same fields, same texts, the same decimals as the same class.
 */

/** A body with its decimals as text, tagged, so that equality also compares the values' class. */
const comparable = (body: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      value instanceof Decimal ? { decimal: value.toString() } : value,
    ]),
  )

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''))
/** Decimal texts near every bound: signs, leading and trailing zeros, long fractions, long integers. */
const decimalText = fc.oneof(
  fc
    .tuple(fc.constantFrom('', '-'), digits(1, 16), fc.option(digits(0, 12)))
    .map(([sign, int, frac]) => `${sign}${int}${frac === null ? '' : `.${frac}`}`),
  fc.constantFrom(
    '0',
    '1',
    '1.0',
    '1.0000000001',
    '10',
    '10.0',
    '-1',
    '-0.9999999999',
    '-0',
    '0.00000000001',
  ),
  fc.constantFrom(' 1', '1 ', '1e3', '.5', '5.', '+1', '0x10', '', ' ', '1,5', 'NaN', 'Infinity'),
  fc.string({ maxLength: 70 }),
  fc.string({ minLength: 60, maxLength: 70, unit: fc.constantFrom('1', '0') }),
)
const textValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', ' ', '  x  ', 'claude-opus-4-5', '\t\n'),
  fc.string({ minLength: 95, maxLength: 205 }),
)
/** Any value a field may be given, of the right kind or not. */
const anyValue = fc.oneof(
  decimalText,
  textValue,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.double(),
  fc.array(textValue, { maxLength: 22 }),
  fc.constantFrom('5m', '1h', 'global', 'us', 'true'),
)
const valueFor = (field: string) => {
  if (field in WORKLOAD_DECIMAL_BOUNDS) return fc.oneof({ weight: 4, arbitrary: decimalText }, anyValue)
  if (field === 'userWaiting') return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, anyValue)
  if (field === 'cacheTtl') return fc.oneof({ weight: 4, arbitrary: fc.constantFrom('5m', '1h') }, anyValue)
  if (field === 'inferenceGeo')
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom('global', 'us') }, anyValue)
  if (field === 'tags')
    return fc.oneof({ weight: 4, arbitrary: fc.array(textValue, { maxLength: 22 }) }, anyValue)
  return fc.oneof({ weight: 4, arbitrary: textValue }, anyValue)
}
/** Bodies of any subset of the fields, now and then with a field the schema does not have. */
const bodies = fc
  .record(Object.fromEntries(FAST_BODY_FIELDS.map((field) => [field, valueFor(field)])), {
    requiredKeys: [],
  })
  .chain((body) =>
    fc
      .option(fc.constantFrom('extra', 'Name', '__proto__', 'constructor'))
      .map((extra) => (extra === null ? body : { ...body, [extra]: 'x' })),
  )

/** A row the fast path takes: every required field, each value plainly within the schema's rules. */
const plainRows = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() !== ''),
    model: fc.constantFrom('claude-opus-4-5', 'claude-haiku-4-5'),
    requestsPerMonth: digits(1, 9).map((d) => String(Number(d))),
    inputTokensPerRequest: fc.constantFrom('6000', '0.5', '999999999999.999999'),
    outputTokensPerRequest: fc.constantFrom('800', '0'),
    userWaiting: fc.boolean(),
    currentCacheHitRate: fc.constantFrom('0', '0.9', '1', '1.0000000000'),
    monthlyGrowthRate: fc.constantFrom('-0.9999999999', '0.02', '10'),
    observedMonthlySpend: fc.constantFrom('41000.00', '0'),
    cacheTtl: fc.constantFrom('5m', '1h'),
    team: fc.constantFrom('analytics', ' padded '),
    tags: fc.array(fc.constantFrom('prod', ' eu '), { maxLength: 3 }),
  },
  {
    requiredKeys: [
      'name',
      'model',
      'requestsPerMonth',
      'inputTokensPerRequest',
      'outputTokensPerRequest',
      'userWaiting',
    ],
  },
)

/** A plain row with one field given any value: one step from the plain case, to every side of each rule. */
const nearlyPlain = fc
  .tuple(plainRows, fc.constantFrom(...FAST_BODY_FIELDS))
  .chain(([row, field]) => valueFor(field).map((value) => ({ ...row, [field]: value })))

describe('fastCreateBody', () => {
  it('knows exactly the create schema’s fields', () => {
    expect([...FAST_BODY_FIELDS].sort()).toEqual(Object.keys(CreateWorkloadSchema.shape).sort())
  })

  it('accepts only what the create schema accepts, and reads it exactly as the schema does', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(bodies, plainRows, nearlyPlain), (raw) => {
        const fast = fastCreateBody(raw as Record<string, unknown>)
        if (fast === undefined) return
        accepted++
        const parsed = CreateWorkloadSchema.safeParse(raw)
        expect(parsed.success, JSON.stringify(raw)).toBe(true)
        const body = parsed.data as Record<string, unknown>
        expect(Object.keys(fast).sort()).toEqual(Object.keys(body).sort())
        expect(comparable(fast)).toEqual(comparable(body))
      }),
      { numRuns: 10_000 },
    )
    // Not a vacuous pass: a good share of the generated rows took the fast path.
    expect(accepted).toBeGreaterThan(3_000)
  })

  it('takes every plain row (the fast path is not a slow path in disguise)', () => {
    fc.assert(
      fc.property(plainRows, (raw) => {
        expect(fastCreateBody(raw)).toBeDefined()
      }),
    )
  })

  it('leaves every bound to the schema: one past it goes to the schema, which refuses it', () => {
    const row = {
      name: 'n',
      model: 'claude-opus-4-5',
      requestsPerMonth: '1',
      inputTokensPerRequest: '1',
      outputTokensPerRequest: '1',
      userWaiting: true,
    }
    for (const past of [
      { currentCacheHitRate: '1.0000000001' },
      { currentCacheHitRate: '0.00000000001' },
      { monthlyGrowthRate: '-1' },
      { monthlyGrowthRate: '10.0000000001' },
      { requestsPerMonth: '1234567890123456' },
      { inputTokensPerRequest: '-1' },
      { observedMonthlySpend: '0.0000001' },
      { name: ' '.repeat(3) },
      { name: 'x'.repeat(201) },
      { kind: 'k'.repeat(101) },
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { tags: ['x'.repeat(51)] },
      { tags: [' '] },
      { cacheTtl: '2h' },
      { userWaiting: 'yes' },
      { observedMonthlySpend: 5 },
      { unknown: 'x' },
    ]) {
      const raw = { ...row, ...past }
      expect(fastCreateBody(raw), JSON.stringify(past)).toBeUndefined()
      expect(CreateWorkloadSchema.safeParse(raw).success, JSON.stringify(past)).toBe(false)
    }
  })
})
