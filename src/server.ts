import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config/env.js'
import { PRESSURE_SAMPLE_INTERVAL_MS } from './plugins/pressure.js'

/** Entry point: load the config, build the app, listen, and shut down gracefully on signals. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
  const started = performance.now()
  const app = await buildApp(config)
  // On SIGTERM/SIGINT: stop accepting, answer new requests with 503, let in-flight ones finish, then
  // close the database (the last onClose hook). A second signal, or the grace delay, exits at once.
  closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an unexpected error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })
  await app.listen({ port: config.PORT, host: config.HOST })
  // Load shedding judges the event loop by its last sample, and the first one covers the boot: let two samples
  // pass so the first requests are not refused for a lag that is over.
  await new Promise((resolve) => setTimeout(resolve, 2 * PRESSURE_SAMPLE_INTERVAL_MS + 20))
  app.log.info(
    { database: app.db.kind, startupMs: Math.round(performance.now() - started), docs: '/docs' },
    'commitment planner ready',
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
