import { z } from 'zod'
import { Decimal } from '../domain/money.js'

/**
 * zod schemas for decimal values on the wire. Money is a decimal string only: a JSON number where
 * money is expected is rejected, because it may already have been rounded through binary floating
 * point by the client. Counts and rates may be JSON numbers or decimal strings (docs/api-conventions.md). Every
 * value becomes our `Decimal` without passing through JS arithmetic, and a value with more decimals
 * than we store is rejected rather than silently rounded.
 */

const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/

export interface DecimalBounds {
  /** Inclusive lower bound (default 0: negative values rejected). */
  min?: string
  /** Inclusive upper bound. */
  max?: string
  /** Lower bound is exclusive. */
  minExclusive?: boolean
  /** Upper bound is exclusive. */
  maxExclusive?: boolean
  /** Most digits after the decimal point. */
  maxDecimals?: number
  /** Most digits before the decimal point (bounds NUMERIC columns). */
  maxIntegerDigits?: number
}

type BoundsCheck = (value: Decimal, ctx: z.RefinementCtx) => void

/**
 * Compiles the bounds once per schema: the limits are parsed here, not on every value (a 10,000-workload
 * plan has ~150,000 decimal fields, and re-parsing each bound was most of its validation time).
 */
function compileBounds(bounds: DecimalBounds): BoundsCheck {
  const minText = bounds.min ?? '0'
  const min = new Decimal(minText)
  const max = bounds.max === undefined ? undefined : new Decimal(bounds.max)
  return (value, ctx) => {
    if (bounds.minExclusive ? value.lte(min) : value.lt(min)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be ${bounds.minExclusive ? 'greater than' : 'at least'} ${minText}`,
      })
    }
    if (max !== undefined && (bounds.maxExclusive ? value.gte(max) : value.gt(max))) {
      ctx.addIssue({
        code: 'custom',
        message: `must be ${bounds.maxExclusive ? 'less than' : 'at most'} ${bounds.max}`,
      })
    }
    if (bounds.maxDecimals !== undefined && value.decimalPlaces() > bounds.maxDecimals) {
      ctx.addIssue({ code: 'custom', message: `has more than ${bounds.maxDecimals} decimal places` })
    }
    // Digits before the point: the exponent says it (123.4 has e = 2); a value below 1 has one, "0".
    if (bounds.maxIntegerDigits !== undefined && Math.max(1, value.e + 1) > bounds.maxIntegerDigits) {
      ctx.addIssue({
        code: 'custom',
        message: `has more than ${bounds.maxIntegerDigits} digits before the decimal point`,
      })
    }
  }
}

function parseDecimalText(text: string, check: BoundsCheck, ctx: z.RefinementCtx): Decimal {
  const trimmed = text.trim()
  if (!DECIMAL_PATTERN.test(trimmed)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a decimal string such as "1234.56", got "${text.slice(0, 40)}"`,
    })
    return z.NEVER
  }
  const value = new Decimal(trimmed)
  check(value, ctx)
  return value
}

/** A decimal string (never a JSON number), e.g. money: `"1234.56"`. */
export function decimalString(bounds: DecimalBounds = {}) {
  const check = compileBounds(bounds)
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : 'must be a decimal string such as "1234.56", not a JSON number',
    })
    .max(64)
    .transform((text, ctx) => parseDecimalText(text, check, ctx))
}

/** A decimal given as a JSON number or a decimal string (counts and rates). */
export function decimalLike(bounds: DecimalBounds = {}) {
  const check = compileBounds(bounds)
  return z
    .union([z.number(), z.string().max(64)], { error: 'must be a number or a decimal string' })
    .transform((input, ctx) => {
      if (typeof input === 'number') {
        if (!Number.isFinite(input)) {
          ctx.addIssue({ code: 'custom', message: 'must be a finite number' })
          return z.NEVER
        }
        // The shortest round-trip text of the double is what the client wrote in its JSON.
        return parseDecimalText(
          String(input).includes('e') ? new Decimal(input).toFixed() : String(input),
          check,
          ctx,
        )
      }
      return parseDecimalText(input, check, ctx)
    })
}

/** A decimal string as it appears in responses. */
export const DecimalText = z.string().regex(DECIMAL_PATTERN)

/** USD amount in a response: a decimal string with two decimals (`"1234.56"`). */
export const MoneyText = z.string().regex(DECIMAL_PATTERN).describe('USD amount as a decimal string.')
