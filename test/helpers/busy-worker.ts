/**
 * A compute-pool worker for tests of the pool itself (test/integration/compute-jobs.test.ts): each task holds its
 * worker for `ms` milliseconds (a busy loop, as a computation would) and answers when it started and ended.
 */
export default function busy({ label, ms }: { label: string; ms: number }) {
  const started = Date.now()
  while (Date.now() - started < ms) {
    // busy
  }
  return { label, started, ended: Date.now() }
}
