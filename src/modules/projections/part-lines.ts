/**
 * The lines of a stored plan's per-workload part (one JSON value per workload), read a batch at a time: the
 * monthly series of a 10,000-workload × 36-month plan are ~30 MB of text, which a table streams without ever
 * holding more than one batch of lines.
 *
 * Why lines and not slices of the stored text: PostgreSQL cannot fetch the middle of a large UTF-8 text value.
 * `substr` reads (and, for a compressed value, decompresses) the value from its start to the slice's end and walks
 * its characters, so each slice costs about one whole read, and uncompressed (EXTERNAL) storage does not change
 * that. Measured on PostgreSQL 15 for a 30.8 MB part (docs/spreadsheets.md): 1 MiB slices took 4.2 s (2.9 s
 * EXTERNAL), 4 MiB slices 1.3 s (0.9 s), against 0.12 s for one whole read — and multi-megabyte slices are large
 * objects that the collector lets pile up. So the first stream of a part of a plan revision splits it into lines
 * in the database, once (about a second for that part), and streams then read lines by number.
 */

/** Where the lines come from (the projection repository, for one part of one plan revision). */
export interface LineSource {
  /** Whether the part is split into lines already. */
  isSplit(): Promise<boolean>
  /** Splits it (idempotent). */
  split(): Promise<void>
  /** Up to `limit` lines after line `after` (lines are numbered from 1). */
  lines(after: number, limit: number): Promise<string[]>
}

/** Lines read per query: ~300 KB of a 36-month series, small enough to stay out of the large-object space. */
export const PART_BATCH_LINES = 100

/**
 * Every line of the part, in order, each yielded as soon as its batch is read; the next batch is read only when
 * the consumer asks for more (so a slow client slows the reads, and memory stays at one batch). An empty part has
 * no lines. The first call splits the part if nobody has yet.
 */
export async function* partLines(source: LineSource, batchLines = PART_BATCH_LINES): AsyncGenerator<string> {
  if (!(await source.isSplit())) await source.split()
  let after = 0
  for (;;) {
    const lines = await source.lines(after, batchLines)
    for (const line of lines) yield line
    if (lines.length < batchLines) return
    after += lines.length
  }
}
