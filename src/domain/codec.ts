import { type Decimal, dec } from './money.js'
import {
  type LongContextBandOf,
  type ModelDecimalsOf,
  type ModelPrice,
  mapModelDecimals,
  type PriceBook,
  type TokenPricesOf,
} from './price-book.js'
import { type GrowthTable, growthTable, type ScenarioSchedules } from './projection.js'
import type { PortfolioAccumulator } from './stages/project.js'
import type { RankedWarning } from './warnings.js'

/**
 * Plain-data forms of the engine's inputs, for crossing a thread boundary. A {@link Decimal} cannot be posted to
 * another thread (the structured clone of `postMessage` refuses it, DataCloneError), so a price book travels with every decimal written as its exact decimal string and is rebuilt on the other side. Encoding
 * and decoding are exact: `decodePriceBook(encodePriceBook(book))` equals `book` digit for digit.
 */

/** {@link TokenPrices} with every price a decimal string. */
export type TokenPricesWire = TokenPricesOf<string>

/** A {@link LongContextBand} with every decimal a decimal string. */
export type LongContextBandWire = LongContextBandOf<string>

/** A {@link ModelPrice} with every decimal a decimal string. */
export interface ModelPriceWire extends Omit<ModelDecimalsOf<string>, 'longContextBands'> {
  modelId: string
  aliases: string[]
  displayName: string
  longContextBands: LongContextBandWire[]
  deprecatedAt: string | null
  retiresAt: string | null
  /** The successor's model id, or null when the book names none. */
  successor: string | null
}

/** A {@link PriceBook} as plain data (strings, arrays, null): safe to post to a worker thread. */
export interface PriceBookWire {
  id: string
  name: string
  currency: 'USD'
  effectiveFrom: string
  source: string
  models: ModelPriceWire[]
}

// toFixed() never switches to exponent notation, so the string is the value's exact digits; it drops the sign of
// a negative zero, which is kept.
const text = (value: Decimal): string => (value.isZero() && value.isNegative() ? '-0' : value.toFixed())

// The decimals are converted by the one mapping of price-book.ts (every field listed once); names and dates
// are the same on both sides.
function encodeModel(model: ModelPrice): ModelPriceWire {
  return {
    modelId: model.modelId,
    aliases: [...model.aliases],
    displayName: model.displayName,
    ...mapModelDecimals(model, text),
    deprecatedAt: model.deprecatedAt,
    retiresAt: model.retiresAt,
    successor: model.successor ?? null,
  }
}

function decodeModel(model: ModelPriceWire): ModelPrice {
  return {
    modelId: model.modelId,
    aliases: [...model.aliases],
    displayName: model.displayName,
    ...mapModelDecimals(model, dec),
    deprecatedAt: model.deprecatedAt,
    retiresAt: model.retiresAt,
    // Absent when the book names none, as a book built without the field has it.
    ...(model.successor ? { successor: model.successor } : {}),
  }
}

/**
 * A price book as plain data: every decimal as its exact decimal string. Only the fields of {@link PriceBook}
 * the engine computes with are kept (a stored book's slug, owner, version and timestamps stay behind).
 * @param book the book to encode
 * @returns a structured-clone-safe copy
 */
export function encodePriceBook(book: PriceBook): PriceBookWire {
  return {
    id: book.id,
    name: book.name,
    currency: book.currency,
    effectiveFrom: book.effectiveFrom,
    source: book.source,
    models: book.models.map(encodeModel),
  }
}

/**
 * Rebuilds a price book from {@link encodePriceBook}'s plain data.
 * @param wire the plain data
 * @returns the book with every decimal one of the engine's {@link Decimal}s
 * @throws RangeError (or decimal.js's error) when a decimal string is not a finite decimal
 */
export function decodePriceBook(wire: PriceBookWire): PriceBook {
  return {
    id: wire.id,
    name: wire.name,
    currency: wire.currency,
    effectiveFrom: wire.effectiveFrom,
    source: wire.source,
    models: wire.models.map(decodeModel),
  }
}

/** A {@link RankedWarning} with its amount as a decimal string. */
export type RankedWarningWire = Omit<RankedWarning, 'amount'> & { amount: string | null }

/**
 * A {@link PortfolioAccumulator} (one block's or one shard's sums) as plain data: every decimal as its exact
 * decimal string, each growth table by its rate (rebuilt from the plan's schedule), each workload's models by id and its saving levers as a mask.
 */
export interface AccumulatorWire {
  /** Per growth rate, in the order they were first met: the rate and the summed corner spends. */
  tables: { rate: string; corners: string[] }[]
  subsetTotals: string[]
  fullTotal: string
  contributions: string[]
  active: number
  workloadWarnings: RankedWarningWire[]
  /** Each workload: `[index, name, model id, routing target's id or null, saving levers]`. */
  workloads: [index: number, name: string, model: string, routeToModel: string | null, savingLevers: number][]
}

/**
 * A portfolio accumulator as plain data ({@link AccumulatorWire}): safe to post to another thread or to write as
 * JSON. Exact: {@link createAccumulatorDecoder} gives back every sum digit for digit.
 */
export function encodeAccumulator(acc: PortfolioAccumulator): AccumulatorWire {
  return {
    tables: [...acc.tables].map(([rate, { corners }]) => ({ rate, corners: corners.map(text) })),
    subsetTotals: acc.subsetTotals.map(text),
    fullTotal: text(acc.fullTotal),
    contributions: acc.contributions.map(text),
    active: acc.active,
    workloadWarnings: acc.workloadWarnings.map((w) => ({
      ...w,
      amount: w.amount === null ? null : text(w.amount),
    })),
    workloads: acc.workloadRefs.map(({ workload: w, savingLevers }) => [
      w.index,
      w.name,
      w.model.modelId,
      w.routeToModel?.modelId ?? null,
      savingLevers,
    ]),
  }
}

/**
 * A decoder of {@link AccumulatorWire}s for one plan: growth tables are rebuilt from `schedules` once per rate and
 * shared by every accumulator it decodes, models are the book's own objects (found by id).
 * @param book the plan's price book, as this thread has it
 * @param schedules the plan's schedule (`scenarioSchedules` of its levers and term)
 * @throws Error (when decoding) for a model id the book does not hold, RangeError for a string that is not a decimal
 */
export function createAccumulatorDecoder(
  book: Pick<PriceBook, 'models'>,
  schedules: ScenarioSchedules,
): (wire: AccumulatorWire) => PortfolioAccumulator {
  const models = new Map(book.models.map((m) => [m.modelId, m]))
  const model = (id: string) => {
    const found = models.get(id)
    if (!found) throw new Error(`the price book has no model '${id}'`)
    return found
  }
  const tables = new Map<string, GrowthTable>()
  const table = (rate: string) => {
    let found = tables.get(rate)
    if (!found) {
      found = growthTable(dec(rate), schedules)
      tables.set(rate, found)
    }
    return found
  }
  return (wire) => ({
    tables: new Map(wire.tables.map((t) => [t.rate, { table: table(t.rate), corners: t.corners.map(dec) }])),
    subsetTotals: wire.subsetTotals.map(dec),
    fullTotal: dec(wire.fullTotal),
    contributions: wire.contributions.map(dec),
    active: wire.active,
    workloadWarnings: wire.workloadWarnings.map((w) => ({
      ...w,
      amount: w.amount === null ? null : dec(w.amount),
    })),
    workloadRefs: wire.workloads.map(([index, name, modelId, routeToModel, savingLevers]) => ({
      workload: {
        index,
        name,
        model: model(modelId),
        routeToModel: routeToModel === null ? null : model(routeToModel),
      },
      savingLevers,
    })),
  })
}
