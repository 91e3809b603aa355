import { ENGINE_LIMITS } from '../domain/limits.js'

/**
 * The planning engine's own limits (term, lever months, slip, seed) and the format of a price, written in
 * `src/domain/limits.ts` (the domain may not import from here) and re-exported, so this module stays the one
 * table the edge's schemas read: `ENGINE_LIMITS.maxLeverMonths` for a lever's `startMonth` (±) and
 * `rampMonths`, `ENGINE_LIMITS.maxSlipMonths` for `adoptionSlipMonths`, `ENGINE_LIMITS.maxSeed` for `seed`,
 * `PRICE_LIMITS` for the digits of a price and of a discount off list.
 */
export { ENGINE_LIMITS, PRICE_LIMITS } from '../domain/limits.js'

/**
 * The one table of request limits. Each bounds CPU time, memory or the size of an answer; each is
 * documented in the OpenAPI description of the operations it applies to and enforced before any work.
 * Limits an operator may tune (concurrency, deadlines, rates) are configuration (`config/env.ts`).
 */
export const PREVIEW_LIMITS = {
  /** Workloads in one inline portfolio. */
  maxWorkloads: 10_000,
  /** Workloads × term months: 10,000 workloads over 36 months, or 3,000 over 120. */
  maxWorkloadMonths: 360_000,
  /** Commitment term, months: the engine's own limit. */
  maxTermMonths: ENGINE_LIMITS.maxTermMonths,
  /** Negotiated discount tiers of one commitment. */
  maxDiscountTiers: 20,
  /** Monte Carlo runs. */
  maxSimulations: 20_000,
  /**
   * Cost budget of one computation: workload-months × simulations. 10,000 workloads × 36 months with
   * 4,000 runs fits; so does 1,000 × 36 with the 20,000-run maximum.
   */
  maxCost: 1_440_000_000,
  /** Request body, bytes (a 10,000-workload portfolio is about 6 MB of JSON). */
  maxBodyBytes: 16 * 1024 * 1024,
} as const

/** Cursor pagination: page sizes. */
export const PAGE_LIMITS = { defaultLimit: 20, maxLimit: 100, maxCursorLength: 200 } as const

/**
 * Charts (`…/charts/{chart}.svg|.png`): the drawing's size in CSS pixels (960×540 by default, 16:9), and for a
 * PNG the device pixels per CSS pixel; a PNG has at most `maxPngPixels` pixels (4K, about 33 MB of RGBA while it
 * is rendered) — 400 beyond any of them.
 */
export const CHART_LIMITS = {
  defaultWidth: 960,
  defaultHeight: 540,
  minWidth: 320,
  maxWidth: 2400,
  minHeight: 200,
  maxHeight: 1600,
  maxScale: 3,
  maxPngPixels: 3840 * 2160,
} as const

/**
 * A CSV file of workloads (`POST /v1/portfolios/{id}/workloads/import`), read as a stream and refused as
 * soon as it goes past one of these: the body (413), the rows — no more than a portfolio holds, so a file
 * that could never be imported is not read to its end —, the columns, the characters of one cell (Excel's
 * own maximum) (422). The report of a refused file lists at most `maxReportedIssues` problems, each
 * echoing at most `maxEchoedValueChars` characters of the cell at fault.
 */
export const CSV_IMPORT_LIMITS = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxRows: PREVIEW_LIMITS.maxWorkloads,
  maxColumns: 100,
  maxCellChars: 32_767,
  maxReportedIssues: 1_000,
  maxEchoedValueChars: 100,
} as const

/**
 * The usage import (`POST /v1/portfolios/{id}/imports/anthropic-usage`): Admin API report pages as that API
 * returns them. A page holds at most the API's own largest page (1,440 one-minute buckets); across all pages
 * at most `maxBuckets` buckets (a month of one-minute buckets) and `maxResults` results of each report — a
 * month of daily buckets grouped by model, workspace, API key and tier for a few hundred keys — and at most
 * `maxGroupSettings` entries in `groups` (400 beyond any of them). The body may be as large as a bulk create
 * of workloads (413 beyond).
 */
export const USAGE_IMPORT_LIMITS = {
  maxBodyBytes: PREVIEW_LIMITS.maxBodyBytes,
  maxPages: 500,
  maxBucketsPerPage: 1_440,
  maxBuckets: 50_000,
  maxResultsPerBucket: 10_000,
  maxResults: 100_000,
  maxGroupSettings: 1_000,
} as const

/**
 * Dates accepted anywhere in the API (stored or computed): PostgreSQL and JavaScript agree on every
 * instant in this range, and it leaves room for a 120-month term that starts at the last `termStart`.
 */
export const DATE_LIMITS = {
  min: '1970-01-01',
  max: '9999-12-31',
  /** A commitment term starts within these years. */
  termStartMin: '2000-01-01',
  termStartMax: '2199-12-31',
} as const

/** The first and last instants (epoch ms) of the accepted date range. */
export const FIRST_INSTANT = Date.parse(`${DATE_LIMITS.min}T00:00:00.000Z`)
export const LAST_INSTANT = Date.parse(`${DATE_LIMITS.max}T23:59:59.999Z`)

/**
 * Share links (`POST /v1/share-links`): how long one lives (15 minutes by default, at most 7 days — S3's
 * limit for presigned URLs), and the longest resource path, query included, one may name.
 */
export const SHARE_LINK_LIMITS = {
  defaultTtlSeconds: 15 * 60,
  minTtlSeconds: 60,
  maxTtlSeconds: 7 * 24 * 60 * 60,
  maxPathLength: 2000,
} as const
