import { type Decimal, toCents, ZERO } from '../../domain/index.js'
import type {
  ImportNote,
  ObservedCost,
  ObservedUsage,
  TokenClass,
  UsageDimension,
  UsageRecord,
} from './observed-usage.js'
import { TOKEN_CLASSES } from './observed-usage.js'
import { SegmentSums, type UsageGroup } from './usage-grouping.js'
import { type GroupCards, segmentCosts } from './usage-pricing.js'

/**
 * A cost report's amounts attributed to the groups of a usage report. A cost report is coarser than a usage
 * report — Anthropic's has no API key, and without `group_by[]=description` not even a model — so each of its
 * amounts goes to the groups whose usage matches it on every dimension both reports carry, split between them
 * in proportion to what their matching usage costs at the book's rates (by token class when the cost report
 * gives one). A report priced at the book's rates is therefore attributed exactly; a negotiated one keeps each
 * amount within the groups it could belong to.
 */

/** The dimensions a cost can be matched on. */
const MATCHABLE: readonly UsageDimension[] = [
  'model',
  'workspace',
  'serviceTier',
  'contextWindow',
  'inferenceGeo',
  'speed',
]

/** What each group's records cost at the book's rates, for weighing; null for a group the book cannot price. */
export interface WeighedGroup {
  group: UsageGroup
  cards: GroupCards | null
}

/** Each group's share of the cost report (USD over the cost report's period), and what could not be placed. */
export interface AttributedCost {
  perGroup: Decimal[]
  /** Whether any amount of the cost report went to the group. */
  found: boolean[]
  notes: ImportNote[]
}

const ALL = '*'

/**
 * Attributes `cost` to `groups` (of `usage`). `canonicalModel` names a model as the usage groups do (the
 * book's id), so `claude-sonnet-4-5` in one report matches `claude-sonnet-4-5-20250929` in the other; `label`
 * names a dimension in notes as the provider's report does.
 */
export function attributeCost(
  cost: ObservedCost,
  usage: ObservedUsage,
  groups: readonly WeighedGroup[],
  canonicalModel: (name: string) => string,
  label: (dimension: UsageDimension) => string,
): AttributedCost {
  const notes: ImportNote[] = []
  const match = MATCHABLE.filter((d) => cost.reported.includes(d) && usage.reported.includes(d))
  const keyOf = (dimensions: UsageRecord['dimensions']) =>
    JSON.stringify(
      match.map((d) => {
        const value = dimensions[d]
        return d === 'model' && value !== null ? canonicalModel(value) : value
      }),
    )

  // Each group's usage summed per matching key (as exact integers), then priced:
  // weights[key][class or ALL] = per group, what its matching usage cost at the book's rates.
  const sums = new Map<string, Map<number, SegmentSums>>()
  groups.forEach(({ group, cards }, g) => {
    if (!cards) return
    for (const record of group.records) {
      const key = keyOf(record.dimensions)
      let byGroup = sums.get(key)
      if (!byGroup) {
        byGroup = new Map()
        sums.set(key, byGroup)
      }
      let segments = byGroup.get(g)
      if (!segments) {
        segments = new SegmentSums()
        byGroup.set(g, segments)
      }
      segments.add(record)
    }
  })
  const weights = new Map<string, Map<string, Decimal[]>>()
  for (const [key, byGroup] of sums) {
    const byClass = new Map<string, Decimal[]>()
    weights.set(key, byClass)
    const weightOf = (cls: string) => {
      let perGroup = byClass.get(cls)
      if (!perGroup) {
        perGroup = groups.map(() => ZERO)
        byClass.set(cls, perGroup)
      }
      return perGroup
    }
    for (const [g, segments] of byGroup) {
      const all = weightOf(ALL)
      for (const segment of segments.segments()) {
        const costs = segmentCosts(segment, groups[g]!.cards!)
        for (const cls of TOKEN_CLASSES) {
          const perGroup = weightOf(cls)
          perGroup[g] = perGroup[g]!.plus(costs[cls])
          all[g] = all[g]!.plus(costs[cls])
        }
      }
    }
  }

  // The cost report's token amounts summed per (key, class), the rest set aside.
  const amounts = new Map<string, { key: string; cls: TokenClass | typeof ALL; amount: Decimal }>()
  let nonToken = ZERO
  let unsplit = false
  for (const record of cost.records) {
    if (record.kind !== 'tokens' && record.kind !== null) {
      nonToken = nonToken.plus(record.amount)
      continue
    }
    if (record.kind === null) unsplit = true
    const key = keyOf(record.dimensions)
    const cls = record.tokenClass ?? ALL
    const id = `${key}|${cls}`
    const entry = amounts.get(id) ?? { key, cls, amount: ZERO }
    entry.amount = entry.amount.plus(record.amount)
    amounts.set(id, entry)
  }

  const perGroup = groups.map(() => ZERO)
  const found = groups.map(() => false)
  let unplaced = ZERO
  for (const { key, cls, amount } of amounts.values()) {
    const w = weights.get(key)?.get(cls)
    const total = w?.reduce((a, b) => a.plus(b), ZERO) ?? ZERO
    if (!w || total.isZero()) {
      unplaced = unplaced.plus(amount)
      continue
    }
    w.forEach((weight, g) => {
      if (weight.isZero()) return
      perGroup[g] = perGroup[g]!.plus(amount.times(weight).div(total))
      found[g] = true
    })
  }

  const over = ` over the cost report’s ${cost.period.days.toFixed()} days`
  if (!unplaced.isZero())
    notes.push({
      code: 'COST_NOT_ATTRIBUTED',
      detail: `$${toCents(unplaced)}${over} matches no usage the price book can price (another model, workspace or tier than the usage report’s); it is in no workload’s observed spend.`,
    })
  if (!nonToken.isZero())
    notes.push({
      code: 'NON_TOKEN_COST',
      detail: `$${toCents(nonToken)}${over} is for web search, code execution or other non-token items, which the planner does not model; it is in no workload’s observed spend.`,
    })
  if (unsplit)
    notes.push({
      code: 'COST_NOT_BY_DESCRIPTION',
      detail:
        'The cost report is not grouped by description, so its amounts cover every kind of cost (web search and code execution included) and are split between groups by their list-priced usage. Fetch it with group_by[]=description for a split by model, tier and token type.',
    })
  const finer = usage.reported.filter((d) => !match.includes(d) && groups.some((g) => d in g.group.values))
  if (finer.length > 0)
    notes.push({
      code: 'COST_APPORTIONED',
      detail: `The cost report does not break costs down by ${finer.map(label).join(', ')}; each of its amounts is split between the groups it may belong to in proportion to their list-priced usage.`,
    })
  return { perGroup, found, notes }
}
