import { compareModels, type ModelPrice, modelNames, type PriceBook } from './price-book.js'

/**
 * "Did you mean …?" for model names: the names of a price book nearest to one that is not in it. Pure and
 * deterministic; used by the engine's validation (a plan's `model` / `routeToModel`) and by the model routes.
 */

/** The common prefix of every Claude model id; a name typed without it is compared without it. */
const CLAUDE_PREFIX = 'claude-'

/**
 * How a name is compared: case-insensitive, surrounding blanks ignored, and `.`, `_` and blanks written as `-`
 * (people type `claude-opus-4.5` for `claude-opus-4-5`), without the `claude-` prefix (so `sonet-4-5` is one
 * edit from `claude-sonnet-4-5`, and `gpt-4` is not made closer to anything by a prefix it never had).
 */
function core(name: string): string {
  const text = name
    .trim()
    .toLowerCase()
    .replace(/[._\s]+/g, '-')
  return text.startsWith(CLAUDE_PREFIX) ? text.slice(CLAUDE_PREFIX.length) : text
}

/**
 * The optimal-string-alignment distance (Levenshtein with adjacent transpositions, each one edit) between
 * `a` and `b`, or `limit + 1` as soon as it is known to exceed `limit`. Transpositions count one because
 * swapped letters (`sonnte`) are the commonest typing slip after a missing or extra one.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  // Three rows of the dynamic-programming table: two back (for transpositions), one back, current.
  let before = new Array<number>(b.length + 1).fill(0)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  let current = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1)
      }
      current[j] = value
      if (value < rowMin) rowMin = value
    }
    // Every later row is at least this row's minimum: nothing within the limit can follow.
    if (rowMin > limit) return limit + 1
    ;[before, previous, current] = [previous, current, before]
  }
  const distance = previous[b.length]!
  return distance > limit ? limit + 1 : distance
}

/**
 * The most edits a name may be away from a suggestion: one per four characters typed, at least one. Short
 * names get few (`gpt-4` is not one edit from any Claude model), long ones the odd slip per word.
 */
export function suggestionCutoff(typed: string): number {
  return Math.max(1, Math.floor(core(typed).length / 4))
}

/**
 * Names of `book` nearest to `name` — ids and aliases alike, at most one per model — for a "did you mean …?".
 *
 * Distance is {@link editDistance} between the names as {@link core} writes them. A name counts only within
 * {@link suggestionCutoff} edits; failing that, a name that starts with what was typed (`sonnet` →
 * `claude-sonnet-5`) counts as the cut-off plus one, so a bare family name suggests its newest models. Only the
 * nearest names are kept (every one at the smallest distance found), the nearest name of each model, ties
 * broken by the catalogue order of `compareModels` (newest first) and then the shorter name.
 *
 * @param book the price book whose names may be suggested
 * @param name the name that was not found
 * @param max the most suggestions to return (default 3)
 * @returns the suggested names as the book spells them, best first; empty when nothing is near
 */
export function suggestModels(book: Pick<PriceBook, 'models'>, name: string, max = 3): string[] {
  const wanted = core(name)
  const limit = Math.floor(max)
  if (wanted === '' || !(limit > 0)) return []
  const cutoff = suggestionCutoff(name)
  const nearest: { model: ModelPrice; name: string; score: number }[] = []
  for (const model of book.models) {
    let best: { name: string; score: number } | undefined
    for (const candidate of modelNames(model)) {
      const other = core(candidate)
      const distance = editDistance(wanted, other, cutoff)
      const prefix = other.startsWith(`${wanted}-`)
      if (distance > cutoff && !prefix) continue
      // A name within the cut-off ranks by its distance; one that only starts with the typed name, after all of them.
      const score = distance <= cutoff ? distance : cutoff + 1
      if (!best || score < best.score || (score === best.score && candidate.length < best.name.length)) {
        best = { name: candidate, score }
      }
    }
    if (best) nearest.push({ model, ...best })
  }
  if (nearest.length === 0) return []
  const smallest = Math.min(...nearest.map((n) => n.score))
  return nearest
    .filter((n) => n.score === smallest)
    .sort((a, b) => compareModels(a.model, b.model) || a.name.length - b.name.length)
    .slice(0, limit)
    .map((n) => n.name)
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

/**
 * The sentence for a model name a price book does not have, with its suggestions:
 * `no model 'claude-sonet-4-5' in price book 'anthropic-list'; did you mean claude-sonnet-4-5?`. The book is
 * named by its slug when it has one, else by its name.
 */
export function unknownModelMessage(
  book: Pick<PriceBook, 'models'> & Partial<Pick<PriceBook, 'slug' | 'name'>>,
  name: string,
): string {
  const label = book.slug ?? book.name
  const where = label === undefined ? 'in the price book' : `in price book '${label}'`
  const suggestions = suggestModels(book, name)
  const hint =
    suggestions.length > 0 ? `did you mean ${orList(suggestions)}?` : 'use one of its model ids or aliases'
  return `no model '${name}' ${where}; ${hint}`
}
