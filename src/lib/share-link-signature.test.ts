import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config/env.js'
import {
  canonicalPath,
  canonicalQuery,
  presentedLink,
  resourceParams,
  type SignedRequest,
  type SigningSecrets,
  sign,
  stringToSign,
  verifySignature,
} from './share-link-signature.js'

const request: SignedRequest = {
  method: 'GET',
  path: '/v1/portfolios/0b6f3d2e-8c1a-4f5e-9d7b-3a2c1e0f9b8d/workloads',
  organizationId: '2d3e4f50-6172-4839-a4b5-c6d7e8f90a1b',
  linkId: '6f1c2a9e-4b7d-4e21-9a3f-2c5d8e7b1a04',
  query: 'format=csv',
  expires: 1_799_054_100,
}
const now = new Date('2027-01-04T09:00:00Z')
const secrets: SigningSecrets = { current: 'c'.repeat(32), previous: [] }

describe('share-link signatures', () => {
  it('verify what they sign, and nothing that differs in any one field', () => {
    const signature = sign(secrets, request)
    expect(signature).toMatch(/^[0-9a-f]{64}$/)
    expect(verifySignature(secrets, request, signature, now)).toBe(true)
    const changed: Partial<SignedRequest>[] = [
      { path: `${request.path}x` },
      { organizationId: '3d3e4f50-6172-4839-a4b5-c6d7e8f90a1b' },
      { linkId: '7f1c2a9e-4b7d-4e21-9a3f-2c5d8e7b1a04' },
      { query: 'format=json' },
      { query: '' },
      { expires: request.expires + 1 },
    ]
    for (const change of changed) {
      expect(
        verifySignature(secrets, { ...request, ...change }, signature, now),
        JSON.stringify(change),
      ).toBe(false)
    }
  })

  it('return false, never throw, for a signature of another length or alphabet', () => {
    for (const bad of [
      '',
      'ab',
      '0'.repeat(63),
      '0'.repeat(65),
      'g'.repeat(64),
      sign(secrets, request).toUpperCase(),
    ]) {
      expect(verifySignature(secrets, request, bad, now)).toBe(false)
    }
  })

  it('verify with a previous secret until its grace period ends, and never sign with it', () => {
    const old = 'o'.repeat(32)
    const rotated: SigningSecrets = { current: 'n'.repeat(32), previous: [{ secret: old, until: now }] }
    const signedBefore = sign({ current: old, previous: [] }, request)
    expect(verifySignature(rotated, request, signedBefore, new Date(now.getTime() - 1))).toBe(true)
    expect(verifySignature(rotated, request, signedBefore, now)).toBe(false)
    expect(sign(rotated, request)).not.toBe(signedBefore)
  })

  it('keep fields apart: no two requests share a string to sign', () => {
    // A value moved from one field into its neighbour cannot give the same string.
    const a = stringToSign({ ...request, query: 'a=1', path: '/v1/x' })
    const b = stringToSign({ ...request, query: '', path: '/v1/x\na=1' })
    expect(a).not.toBe(b)
    expect(canonicalPath('/v1/x\na=1')).toBe('/v1/x%0Aa%3D1')
  })
})

describe('canonical forms', () => {
  it('treat equivalent encodings and a trailing slash as one path; a malformed one is null', () => {
    expect(canonicalPath('/v1/a%7Eb/')).toBe(canonicalPath('/v1/a~b'))
    expect(canonicalPath('/v1/a%2fb')).toBe('/v1/a%2Fb')
    expect(canonicalPath('/v1/%zz')).toBeNull()
    expect(canonicalPath('/')).toBe('/')
  })

  it('sort parameters by name then value and encode them once', () => {
    expect(
      canonicalQuery([
        ['b', '2'],
        ['a', 'x y'],
        ['a', '&'],
      ]),
    ).toBe('a=%26&a=x%20y&b=2')
    expect(canonicalQuery([])).toBe('')
  })

  it('take the resource’s parameters from a parsed query, without the link’s own', () => {
    expect(resourceParams({ format: 'csv', link: 'l', exp: '1', sig: 's', tag: ['b', 'a'] })).toEqual([
      ['format', 'csv'],
      ['tag', 'b'],
      ['tag', 'a'],
    ])
    expect(presentedLink({ format: 'csv' })).toBeNull()
    expect(presentedLink({ sig: 's' })).toEqual({ id: undefined, expires: undefined, signature: 's' })
  })
})

describe('share-link configuration', () => {
  const secret = 'k'.repeat(32)

  it('takes a current secret of 32+ bytes and previous ones with the end of their grace', () => {
    const config = loadConfig({
      SHARE_LINK_SECRET: secret,
      SHARE_LINK_PREVIOUS_SECRETS: `${'p'.repeat(40)}@2027-01-08T00:00:00Z, ${'q'.repeat(32)}@2027-01-01T12:00:00+01:00`,
      PUBLIC_BASE_URL: 'https://planner.example.com/api/',
    })
    expect(config.SHARE_LINK_SECRET).toBe(secret)
    expect(config.SHARE_LINK_PREVIOUS_SECRETS).toEqual([
      { secret: 'p'.repeat(40), until: new Date('2027-01-08T00:00:00Z') },
      { secret: 'q'.repeat(32), until: new Date('2027-01-01T11:00:00Z') },
    ])
    expect(config.PUBLIC_BASE_URL).toBe('https://planner.example.com/api')
    expect(loadConfig({}).SHARE_LINK_PREVIOUS_SECRETS).toEqual([])
  })

  it('refuses short secrets, entries without an end, and a base URL with a query', () => {
    const problems = (source: Record<string, string>) => {
      try {
        loadConfig(source)
        return ''
      } catch (error) {
        return (error as { problems: string[] }).problems.join('\n')
      }
    }
    expect(problems({ SHARE_LINK_SECRET: 'short' })).toContain('at least 32 bytes')
    // Bytes, not characters: 11 three-byte characters are 33 bytes.
    expect(problems({ SHARE_LINK_SECRET: '€'.repeat(11) })).toBe('')
    expect(problems({ SHARE_LINK_PREVIOUS_SECRETS: secret })).toContain('<secret>@<until>')
    expect(problems({ SHARE_LINK_PREVIOUS_SECRETS: `${secret}@tomorrow` })).toContain('<secret>@<until>')
    expect(problems({ SHARE_LINK_PREVIOUS_SECRETS: `short@2027-01-08T00:00:00Z` })).toContain(
      'at least 32 bytes',
    )
    expect(problems({ PUBLIC_BASE_URL: 'https://planner.example.com/?x=1' })).toContain('PUBLIC_BASE_URL')
    expect(problems({ PUBLIC_BASE_URL: 'ftp://planner.example.com' })).toContain('PUBLIC_BASE_URL')
  })

  it('requires the secret in production, where a per-process secret would break links', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SHARE_LINK_SECRET: required when NODE_ENV=production/,
    )
    expect(loadConfig({ NODE_ENV: 'production', SHARE_LINK_SECRET: secret }).SHARE_LINK_SECRET).toBe(secret)
    expect(loadConfig({ NODE_ENV: 'development' }).SHARE_LINK_SECRET).toBeUndefined()
  })
})
