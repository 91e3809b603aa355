import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ValidationError } from './errors.js'
import { DATE_LIMITS } from './limits.js'
import { decodeCursor, encodeCursor } from './pagination.js'

const instants = fc.date({
  min: new Date(`${DATE_LIMITS.min}T00:00:00.000Z`),
  max: new Date(`${DATE_LIMITS.max}T23:59:59.999Z`),
  noInvalidDate: true,
})
const cursors = fc.record({ createdAt: instants, id: fc.uuid() })

describe('cursors', () => {
  it('decode what they encode, for every instant in DATE_LIMITS', () => {
    fc.assert(
      fc.property(cursors, (cursor) => {
        expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
      }),
    )
  })

  it('accept a text only if it is exactly the encoding of what it decodes to', () => {
    fc.assert(
      fc.property(cursors, fc.string({ maxLength: 4 }), fc.nat(), (cursor, noise, at) => {
        const text = encodeCursor(cursor)
        const position = at % (text.length + 1)
        const tampered = text.slice(0, position) + noise + text.slice(position)
        try {
          const decoded = decodeCursor(tampered)
          expect(decoded && encodeCursor(decoded)).toBe(tampered)
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError)
        }
      }),
    )
  })

  it('refuse instants PostgreSQL and JavaScript disagree on', () => {
    const id = '0195f1c2-7b3a-7c4d-8e5f-0123456789ab'
    for (const createdAt of [new Date('1969-12-31T23:59:59.999Z'), new Date('+010000-01-01T00:00:00.000Z')]) {
      expect(() => decodeCursor(encodeCursor({ createdAt, id }))).toThrow(ValidationError)
    }
  })
})
