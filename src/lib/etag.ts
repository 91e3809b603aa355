import { PreconditionFailedError, PreconditionRequiredError } from './errors.js'

/** Strong ETag of a versioned resource. */
export function etagOf(id: string, version: number): string {
  return `"${id}:${version}"`
}

/**
 * The version an `If-Match` header asks for. Missing → 428 (updates must be conditional); an ETag of
 * another resource, a weak or malformed one → 412 (strong comparison never matches them).
 */
export function versionFromIfMatch(header: string | undefined, id: string): number {
  if (header === undefined || header.trim() === '') {
    throw new PreconditionRequiredError('Send If-Match with the ETag from your last read of this resource.')
  }
  const match = /^"([^":]+):(\d{1,9})"$/.exec(header.trim())
  if (!match || match[1] !== id) {
    throw new PreconditionFailedError('The If-Match ETag does not match this resource.')
  }
  return Number(match[2])
}
