import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  digestsEqual,
  displayPrefix,
  generateSecret,
  hashSecret,
  KEY_PREFIX,
  passesChecksum,
} from './api-key-secret.js'

describe('API key secrets', () => {
  it('are prefixed, long, unique and pass their checksum', () => {
    const secrets = new Set(Array.from({ length: 200 }, generateSecret))
    expect(secrets.size).toBe(200)
    for (const secret of secrets) {
      expect(secret.startsWith(KEY_PREFIX)).toBe(true)
      expect(secret).toMatch(/^ccp_[0-9A-Za-z]{46}$/)
      expect(passesChecksum(secret)).toBe(true)
      expect(displayPrefix(secret)).toHaveLength(12)
    }
  })

  it('fail the checksum when any character changes', () => {
    const secret = generateSecret()
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: secret.length - 1 }),
        fc.constantFrom(...'0123456789abcXYZ'),
        (i, ch) => {
          fc.pre(secret[i] !== ch)
          const forged = secret.slice(0, i) + ch + secret.slice(i + 1)
          expect(passesChecksum(forged)).toBe(false)
        },
      ),
    )
  })

  it('leave secrets of other formats (bootstrap keys) to the hash lookup', () => {
    expect(passesChecksum('an-operator-chosen-bootstrap-secret-1234')).toBe(true)
  })

  it('compare digests in constant time and never throw on a length mismatch', () => {
    const digest = hashSecret('x')
    expect(digest).toMatch(/^[0-9a-f]{64}$/)
    expect(digestsEqual(digest, hashSecret('x'))).toBe(true)
    expect(digestsEqual(digest, hashSecret('y'))).toBe(false)
    expect(digestsEqual(digest, digest.slice(1))).toBe(false)
  })
})
