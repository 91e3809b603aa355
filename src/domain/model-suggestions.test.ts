import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { editDistance, suggestionCutoff, suggestModels, unknownModelMessage } from './model-suggestions.js'
import { modelNames, type PriceBook } from './price-book.js'
import { modelPrice } from './testing/fixtures.js'

/** The names of the built-in Anthropic list (ids and aliases; prices do not matter here), in its file order. */
const CATALOGUE: [id: string, ...aliases: string[]][] = [
  ['claude-opus-4-6'],
  ['claude-opus-4-5-20251101', 'claude-opus-4-5'],
  ['claude-opus-4-1-20250805', 'claude-opus-4-1'],
  ['claude-opus-4-20250514', 'claude-opus-4-0', 'claude-opus-4'],
  ['claude-sonnet-4-6'],
  ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
  ['claude-sonnet-4-20250514', 'claude-sonnet-4-0', 'claude-sonnet-4'],
  ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet'],
  ['claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
  ['claude-3-5-haiku-20241022', 'claude-3-5-haiku'],
  ['claude-3-haiku-20240307', 'claude-3-haiku'],
  ['claude-3-opus-20240229', 'claude-3-opus'],
  ['claude-opus-4-7-20260416', 'claude-opus-4-7'],
  ['claude-opus-4-8'],
  ['claude-opus-5'],
  ['claude-opus-5-5'],
  ['claude-sonnet-5'],
  ['claude-sonnet-5-5'],
  ['claude-haiku-5-5'],
  ['claude-fable-5'],
  ['claude-mythos-5'],
  ['claude-fable-5-1'],
  ['claude-mythos-5-1'],
]

const BOOK: Pick<PriceBook, 'models'> = {
  models: CATALOGUE.map(([id, ...aliases]) =>
    modelPrice({ id, aliases, prices: ['1', '1', '1', '1', '1'], minCacheable: '1024' }),
  ),
}
const ALL_NAMES = BOOK.models.flatMap(modelNames)
const ownerOf = (name: string) =>
  BOOK.models.find((m) => modelNames(m).some((n) => n.toLowerCase() === name.toLowerCase()))

describe('suggestModels: exact examples on the built-in list', () => {
  it.each<[string, string[]]>([
    ['claude-sonet-4-5', ['claude-sonnet-4-5']],
    ['Claude-Sonet-4-5', ['claude-sonnet-4-5']],
    ['claude-sonnte-4-5', ['claude-sonnet-4-5']], // a transposition is one edit
    ['claude-opus-4.5', ['claude-opus-4-5']], // dots written as dashes
    ['CLAUDE-HAIKU-4-5', ['claude-haiku-4-5']],
    ['claude-sonnet-4-5-2025092', ['claude-sonnet-4-5-20250929']],
    ['claude-3-5-sonnet', ['claude-3-7-sonnet']],
    ['opus-4-5', ['claude-opus-4-5']], // typed without the claude- prefix
    // Every model one edit away ties; the newest come first.
    ['claude-opus-4-9', ['claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6']],
    // A bare family name: its newest models.
    ['sonnet', ['claude-sonnet-5-5', 'claude-sonnet-5', 'claude-sonnet-4-6']],
    ['gpt-4', []],
    ['gpt-4o-mini', []],
    ['', []],
    ['   ', []],
  ])('%s → %j', (name, expected) => {
    expect(suggestModels(BOOK, name)).toEqual(expected)
  })

  it('returns at most `max` names, and none for a max of 0', () => {
    expect(suggestModels(BOOK, 'claude-opus-4-9', 1)).toEqual(['claude-opus-4-8'])
    expect(suggestModels(BOOK, 'claude-opus-4-9', 0)).toEqual([])
    expect(suggestModels(BOOK, 'claude-opus-4-9', 10)).toEqual([
      'claude-opus-4-8',
      'claude-opus-4-7',
      'claude-opus-4-6',
      'claude-opus-4-5',
      'claude-opus-4-1',
      'claude-opus-4-0',
    ])
  })

  it('cuts off at one edit per four characters typed, at least one', () => {
    expect(suggestionCutoff('gpt-4')).toBe(1)
    expect(suggestionCutoff('claude-sonet-4-5')).toBe(2) // "sonet-4-5": the claude- prefix does not count
    expect(suggestionCutoff('claude-sonnet-4-5-2025092')).toBe(4)
  })
})

describe('unknownModelMessage', () => {
  it('names the book by slug and asks "did you mean"', () => {
    expect(
      unknownModelMessage(
        { ...BOOK, slug: 'anthropic-list', name: 'Anthropic list prices' },
        'claude-sonet-4-5',
      ),
    ).toBe("no model 'claude-sonet-4-5' in price book 'anthropic-list'; did you mean claude-sonnet-4-5?")
    expect(unknownModelMessage({ ...BOOK, slug: 'anthropic-list' }, 'claude-opus-4-9')).toBe(
      "no model 'claude-opus-4-9' in price book 'anthropic-list'; did you mean claude-opus-4-8, " +
        'claude-opus-4-7 or claude-opus-4-6?',
    )
  })

  it('falls back to the book’s name, and says what to use when nothing is near', () => {
    expect(unknownModelMessage({ ...BOOK, name: 'Acme 2027' }, 'gpt-4')).toBe(
      "no model 'gpt-4' in price book 'Acme 2027'; use one of its model ids or aliases",
    )
    expect(unknownModelMessage(BOOK, 'gpt-4')).toBe(
      "no model 'gpt-4' in the price book; use one of its model ids or aliases",
    )
  })
})

// Names over a small alphabet, so that generated names are often near the book's.
const letter = fc.constantFrom(...'abcdehiklmnopstuy0123456789-'.split(''))
const typed = fc.oneof(
  fc.string({ unit: letter, maxLength: 30 }),
  fc.constantFrom(...ALL_NAMES),
  fc.constantFrom(...ALL_NAMES).chain((name) => fc.nat(name.length).map((i) => name.slice(0, i))),
)

/** One edit to `name` after its `claude-` prefix: a deletion, insertion, substitution or adjacent swap. */
const oneEdit = (name: string) =>
  fc
    .tuple(fc.constantFrom('delete', 'insert', 'substitute', 'swap'), fc.nat(), letter)
    .map(([kind, at, c]) => {
      const prefix = 'claude-'
      const core = name.slice(prefix.length)
      const i = at % (core.length + 1)
      const j = Math.min(i, core.length - 1)
      const edited =
        kind === 'delete'
          ? core.slice(0, j) + core.slice(j + 1)
          : kind === 'insert'
            ? core.slice(0, i) + c + core.slice(i)
            : kind === 'substitute'
              ? core.slice(0, j) + c + core.slice(j + 1)
              : j + 1 < core.length
                ? core.slice(0, j) + core[j + 1] + core[j] + core.slice(j + 2)
                : core
      return prefix + edited
    })

const core = (name: string) => name.toLowerCase().replace(/^claude-/, '')

describe('suggestModels: properties', () => {
  it('suggests only names of the book, at most max, at most one per model, deterministically', () => {
    fc.assert(
      fc.property(typed, fc.integer({ min: 0, max: 6 }), (name, max) => {
        const suggestions = suggestModels(BOOK, name, max)
        expect(suggestions.length).toBeLessThanOrEqual(max)
        for (const s of suggestions) expect(ALL_NAMES).toContain(s)
        const owners = suggestions.map(ownerOf)
        expect(new Set(owners).size).toBe(owners.length)
        expect(suggestModels(BOOK, name, max)).toEqual(suggestions)
        // A smaller max gives a prefix of the same list.
        expect(suggestModels(BOOK, name, max + 1).slice(0, max)).toEqual(suggestions)
      }),
    )
  })

  it('ignores case and surrounding blanks', () => {
    fc.assert(
      fc.property(typed, (name) => {
        expect(suggestModels(BOOK, ` ${name.toUpperCase()}\t`)).toEqual(suggestModels(BOOK, name))
      }),
    )
  })

  it('suggests exactly the name itself for a name of the book, in any case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_NAMES), fc.boolean(), (name, upper) => {
        expect(suggestModels(BOOK, upper ? name.toUpperCase() : name)).toEqual([name])
      }),
    )
  })

  it('finds a name one edit away: every suggestion within one edit, the edited model among them when room is left', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_NAMES).chain((name) => fc.tuple(fc.constant(name), oneEdit(name))),
        ([original, edited]) => {
          const suggestions = suggestModels(BOOK, edited)
          expect(suggestions.length).toBeGreaterThan(0)
          const distances = suggestions.map((s) => editDistance(core(edited), core(s)))
          for (const d of distances) expect(d).toBeLessThanOrEqual(1)
          // Unless another model's name is the edited text itself (distance 0 beats 1), the edited model
          // is among the nearest; with fewer than three suggestions, it is shown.
          if (distances.every((d) => d === 1) && suggestions.length < 3) {
            expect(suggestions.map(ownerOf)).toContain(ownerOf(original))
          }
        },
      ),
    )
  })
})

describe('editDistance', () => {
  const word = fc.string({ unit: letter, maxLength: 20 })

  it('is 0 for equal strings, symmetric, and between the length difference and the longer length', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b)
        expect(editDistance(a, a)).toBe(0)
        expect(editDistance(b, a)).toBe(d)
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length))
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length))
        expect(d === 0).toBe(a === b)
      }),
    )
  })

  it('with a limit, answers the distance when within it and limit + 1 otherwise', () => {
    fc.assert(
      fc.property(word, word, fc.nat(6), (a, b, limit) => {
        expect(editDistance(a, b, limit)).toBe(Math.min(editDistance(a, b), limit + 1))
      }),
    )
  })

  it.each<[string, string, number]>([
    ['sonnet', 'sonnet', 0],
    ['sonet', 'sonnet', 1],
    ['sonnte', 'sonnet', 1],
    ['kitten', 'sitting', 3],
    ['', 'opus', 4],
    ['ca', 'abc', 3], // optimal string alignment: a swapped pair is not edited again
  ])('%s ↔ %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
  })
})
