import type { OptionKind } from '../../../domain/index.js'
import type { ChartPlan } from '../../charts/chart-plan.js'
import { percent, usd } from '../format.js'
import { type Html, html, join } from '../html.js'
import { head, moneyCell, numCell, numHead } from './parts.js'
import { discountText } from './summary.js'

/** The commitment options side by side: every option of the plan, the recommendation marked. */

type Option = ChartPlan['options'][number]

/** What each kind of option is called in the table. */
const KIND_NAMES: Readonly<Record<OptionKind, string>> = {
  recommended: 'Recommended',
  tier: 'Tier',
  proposed: 'Proposed',
  baseline: 'Sized on today’s baseline',
  lowestExpectedPayment: 'Lowest expected payment',
  noCommitment: 'No commitment',
}

function kindName(kind: OptionKind, option: Option): string {
  return kind === 'tier' ? `Tier ${option.tier}` : (KIND_NAMES[kind] ?? kind)
}

const COLUMNS = 8

function optionRows(option: Option, annual: boolean): Html {
  const recommended = option.kinds.includes('recommended')
  const names = join(
    option.kinds.map((kind) =>
      kind === 'recommended'
        ? html`<span class="badge recommended">Recommended</span>`
        : html`<span class="kind">${kindName(kind, option)}</span>`,
    ),
    html`<br>`,
  )
  const years = annual
    ? html`<tr><td colspan="${COLUMNS}" class="year-line">${join(
        option.years.map(
          (y) =>
            html`<span data-year="${y.year}" data-commit="${y.commit}">Year ${y.year}: commit ${usd(y.commit)}, expected payment ${usd(
              y.expectedPayment,
            )}, stranded ${usd(y.expectedStranded)}</span>`,
        ),
        ' · ',
      )}</td></tr>`
    : ''
  return html`<tbody class="option${recommended ? ' recommended' : ''}" data-kinds="${option.kinds.join(' ')}" data-commit="${option.commit}" data-expected-payment="${option.expectedPayment}" data-expected-stranded="${option.expectedStranded}"><tr><th scope="row">${names}</th>${moneyCell(
    option.commit,
  )}${numCell(discountText(option).replace(/^at /, ''), option.discountRate)}${moneyCell(option.expectedPayment)}${moneyCell(
    option.expectedStranded,
  )}${numCell(percent(option.shortfallProbability), option.shortfallProbability)}${numCell(
    option.expectedUtilization === null ? '—' : percent(option.expectedUtilization),
  )}${numCell(percent(option.effectiveSavingsRate), option.effectiveSavingsRate)}</tr><tr><td colspan="${COLUMNS}" class="basis">${join(
    option.labels.map((label) => html`<b>${label}.</b> `),
  )}${option.basis}</td></tr>${years}</tbody>`
}

/** The options section. */
export function optionsSection(plan: ChartPlan): Html {
  const annual = plan.structure === 'annual'
  const r = plan.recommendation
  return html`<p class="lead">Every commitment the plan evaluated over ${plan.simulation.runs.toLocaleString(
    'en-US',
  )} simulated runs. The recommended one, ${usd(r.commit)} ${discountText(
    r,
  )}, is highlighted. Equal amounts are one option, named by each rule that produced them. Each option’s sentence says how its amount was derived.</p><table id="options-table" class="long"><thead><tr>${head(
    'Option',
  )}${numHead('Commit')}${numHead('Discount')}${numHead('Expected payment')}${numHead(
    'Expected stranded',
  )}${numHead('Shortfall')}${numHead('Utilization')}${numHead('Effective saving')}</tr></thead>${plan.options.map(
    (option) => optionRows(option, annual),
  )}</table><p class="note">Expected payment: the commitment plus any overage, averaged over the runs. Stranded: committed and paid for, not used. Shortfall: the share of runs in which consumption falls below the commitment${
    annual ? ' in any contract year' : ''
  }. Effective saving: 1 − expected payment ÷ the expected spend at list price.</p>`
}
