import { Decimal } from '../domain/money.js'

/**
 * A validated value (zod's output, with our Decimals) back in the form a client sends it: decimals as
 * plain decimal strings, absent and null fields left out. Stored settings are kept in this form, so they
 * are read back through the same schema as a request's.
 */
export function plainJson(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return (value as Decimal).toFixed()
  if (Array.isArray(value)) return value.map(plainJson)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      if (item !== null && item !== undefined) out[key] = plainJson(item)
    }
    return out
  }
  return value
}
