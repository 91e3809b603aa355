import { z } from 'zod'

/**
 * The configuration of share-link signing (docs/spreadsheets.md, "Share links"): the current secret, the
 * previous ones still honoured during their grace period, and the public address links point at.
 */

/** Fewest bytes (UTF-8) of a signing secret: 256 bits, the size of the HMAC-SHA256 key. */
export const MIN_SHARE_LINK_SECRET_BYTES = 32
/** Most previous secrets kept at once (each costs one HMAC per link request until its grace ends). */
export const MAX_PREVIOUS_SHARE_LINK_SECRETS = 5

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8')

const secretText = (what: string) =>
  z
    .string()
    .trim()
    .max(512, `${what} must be at most 512 characters`)
    .refine(
      (value) => byteLength(value) >= MIN_SHARE_LINK_SECRET_BYTES,
      `${what} must be at least ${MIN_SHARE_LINK_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`)`,
    )
    .refine((value) => !/[\s,]/.test(value), `${what} must not contain spaces or commas`)

/** `SHARE_LINK_SECRET`: signs every new link and verifies links until it is rotated out. */
export const shareLinkSecret = secretText('the secret')

/** A secret that verifies (never signs) links until `until`. */
export interface PreviousSecret {
  secret: string
  until: Date
}

// An ISO 8601 instant with an offset (`2027-01-08T00:00:00Z`), as the API writes instants.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * `SHARE_LINK_PREVIOUS_SECRETS`: comma-separated `<secret>@<until>` entries, `until` an ISO 8601 instant
 * with an offset. A link signed with such a secret verifies until `until` (its grace period), then is
 * refused like a tampered one; an entry whose grace has ended is inert, so a stale entry never stops a start.
 */
export const previousShareLinkSecrets = z
  .string()
  .transform((text, ctx): PreviousSecret[] => {
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
    if (entries.length > MAX_PREVIOUS_SHARE_LINK_SECRETS) {
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_PREVIOUS_SHARE_LINK_SECRETS} previous secrets` })
      return z.NEVER
    }
    const parsed: PreviousSecret[] = []
    entries.forEach((entry, index) => {
      const at = entry.lastIndexOf('@')
      const until = at < 0 ? '' : entry.slice(at + 1)
      const time = INSTANT.test(until) ? Date.parse(until) : Number.NaN
      if (at < 0 || Number.isNaN(time)) {
        ctx.addIssue({
          code: 'custom',
          message: `entry ${index + 1} must be <secret>@<until>, until an ISO 8601 instant such as 2027-01-08T00:00:00Z`,
        })
        return
      }
      const secret = secretText(`the secret of entry ${index + 1}`).safeParse(entry.slice(0, at))
      if (!secret.success) {
        for (const issue of secret.error.issues) ctx.addIssue({ code: 'custom', message: issue.message })
        return
      }
      parsed.push({ secret: secret.data, until: new Date(time) })
    })
    return parsed
  })
  .default([])

/** `PUBLIC_BASE_URL`: where clients reach the service (scheme, host, optional path prefix; no query). */
export const publicBaseUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }))
  .refine((value) => {
    const url = new URL(value)
    return url.search === '' && url.hash === '' && url.username === '' && url.password === ''
  }, 'must be a scheme, a host and optionally a path, without query, fragment or credentials')
  .transform((value) => value.replace(/\/+$/, ''))
