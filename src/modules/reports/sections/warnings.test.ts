import { describe, expect, it } from 'vitest'
import type { ChartPlan } from '../../charts/chart-plan.js'
import { MAX_WARNINGS_PER_KIND, warningsSection } from './warnings.js'

const warning = (code: string, amount: string | null, name: string) => ({
  code,
  severity: 'warning',
  amount,
  workloads: [name],
  message: `${code} for ${name}`,
})

const planWith = (warnings: ReturnType<typeof warning>[]) => ({ warnings }) as unknown as ChartPlan

describe('the warnings section', () => {
  it('shows a few warnings of a kind in full, in the plan’s order', () => {
    const markup = warningsSection(
      planWith([warning('UNPULLED_BATCH', '120.00', 'a'), warning('BASELINE_MISMATCH', '5.00', 'b')]),
      '/t',
    ).markup
    expect([...markup.matchAll(/data-code="([A-Z_]+)"/g)].map((m) => m[1])).toEqual([
      'UNPULLED_BATCH',
      'BASELINE_MISMATCH',
    ])
    expect(markup).not.toContain('more of this kind')
  })

  it('shows the largest of a crowded kind and sums up the rest, with where to read them all', () => {
    const many = Array.from({ length: 40 }, (_, i) => warning('BASELINE_MISMATCH', `${i + 1}.50`, `w${i}`))
    const markup = warningsSection(
      planWith([...many, warning('MODEL_RETIRING', null, 'x')]),
      '/v1/…/tables/warnings',
    ).markup
    const amounts = [...markup.matchAll(/<li class="warning-item[^>]*data-amount="([^"]+)"/g)].map(
      (m) => m[1],
    )
    expect(amounts).toEqual(['40.50', '39.50', '38.50', '37.50', '36.50'].slice(0, MAX_WARNINGS_PER_KIND))
    expect(markup).toContain('data-count="35"')
    expect(markup).toContain('<b>35 more of this kind</b>')
    // 1.50 + 2.50 + … + 35.50
    expect(markup).toContain('data-value="647.50">$647.50</span>')
    expect(markup).toContain('<code>GET /v1/…/tables/warnings</code>')
    expect(markup).toContain('data-code="MODEL_RETIRING"')
  })
})
