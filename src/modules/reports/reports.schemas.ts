import { z } from 'zod'
import { ComparedScenariosParam } from '../projections/projections.schemas.js'

/** The scenarios a comparison report compares: `?scenarios=`, exactly as `GET …/comparison` reads it. */
export const ComparisonReportQuery = z.object({ scenarios: ComparedScenariosParam })

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
