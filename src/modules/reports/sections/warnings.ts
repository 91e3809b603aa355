import { dec } from '../../../domain/index.js'
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

/** Warnings of one kind (code and severity) shown in full; the rest of that kind are summed up in one line. */
export const MAX_WARNINGS_PER_KIND = 5

/** The plan's warnings in runs of one kind, in the plan's order (by severity, then code). */
function runsOf(warnings: readonly Warning[]): Warning[][] {
  const runs: Warning[][] = []
  for (const warning of warnings) {
    const last = runs[runs.length - 1]
    if (last && last[0]!.code === warning.code && last[0]!.severity === warning.severity) last.push(warning)
    else runs.push([warning])
  }
  return runs
}

/**
 * One kind of warning: all of them when they are few; otherwise the {@link MAX_WARNINGS_PER_KIND} with the largest
 * amounts, and a line saying how many more there are (and what their amounts add up to) and where to find them all —
 * a 10,000-workload portfolio can raise thousands of one kind, which no meeting reads one by one.
 */
function kindItems(run: readonly Warning[], tablePath: string): Html[] {
  if (run.length <= MAX_WARNINGS_PER_KIND) return run.map(warningItem)
  const size = (w: Warning) => (w.amount === null ? dec('0') : dec(w.amount).abs())
  const ranked = [...run].sort((a, b) => size(b).cmp(size(a)))
  const shown = ranked.slice(0, MAX_WARNINGS_PER_KIND)
  const rest = ranked.slice(MAX_WARNINGS_PER_KIND)
  const first = run[0]!
  const text = warningText(first.code)
  const total =
    rest.every((w) => w.amount !== null) && text.amount
      ? html` Their amounts (${text.amount.charAt(0).toLowerCase()}${text.amount.slice(1)}) add up to <span class="amount" data-value="${sum(
          rest,
        )}">${usd(sum(rest))}</span>.`
      : ''
  return [
    ...shown.map(warningItem),
    html`<li class="warning-more ${first.severity}" data-code="${first.code}" data-count="${String(rest.length)}"><p><b>${rest.length.toLocaleString(
      'en-US',
    )} more of this kind</b> (${text.title.charAt(0).toLowerCase()}${text.title.slice(1)}), the ${
      MAX_WARNINGS_PER_KIND
    } above being the largest.${total} Every warning is in the warnings table, <code>GET ${tablePath}</code>.</p></li>`,
  ]
}

/** The amounts' sum, as precise as the most precise of them. */
function sum(warnings: readonly Warning[]): string {
  const places = Math.max(0, ...warnings.map((w) => (w.amount?.split('.')[1] ?? '').length))
  return warnings.reduce((total, w) => total.plus(dec(w.amount ?? '0')), dec('0')).toFixed(places)
}

/** The warnings section; `tablePath` is where the plan's every warning can be read as a table. */
export function warningsSection(plan: ChartPlan, tablePath: string): Html {
  if (plan.warnings.length === 0) {
    return html`<p class="empty">The plan raises no warning: no commitment strands money, no lever is left unpulled.</p>`
  }
  return html`<p class="lead">Where money would be stranded, left on the table, or counted on without good reason — most severe first. The plan is computed as given: a warning never changes a figure.</p><ul class="warnings">${runsOf(
    plan.warnings,
  ).flatMap((run) => kindItems(run, tablePath))}</ul>`
}
