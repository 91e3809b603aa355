import { Writable } from 'node:stream'
import { move } from 'piscina'
import { decodePriceBook } from '../../domain/codec.js'
import { buildWorkbook } from './build.js'
import type { WorkbookTask } from './workbook.protocol.js'
import { workbookData } from './workbook-data.js'

/**
 * Writes a workbook on a compute worker thread (the plan worker's entry dispatches `kind: 'workbook'` here):
 * validating the stored inputs again, laying the sheets out and writing about two million cells of XML through
 * exceljs and its zip are seconds of CPU for a 10,000-workload plan, which on the main thread would hold every
 * other request back. The file is collected in memory and its bytes moved back to the main thread.
 */
export async function workbookTask({ inputs }: WorkbookTask) {
  const data = workbookData(inputs, decodePriceBook(inputs.book))
  const chunks: Buffer[] = []
  let size = 0
  // Taken as written: nothing downstream is slower than memory, so the writer never waits for a drain.
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      size += chunk.byteLength
      done()
    },
  })
  await buildWorkbook(data, out)
  // A buffer of the file's own (Buffer.concat may hand out a slice of Node's shared pool, which cannot be moved).
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return move(bytes)
}
