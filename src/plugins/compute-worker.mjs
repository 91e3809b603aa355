// The file every compute worker thread starts from (plain JavaScript: it runs before TypeScript can be loaded).
//
// The service runs its TypeScript sources through tsx everywhere. A worker thread inherits its parent's
// execArgv, so under `npm start` (tsx src/server.ts) and `node --import tsx src/server.ts` tsx's loader is
// already registered in the worker and the entry imports as is. Under vitest the parent transforms
// TypeScript itself, with no Node loader to inherit: then tsx's tsImport loads the entry (and everything it
// imports) through a loader scoped to that import. The entry's default export handles each task.
//
// Each task arrives in an envelope with a `started` port: the worker posts on it the moment it takes the
// task up, so the pool's deadline counts the computation itself, not the wait for a free (or new) worker.
import { workerData } from 'piscina'

const { entry } = workerData

async function load() {
  try {
    return await import(entry)
  } catch (error) {
    if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
    const { tsImport } = await import('tsx/esm/api')
    return tsImport(entry, import.meta.url)
  }
}

const module = await load()
const handler = module.default
if (typeof handler !== 'function') throw new Error(`${entry} has no default export to run tasks with`)

export default function run({ task, started }) {
  started.postMessage(null)
  started.close()
  return handler(task)
}
