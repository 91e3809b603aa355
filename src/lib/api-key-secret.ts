import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * API key secrets: `ccp_` + 40 random base62 characters (≈238 bits from a CSPRNG) + a 6-character
 * checksum, in the style GitHub uses, so secret scanners can recognise our keys and a typo is rejected
 * before any database lookup. Only the SHA-256 of a secret is stored (fine for high-entropy secrets,
 * unlike passwords); the first 12 characters are kept for display.
 */
export const KEY_PREFIX = 'ccp_'
const BODY_LENGTH = 40
const CHECKSUM_LENGTH = 6
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

function toBase62(bytes: Buffer, length: number): string {
  let out = ''
  // Rejection sampling keeps every character uniform (248 = 4 × 62).
  for (const byte of bytes) {
    if (byte < 248) out += BASE62[byte % 62]
    if (out.length === length) return out
  }
  return out + toBase62(randomBytes(length), length - out.length)
}

function checksum(body: string): string {
  const digest = createHash('sha256').update(body).digest()
  let value = digest.readUInt32BE(0) * 0x10000 + digest.readUInt16BE(4)
  let out = ''
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out
    value = Math.floor(value / 62)
  }
  return out
}

/** A new random secret; shown to the caller once and never stored. */
export function generateSecret(): string {
  const body = toBase62(randomBytes(BODY_LENGTH * 2), BODY_LENGTH)
  return `${KEY_PREFIX}${body}${checksum(body)}`
}

/**
 * False for a secret in our format whose checksum is wrong (a typo or a forgery, rejected offline).
 * Secrets in another format (an operator's bootstrap key) pass; the hash lookup decides them.
 */
export function passesChecksum(secret: string): boolean {
  if (!secret.startsWith(KEY_PREFIX)) return true
  const rest = secret.slice(KEY_PREFIX.length)
  if (rest.length !== BODY_LENGTH + CHECKSUM_LENGTH) return false
  return checksum(rest.slice(0, BODY_LENGTH)) === rest.slice(BODY_LENGTH)
}

/** Hex SHA-256 of a secret: what the database stores and looks keys up by. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** Constant-time comparison of two hex digests; false (never a throw) when lengths differ. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

/** What people see of a key: enough to tell keys apart, too little to use. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, 12)
}
