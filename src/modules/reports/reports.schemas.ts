import { z } from 'zod'
import { ValidationError } from '../../lib/errors.js'
import { COMPARISON_LIMIT } from '../projections/projections.service.js'

/** The scenarios a comparison report compares: `?scenarios=`, as for the comparison. */
export const ComparisonReportQuery = z.object({
  scenarios: z
    .string()
    .max(COMPARISON_LIMIT * 37)
    .optional()
    .describe(
      `Comma-separated scenario ids (at most ${COMPARISON_LIMIT}), in the order to show them; default: the ` +
        `portfolio’s first ${COMPARISON_LIMIT}, as for \`GET …/comparison\`.`,
    ),
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The ids of `?scenarios=` (as the comparison reads them), or null for "the first ones"; anything but uuids is a 400. */
export function comparedScenarioIds(text: string | undefined): string[] | null {
  if (text === undefined || text.trim() === '') return null
  const ids = [
    ...new Set(
      text
        .split(',')
        .map((id) => id.trim().toLowerCase())
        .filter((id) => id !== ''),
    ),
  ]
  const bad = ids.find((id) => !UUID.test(id))
  if (bad === undefined && ids.length <= COMPARISON_LIMIT) return ids
  throw new ValidationError('The scenarios parameter is not valid.', [
    {
      in: 'query',
      pointer: '/scenarios',
      code: 'invalid',
      detail:
        bad !== undefined
          ? `'${bad.slice(0, 40)}' is not a scenario id; give scenario ids separated by commas`
          : `at most ${COMPARISON_LIMIT} scenarios at once`,
    },
  ])
}

/** The 200 answer of a report route: a self-contained HTML document. */
export const ReportResponse = {
  description:
    'The report: one self-contained HTML document (`text/html; charset=utf-8`) — inline stylesheet and SVG charts, ' +
    'no script, font or image to fetch — that prints on A4 and Letter.',
  content: {
    'text/html': {
      schema: z
        .string()
        .describe('An HTML document.')
        .meta({ example: '<!doctype html>\n<html lang="en">…' }),
    },
  },
}
