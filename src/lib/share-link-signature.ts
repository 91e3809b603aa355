import { createHmac, timingSafeEqual } from 'node:crypto'
import type { PreviousSecret } from '../config/share-link-secrets.js'

/**
 * Signing and verifying share links (docs/spreadsheets.md, "Share links"): HMAC-SHA256 over a canonical
 * description of the one request a link allows, in the manner of S3's presigned URLs. Pure functions; the
 * service looks the link up and decides expiry and revocation.
 */

/** The query parameters a share link adds to its resource's URL (reserved: no shareable route may use them). */
export const LINK_PARAMS = { id: 'link', expires: 'exp', signature: 'sig' } as const
export const RESERVED_QUERY_NAMES: ReadonlySet<string> = new Set(Object.values(LINK_PARAMS))

/** Names the signature scheme, so a future scheme can never verify against this one's strings. */
const SCHEME = 'CCP1-HMAC-SHA256'

/** What a signature covers: the one request the link allows. */
export interface SignedRequest {
  /** Always GET: a link only reads (a HEAD is a GET without the body). */
  method: 'GET'
  /** {@link canonicalPath} of the resource. */
  path: string
  organizationId: string
  linkId: string
  /** {@link canonicalQuery} of the resource's own parameters (without the link's). */
  query: string
  /** Unix seconds. */
  expires: number
}

/** The secrets that verify links: the current one (which also signs) and earlier ones in their grace period. */
export interface SigningSecrets {
  current: string
  previous: readonly PreviousSecret[]
}

/**
 * One line per field, newline-separated: no field can hold a newline (paths and queries are
 * percent-encoded, ids are uuids, the expiry digits), so no two requests share a string.
 */
export function stringToSign(request: SignedRequest): string {
  return [
    SCHEME,
    request.method,
    request.path,
    request.organizationId,
    request.linkId,
    request.query,
    String(request.expires),
  ].join('\n')
}

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest()

/** The signature of `request` with the current secret: 64 lowercase hex digits. */
export function sign(secrets: SigningSecrets, request: SignedRequest): string {
  return hmac(secrets.current, stringToSign(request)).toString('hex')
}

const SIGNATURE = /^[0-9a-f]{64}$/

/**
 * True when `signature` is the HMAC of `request` under the current secret or a previous one whose grace
 * period has not ended at `now`. Compared in constant time; every candidate is computed, so the time taken
 * says nothing about which secret, if any, matched.
 */
export function verifySignature(
  secrets: SigningSecrets,
  request: SignedRequest,
  signature: string,
  now: Date,
): boolean {
  if (!SIGNATURE.test(signature)) return false
  const presented = Buffer.from(signature, 'hex')
  const text = stringToSign(request)
  const candidates = [secrets.current, ...secrets.previous.filter((p) => p.until > now).map((p) => p.secret)]
  let matched = false
  for (const secret of candidates) {
    if (timingSafeEqual(hmac(secret, text), presented)) matched = true
  }
  return matched
}

/**
 * A path as links sign it: each segment decoded and encoded again (so `%7E` and `~` are one path, as the
 * router sees them), without a trailing slash (the router ignores it). Null for a malformed encoding.
 */
export function canonicalPath(path: string): string | null {
  const segments = path.split('/')
  if (segments.length > 2 && segments.at(-1) === '') segments.pop()
  try {
    return segments.map((segment) => encodeURIComponent(decodeURIComponent(segment))).join('/')
  } catch {
    return null
  }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Parameters as links sign and store them: `key=value` pairs, percent-encoded, sorted by key then value. */
export function canonicalQuery(entries: Iterable<readonly [string, string]>): string {
  return [...entries]
    .sort(([ak, av], [bk, bv]) => byCodeUnits(ak, bk) || byCodeUnits(av, bv))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&')
}

/**
 * The resource's own parameters of a parsed query (as Fastify parsed it: what the route will see), every
 * value of a repeated key included and the link's own parameters left out.
 */
export function resourceParams(query: unknown): [string, string][] {
  const entries: [string, string][] = []
  if (query === null || typeof query !== 'object') return entries
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (RESERVED_QUERY_NAMES.has(key)) continue
    for (const item of Array.isArray(value) ? value : [value]) entries.push([key, String(item)])
  }
  return entries
}

/** The link's own parameters of a request, as sent (unchecked), or null when it carries none of them. */
export interface PresentedLink {
  id: unknown
  expires: unknown
  signature: unknown
}

export function presentedLink(query: unknown): PresentedLink | null {
  if (query === null || typeof query !== 'object') return null
  const q = query as Record<string, unknown>
  if (!(LINK_PARAMS.id in q) && !(LINK_PARAMS.expires in q) && !(LINK_PARAMS.signature in q)) return null
  return { id: q[LINK_PARAMS.id], expires: q[LINK_PARAMS.expires], signature: q[LINK_PARAMS.signature] }
}
