import { randomBytes } from 'node:crypto'
import type { Config } from '../../config/env.js'
import type { SigningSecrets } from '../../lib/share-link-signature.js'

/**
 * The secrets that sign and verify share links, from the configuration. Without `SHARE_LINK_SECRET` (allowed
 * only outside production: `loadConfig` requires it when NODE_ENV=production) the process draws a random
 * secret of its own — never a fixed default, so no link is forgeable — and warns: its links stop working
 * when it restarts, and other instances refuse them.
 */
export function signingSecrets(
  config: Pick<Config, 'SHARE_LINK_SECRET' | 'SHARE_LINK_PREVIOUS_SECRETS'>,
  warn: (message: string) => void,
): SigningSecrets {
  let current = config.SHARE_LINK_SECRET
  if (current === undefined) {
    current = randomBytes(32).toString('base64url')
    warn(
      'SHARE_LINK_SECRET is not set: share links are signed with a random secret of this process and stop ' +
        'working when it restarts (set it, 32+ bytes, for links that last; it is required when NODE_ENV=production)',
    )
  }
  return { current, previous: config.SHARE_LINK_PREVIOUS_SECRETS }
}
