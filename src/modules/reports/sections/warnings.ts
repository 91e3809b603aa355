import type { ChartPlan } from '../../charts/chart-plan.js'
import { leverName } from '../../charts/format.js'
import { usd } from '../format.js'
import { type Html, html } from '../html.js'
import { warningText } from '../warning-texts.js'

/** The plan's warnings in plain language: what each is about, its sentence, its amount and what to do. */

type Warning = ChartPlan['warnings'][number]

/** Workloads named in one warning at most; the rest are counted. */
const MAX_NAMED_WORKLOADS = 12

const SEVERITY_NAMES: Readonly<Record<string, string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Opportunity',
}

function workloadsLine(names: readonly string[]): Html | '' {
  if (names.length === 0) return ''
  const shown = names.slice(0, MAX_NAMED_WORKLOADS)
  const more = names.length - shown.length
  return html`<p class="note">Workload${names.length === 1 ? '' : 's'}: ${shown.join(', ')}${
    more > 0 ? ` and ${more} more` : ''
  }.</p>`
}

function warningItem(warning: Warning): Html {
  const text = warningText(warning.code)
  const severity = SEVERITY_NAMES[warning.severity] ?? warning.severity
  const amount =
    warning.amount === null
      ? ''
      : html`<p>${text.amount ?? 'Amount'}: <span class="amount" data-value="${warning.amount}">${usd(warning.amount)}</span></p>`
  return html`<li class="warning-item ${warning.severity}" data-code="${warning.code}" data-severity="${warning.severity}"${
    warning.amount === null ? '' : html` data-amount="${warning.amount}"`
  }><h3><span class="badge ${warning.severity}">${severity}</span> ${text.title}${
    warning.lever ? html` <span class="note">(${leverName(warning.lever)})</span>` : ''
  }</h3><p>${warning.message}</p>${amount}${workloadsLine(warning.workloads)}<p class="advice"><b>What to do:</b> ${text.advice}</p></li>`
}

/** The warnings section. */
export function warningsSection(plan: ChartPlan): Html {
  if (plan.warnings.length === 0) {
    return html`<p class="empty">The plan raises no warning: no commitment strands money, no lever is left unpulled.</p>`
  }
  return html`<p class="lead">Where money would be stranded, left on the table, or counted on without good reason — most severe first. The plan is computed as given: a warning never changes a figure.</p><ul class="warnings">${plan.warnings.map(
    warningItem,
  )}</ul>`
}
