/** API key scopes. They nest: `admin` can do what `write` can, and `write` what `read` can. */
export const SCOPES = ['read', 'write', 'admin'] as const
export type Scope = (typeof SCOPES)[number]

const RANK: Record<Scope, number> = { read: 0, write: 1, admin: 2 }

/** True when a key holding `granted` scopes may perform an operation that needs `required`. */
export function allows(granted: readonly string[], required: Scope): boolean {
  return granted.some((scope) => scope in RANK && RANK[scope as Scope] >= RANK[required])
}
