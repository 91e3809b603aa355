// Generated from openapi.yaml by `npm run client:generate` (openapi-typescript); do not edit.
// `npm run openapi:check` and test/integration/typed-client.test.ts fail when it is out of date.
export interface paths {
  '/healthz': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Liveness probe
     * @description Answers 200 while the process is up.
     */
    get: operations['getHealth']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/readyz': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Readiness probe
     * @description Answers 200 when the database answers within 1.5 s, 503 (with Retry-After) otherwise.
     */
    get: operations['getReadiness']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/models': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List models and their prices
     * @description Every model of a price book (default: the built-in Anthropic list prices) with input, output, cache and batch prices in USD per million tokens, minimum cacheable prefix, tokenizer ratio, long-context bands and lifecycle dates. Models are named by dated id or alias (`claude-opus-4-5`) wherever a request takes one. Listed by family — Opus, Sonnet, Haiku, then other families alphabetically — and newest version first within a family. Each model’s `source` (references and notes) only with `?include=source`.
     */
    get: operations['listModels']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/models/{model}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Look up one model
     * @description One model by dated id (`claude-opus-4-5-20251101`) or alias (`claude-opus-4-5`), case-insensitive, with its prices in a price book (default: the built-in Anthropic list prices); its `source` only with `?include=source`. An unknown name is a 404 that suggests the nearest names of the book.
     */
    get: operations['getModel']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/price-books': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List price books
     * @description The built-in books and your organization’s own, oldest first, with cursor pagination.
     */
    get: operations['listPriceBooks']
    put?: never
    /**
     * Create a price book (negotiated rates)
     * @description Creates a book owned by your organization, from `models` or copied from another book (`basedOn`), optionally with a uniform `discountOffList` taken off every per-token price of the copy (rounded half up to 10 decimals). `discountOffList` without `basedOn`, or with `models`, is a 422. Send an `Idempotency-Key` to make retries safe.
     */
    post: operations['createPriceBook']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/price-books/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Get a price book with its models
     * @description By id or slug. The `ETag` header is what `PATCH` and `DELETE` take in `If-Match`.
     */
    get: operations['getPriceBook']
    put?: never
    post?: never
    /**
     * Delete a price book
     * @description Deletes one of your books (409 while portfolios or scenarios use it). Requires `If-Match` with the ETag of your last read, as every delete does. Built-in books are read-only (403).
     */
    delete: operations['deletePriceBook']
    options?: never
    head?: never
    /**
     * Update a price book
     * @description Changes the fields given; `models` replaces the whole model list. Requires `If-Match` with the ETag of your last read: a stale one is a 412 and changes nothing. Built-in books are read-only (403).
     */
    patch: operations['updatePriceBook']
    trace?: never
  }
  '/v1/price-books/{id}/models/{model}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Get one model of a price book
     * @description One model of a book (book by id or slug; model by dated id or alias, case-insensitive), its `source` included. The `ETag` header is the book’s: the one `PATCH` on this path takes in `If-Match`. An unknown model is a 404 that suggests the nearest names of the book.
     */
    get: operations['getPriceBookModel']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /**
     * Update one model of a price book
     * @description Changes the fields given of one model — any of a model’s fields but `modelId`, which the path names (by id or alias, case-insensitive) — instead of resending every model; `aliases` and `longContextBands` replace their lists. Requires `If-Match` with the book’s ETag (from `GET` on the book or on this path): missing is a 428, stale a 412, and nothing is changed. The book’s version goes up by one; the answer is the whole book with its new `ETag`. An unknown or read-only field is a 400, an unknown model a 404 that suggests the nearest names, a name another model of the book has a 422. Built-in books are read-only (403).
     */
    patch: operations['updatePriceBookModel']
    trace?: never
  }
  '/v1/api-keys': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List API keys
     * @description Your organization’s keys (never their secrets). Needs the `admin` scope.
     */
    get: operations['listApiKeys']
    put?: never
    /**
     * Create an API key
     * @description Returns the secret once (with `Cache-Control: no-store`); only its hash is stored. Send an `Idempotency-Key` to make retries safe: a replay answers with the same key’s metadata and `secret: null`, because the secret is never stored — a client that lost it revokes the key and creates another. Needs the `admin` scope.
     */
    post: operations['createApiKey']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/api-keys/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Revoke an API key
     * @description The key stops working at once. Needs the `admin` scope.
     */
    delete: operations['revokeApiKey']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/plans/preview': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Preview a plan for an inline portfolio
     * @description Computes everything for an inline portfolio without storing it: spend today (`baseline`), after
     *     each lever on its schedule (`optimized`) and fully adopted (`fullyOptimized`), month by month and per workload;
     *     the waterfall in the order the levers are listed and the order-independent Shapley split; the recommended
     *     commitment from a seeded Monte Carlo (same seed, same answer) with every tier, the proposed commit and a
     *     commitment sized on today's baseline side by side; and warnings such as stranded commitment.
     *
     *     Money is a decimal string in and out. Figures are rounded once, when presented: cents, or whole dollars for
     *     simulated commitment figures.
     *
     *     **Limits:** at most 10,000 workloads, 120 term months,
     *     360,000 workload-months (workloads × months),
     *     20,000 simulations and a 16 MiB body. **Cost budget:**
     *     workload-months × simulations (default 2,000) at most 1,440,000,000 — 10,000 workloads over 36 months
     *     with 4,000 runs fits — else a 422 `PLAN_TOO_LARGE` pointing at `/commitment/simulations`.
     *
     *     Plans are computed on worker threads. **Per API key**, a few computations may run or wait at once; beyond
     *     them the answer is a 429 `CONCURRENCY_LIMITED` with `Retry-After`. When every worker is busy and the queue
     *     is full the answer is a 503 `OVERLOADED`, and a computation that runs past its deadline is stopped: a 503
     *     `DEADLINE_EXCEEDED`; both with `Retry-After`.
     *
     *     Needs the `read` scope (nothing is stored).
     */
    post: operations['previewPlan']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List portfolios
     * @description Your organization’s portfolios, oldest first, with cursor pagination; archived ones only with `includeArchived=true`.
     */
    get: operations['listPortfolios']
    put?: never
    /**
     * Create a portfolio
     * @description A set of workloads that a commitment would cover, and the scenarios planned over them. Its default price book (id or slug; default: the built-in list prices) is what its scenarios use unless they name their own. Names are unique within your organization. Send an `Idempotency-Key` to make retries safe. Needs the `write` scope.
     */
    post: operations['createPortfolio']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Get a portfolio
     * @description The `ETag` header is what `PATCH` and `DELETE` take in `If-Match`.
     */
    get: operations['getPortfolio']
    put?: never
    post?: never
    /**
     * Delete (or archive) a portfolio
     * @description Deletes the portfolio and its workloads. A portfolio that has scenarios is **archived** instead: kept, read-only, and listed only with `includeArchived=true`; the answer says which happened. Requires `If-Match`.
     */
    delete: operations['deletePortfolio']
    options?: never
    head?: never
    /**
     * Update a portfolio
     * @description Changes the fields given. Requires `If-Match` with the ETag of your last read: a stale one is a 412 and changes nothing. A new default price book changes the plans of the scenarios that use it. Archived portfolios are read-only (409).
     */
    patch: operations['updatePortfolio']
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/workloads': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List a portfolio’s workloads
     * @description In the order they were added (the order a plan lists them in), with cursor pagination. With `format=csv`, or an `Accept` header preferring `text/csv`, **every** workload as one CSV table (RFC 4180, UTF-8, streamed, as an attachment): one row each, in list order, the columns `name`, `kind`, `team`, `tags`, `model`, `requestsPerMonth`, `inputTokensPerRequest`, `outputTokensPerRequest`, `userWaiting`, `cacheablePrefixTokens`, `currentCacheHitRate`, `targetCacheHitRate`, `cacheTtl`, `currentBatchShare`, `targetBatchShare`, `routeToModel`, `routableShare`, `monthlyGrowthRate`, `inferenceGeo`, `observedMonthlySpend` — those the import reads, so an export imports again as it is. Amounts, rates and counts are plain numbers; text that a spreadsheet would run as a formula is prefixed with `'`. Needs the `read` scope. Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['listWorkloads']
    put?: never
    /**
     * Add workloads to a portfolio
     * @description One workload, or several as `{ "workloads": [...] }` — created together or not at all. Every field of a preview’s workload, validated the same way (models are checked against the portfolio’s default price book), plus `team` and `tags`. Names are unique within the portfolio. A portfolio holds at most 10,000 workloads (what one plan computes). Send an `Idempotency-Key` to make retries safe. Needs the `write` scope.
     */
    post: operations['createWorkloads']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/workloads/{workloadId}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Get a workload
     * @description The `ETag` header is what `PATCH` and `DELETE` take in `If-Match`.
     */
    get: operations['getWorkload']
    put?: never
    post?: never
    /**
     * Delete a workload
     * @description Requires `If-Match`. Every scenario of the portfolio is recomputed on its next read.
     */
    delete: operations['deleteWorkload']
    options?: never
    head?: never
    /**
     * Update a workload
     * @description Changes the fields given (`null` resets an optional one to its default). Requires `If-Match`: a stale ETag is a 412 and changes nothing. Every scenario of the portfolio is recomputed on its next read.
     */
    patch: operations['updateWorkload']
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/workloads/import/template': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Download the CSV template of workloads
     * @description The exact header row the import reads — the same columns, in the same order, as the CSV export — and one example row that imports into this portfolio as it is (a name it does not have yet, models of its price book). Needs the `read` scope. Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['getWorkloadImportTemplate']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/workloads/import': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Import workloads from a CSV file
     * @description A CSV file (RFC 4180, UTF-8, `Content-Type: text/csv`): a header row, then one row per workload. The columns are those of the export and the template: `name`, `kind`, `team`, `tags`, `model`, `requestsPerMonth`, `inputTokensPerRequest`, `outputTokensPerRequest`, `userWaiting`, `cacheablePrefixTokens`, `currentCacheHitRate`, `targetCacheHitRate`, `cacheTtl`, `currentBatchShare`, `targetBatchShare`, `routeToModel`, `routableShare`, `monthlyGrowthRate`, `inferenceGeo`, `observedMonthlySpend`; `name`, `model`, `requestsPerMonth`, `inputTokensPerRequest`, `outputTokensPerRequest`, `userWaiting` are required, the others may be left out (an empty cell is the field’s default). Cells are trimmed; `,`, `;` or tab delimits them (read from the header row); a byte-order mark, CRLF and line breaks inside quoted cells are read. Each row is checked as `POST …/workloads` checks a workload — the same rules and wording, models against the portfolio’s price book — and **all or nothing**: one bad row is a 422 `INVALID_ROWS` listing every problem (`errors[]`: `row`, 1 = the first row after the header; `line` of the file; `column`; `value`) and nothing is written. A header that is not the table’s (unknown, missing or repeated columns), quoting that does not close, bytes that are not UTF-8 are a 422 `INVALID_CSV`. Limits: 10,485,760 bytes (413 beyond), 10,000 rows (what a portfolio holds), 100 columns, 32,767 characters per cell. `mode=create` (default): a name the portfolio already has, or that the file repeats, is a bad row; `mode=upsert`: a row whose name exists replaces that workload’s fields given by the file’s columns (a column the file lacks is kept). `dryRun=true` answers what the import would (the same report or the same 422) and writes nothing. The workloads and their history are written in one transaction, and the portfolio’s scenarios are recomputed on their next read. Send an `Idempotency-Key` to make retries safe. Needs the `write` scope.
     */
    post: operations['importWorkloads']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/imports/anthropic-usage': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Import workloads from an Anthropic usage report
     * @description Turns pages of an Anthropic Admin API usage report (`GET /v1/organizations/usage_report/messages`, as returned, grouped at least by `model`) and optionally a cost report (`GET /v1/organizations/cost_report`) into baseline workloads: one per group of the `grouping` dimensions (default: model, plus workspace, API key, service tier, context window, inference geo and speed where the report carries them), each with its monthly requests, input, output and cacheable-prefix tokens per request, current cache hit rate and batch share, and observed monthly spend (from the cost report, else the usage priced with the portfolio’s price book). The report’s days are scaled to an average month (365.2425 ÷ 12 days). The usage report counts tokens, not requests: give `volume.outputTokensPerRequest` (or `inputTokensPerRequest`), or `groups[].requests`. `?dryRun=true` answers 200 with the workloads it would create and writes nothing; otherwise 201, created through the bulk create (same checks, history, all or nothing; `Idempotency-Key` covers this request). A page that is not such a report, or buckets that overlap, are a 400 pointing into the body; a report that cannot become workloads (no usage, a model the price book lacks, no request volume) a 422 saying why. Limits: 500 pages per report, 1,440 buckets per page and 50,000 in all, 100,000 results per report, 1,000 `groups` entries, a 16 MiB body. Details and a worked example: docs/spreadsheets.md. Needs the `write` scope.
     */
    post: operations['importAnthropicUsage']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/scenarios': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List a portfolio’s scenarios
     * @description Oldest first, with cursor pagination.
     */
    get: operations['listScenarios']
    put?: never
    /**
     * Create a scenario
     * @description A term, the levers in the order they are pulled with their schedule, and commitment settings (all a preview’s `commitment` takes), with an optional price book overriding the portfolio’s default. `basedOn` copies another scenario of the portfolio; the fields given replace its own. Levers and commitment are checked as a plan would check them. Names are unique within the portfolio. Send an `Idempotency-Key` to make retries safe. Needs the `write` scope.
     */
    post: operations['createScenario']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/scenarios/{scenarioId}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Get a scenario
     * @description Its inputs; the plan is at `…/projection`. The `ETag` is what `PATCH` and `DELETE` take.
     */
    get: operations['getScenario']
    put?: never
    post?: never
    /**
     * Delete a scenario
     * @description With its stored plan. Requires `If-Match`.
     */
    delete: operations['deleteScenario']
    options?: never
    head?: never
    /**
     * Update a scenario
     * @description Changes the fields given; `levers` and `commitment` are replaced whole. Requires `If-Match`: a stale ETag is a 412 and changes nothing. The plan is recomputed on its next read.
     */
    patch: operations['updateScenario']
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/projection': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The scenario’s whole plan
     * @description Everything `POST /v1/plans/preview` answers, for the stored portfolio and scenario: the same body, figure for figure, for the same inputs, with the same `include`. The plan is computed once per revision of its inputs — the portfolio’s workloads, the scenario and the price book — on the worker pool, and kept: later reads are served from storage with a strong `ETag` (`If-None-Match` → 304). Any change to an input makes the next read compute it again. The first read of a large plan takes as long as its preview; a plan that cannot be computed is a 422 saying why. Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['getProjection']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/recommendation': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The recommended commitment
     * @description The recommendation, every option side by side and the warnings of the scenario’s plan. The plan is computed once per revision of its inputs — the portfolio’s workloads, the scenario and the price book — on the worker pool, and kept: later reads are served from storage with a strong `ETag` (`If-None-Match` → 304). Any change to an input makes the next read compute it again. The first read of a large plan takes as long as its preview; a plan that cannot be computed is a 422 saying why.
     */
    get: operations['getRecommendation']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/comparison': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Compare scenarios side by side
     * @description Term totals, savings by lever (waterfall and Shapley), the recommended commitment, stranded amounts and warning counts by code of each scenario, and which one pays least (lowest expected payment under its recommended commitment). At most 10 scenarios; their plans are computed as their projections are (once per input revision). As CSV (`?format=csv` or `Accept: text/csv`), one row per scenario with the columns of docs/spreadsheets.md. Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['compareScenarios']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/tables/{table}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * One table of the scenario’s plan, as CSV or JSON
     * @description A table of the stored plan, one row per item, in a documented and stable column order (docs/spreadsheets.md): `months` (the portfolio month by month), `years` (contract years), `workloads` (each workload’s figures), `workload-months` (each workload month by month — 360,000 rows for 10,000 workloads over 36 months, streamed), `waterfall`, `shapley`, `options` and `warnings`. Workloads are identified by id and name. The figures are the projection’s own. CSV (`?format=csv` or `Accept: text/csv`; RFC 4180, UTF-8, a header row) writes amounts and rates as plain numbers and neutralizes text a spreadsheet would run as a formula (a leading `'`); JSON is `{ table, scenarioId, currency, columns, rows }`, an object per row with the same keys in the same order. The plan is computed once per revision of its inputs, as the projection is; each representation has its own strong `ETag` (`If-None-Match` → 304). An unknown table is a 400 listing the tables. Needs `read`. Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['getScenarioTable']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/focus': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The scenario’s plan as a FOCUS 1.3 dataset (CSV)
     * @description The FinOps Open Cost and Usage Specification (FOCUS) 1.3 form of the stored plan, for FinOps tools. `dataset=cost-and-usage`: one row per workload and month of the projected (deterministic optimized) spend — ListCost, ContractedCost, EffectiveCost, BilledCost — with the recommended commitment bought up front (ChargeCategory Purchase, one per contract year under `structure: annual`, one for the term otherwise) and drawn down month by month (CommitmentDiscount* columns, Status Used), usage beyond it billed as the overage terms say, and what it leaves unconsumed as an Unused row. `dataset=contract-commitment`: the recommended commitment as Contract Commitment rows (Category Spend), joined to the cost rows by ContractCommitmentId = CommitmentDiscountId. Every Mandatory column of the dataset is present; the mapping is in docs/spreadsheets.md. Computed once per plan revision, with a strong `ETag` (`If-None-Match` → 304). Needs `read`. Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['getScenarioFocus']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/charts/{chart}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * A chart of the scenario’s plan, as SVG or PNG
     * @description Three charts, each as SVG or PNG: `waterfall` (the baseline term spend, one step per lever in the scenario’s order, the optimized spend, in dollars and percent of the baseline); `forecast` (monthly baseline, optimized and fully optimized spend, the simulation’s P10–P90 band, and the recommended, proposed and baseline-sized commitments per month — per contract year under `structure: annual` — so money a commitment would strand shows as the gap above the band); `years` (each contract year’s baseline and optimized spend, its simulated P10–P90 and its commitment). Drawn on the server without a browser: an accessible `<title>` and `<desc>` stating the key figures, colours and dash patterns that survive greyscale printing, and every bar and point carrying its exact figure in `data-` attributes (docs/charts.md). The same plan gives the same bytes. `width`/`height` set the size; a PNG may be rendered at `scale` 2 or 3. The plan is the scenario’s stored plan, computed once per revision of its inputs as the projection is; each chart, format and size has its own strong `ETag` (`If-None-Match` → 304). An unknown chart is a 404 listing the charts. A report or a spreadsheet can pull it through a signed link (`POST /v1/share-links`), and a page of any origin can show it in an `<img>` through one (`Cross-Origin-Resource-Policy: cross-origin`). Needs `read`. Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['getScenarioChart']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/plans/preview/charts/{chart}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * A chart of a plan preview, as SVG or PNG
     * @description Three charts, each as SVG or PNG: `waterfall` (the baseline term spend, one step per lever in the scenario’s order, the optimized spend, in dollars and percent of the baseline); `forecast` (monthly baseline, optimized and fully optimized spend, the simulation’s P10–P90 band, and the recommended, proposed and baseline-sized commitments per month — per contract year under `structure: annual` — so money a commitment would strand shows as the gap above the band); `years` (each contract year’s baseline and optimized spend, its simulated P10–P90 and its commitment). Drawn on the server without a browser: an accessible `<title>` and `<desc>` stating the key figures, colours and dash patterns that survive greyscale printing, and every bar and point carrying its exact figure in `data-` attributes (docs/charts.md). The same plan gives the same bytes. `width`/`height` set the size; a PNG may be rendered at `scale` 2 or 3. The body is exactly `POST /v1/plans/preview`’s, computed the same way, on the same worker pool, with the same limits, and stored nowhere. An unknown chart is a 404 listing the charts. Needs `read` (nothing is stored).
     */
    post: operations['previewPlanChart']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/workbook': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The scenario’s plan as an Excel workbook of live formulas
     * @description The scenario’s plan as an Excel workbook whose spend is **live formulas** over its own input cells: the price book’s rows the plan uses and the scenario’s levers, tiers and overage (sheet Assumptions), and each workload’s volume, tokens, hit rates, shares, routing and growth (sheet Workloads). Change an input and the plan moves: the monthly, yearly and term spend of every workload and of the portfolio (baseline, optimized as scheduled, fully optimized), the waterfall and each option’s deterministic payment, stranded amount and coverage recalculate — to the projection’s figures within a cent when nothing is changed. The simulation’s figures (percentiles, expected payments), the Shapley values and the warnings are written as values and labelled so. Sheets: Summary (the portfolio’s totals first), Years, Waterfall, Monthly, Workloads, Workload months, Request costs, Options, Warnings, Assumptions; docs/spreadsheets.md lists every formula. No text a user wrote (a workload’s name, a model id) is ever a formula: text is written as text. The plan is the stored one, computed once per revision of its inputs like the projection; the `ETag` names that revision (`If-None-Match` → 304). A spreadsheet can pull it through a signed share link. Writing it is a computation of the API key (of a share link: of the key that made it), like a plan’s: it counts against the key’s concurrent computations (429 `CONCURRENCY_LIMITED` beyond them) and waits in the same bounded queue (503). Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['getScenarioWorkbook']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/report': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The scenario’s plan as a printable report (HTML)
     * @description The negotiation pack’s page for one scenario (docs/reports.md): the headline (scenario, portfolio, term, structure, price book), the summary figures (baseline, optimized and fully optimized term spend, savings, the recommended commitment with its discount, expected payment, stranded amount and shortfall probability, and why), the savings waterfall, the forecast with the commitments and the contract years as inline SVG charts whose `data-` attributes carry the plan’s figures, every commitment option with the recommendation highlighted and its basis, the warnings in plain language with their amounts, the annual view, the assumptions and the price book rows used. It prints cleanly on A4 and on Letter (a print stylesheet: margins only, each section on a new page, no chart or table row split across pages) and is self-contained: an inline stylesheet and inline SVG charts, no script, font or image to fetch, under a Content-Security-Policy that allows nothing else. Every name is escaped. Can be opened without a key through a signed link (`POST /v1/share-links` with its path). Needs `read`. The plan is the scenario’s stored plan, computed once per revision of its inputs as the projection is, with a strong `ETag` (`If-None-Match` → 304). Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['getScenarioReport']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/comparison/report': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Scenarios side by side as a printable report (HTML)
     * @description The comparison (`GET …/comparison`, the same `?scenarios=`) as a page to decide on: which scenario pays less under its recommended commitment and by how much, in a sentence (“commit now or optimize first?”), each scenario’s recommended commitment, expected payment and stranded amount side by side, the payment difference, each one’s savings waterfall and each lever’s saving. It prints cleanly on A4 and on Letter (a print stylesheet: margins only, each section on a new page, no chart or table row split across pages) and is self-contained: an inline stylesheet and inline SVG charts, no script, font or image to fetch, under a Content-Security-Policy that allows nothing else. Every name is escaped. Can be opened without a key through a signed link (`POST /v1/share-links` with its path). Needs `read`. Its strong `ETag` names the revision of every compared plan (`If-None-Match` → 304). Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.
     */
    get: operations['getComparisonReport']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/portfolios/{portfolioId}/history': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Who changed what in a portfolio, and when
     * @description Every change to the portfolio, its workloads and its scenarios, oldest first, with cursor pagination: the API key that made it (id and name), the resource, the action, and the fields before and after. Append-only: each entry is written in the same transaction as the change it records.
     */
    get: operations['listPortfolioHistory']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/share-links': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List live share links
     * @description Your organization’s links that still work — not expired, not revoked, made by a key that is neither — oldest first, without their URLs (the signature is shown once, when a link is made). Needs the `read` scope.
     */
    get: operations['listShareLinks']
    put?: never
    /**
     * Create a share link
     * @description An absolute URL that reads one resource **without a key** — for `=IMPORTDATA(url)` in Google Sheets or `Web.Contents(url)` in Power Query — until it expires (default 15 minutes, at most 7 days) or is revoked. `path` is the resource with its own parameters: a GET operation that allows share links (its description says so). The link is signed (HMAC-SHA256 over the method, path, organization, link, parameters and expiry): any change to it, another path, expiry or revocation makes it a 403. It only reads, through a `read` context of your organization, and its answers are `Cache-Control: no-store`. The path must name a resource your organization can read now (otherwise 422) and a request the operation accepts (otherwise 400). The URL is in this answer only (sent `no-store`): treat it as a password. Send an `Idempotency-Key` to make retries safe. Needs the `read` scope (the one every shareable operation needs). Expiry: 60–604800 s.
     */
    post: operations['createShareLink']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/share-links/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Revoke a share link
     * @description The link stops working at once, on every instance (each use reads its state from the database). Revoking the API key that made a link stops the link too. Revoking twice is not an error. Needs the `read` scope.
     */
    delete: operations['revokeShareLink']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    Health: {
      /** @constant */
      status: 'ok'
    }
    Problem: {
      /** @description URI identifying the problem type. */
      type: string
      /** @description Short summary of the problem type. */
      title: string
      /** @description The HTTP status code. */
      status: number
      /** @description What went wrong in this occurrence. */
      detail: string
      /** @description The request path. */
      instance: string
      /** @description Stable machine-readable code, one of: `VALIDATION_FAILED`, `MALFORMED_JSON`, `EMPTY_JSON_BODY`, `INVALID_CONTENT_LENGTH`, `INVALID_URL`, `INCOMPLETE_REQUEST`, `MALFORMED_REQUEST`, `BAD_REQUEST`, `UNAUTHENTICATED`, `FORBIDDEN`, `SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`, `NOT_FOUND`, `METHOD_NOT_ALLOWED`, `REQUEST_TIMEOUT`, `CONFLICT`, `SLUG_TAKEN`, `IN_USE`, `NAME_TAKEN`, `ARCHIVED`, `PLAN_COMPUTING`, `WRITE_CONFLICT`, `IDEMPOTENCY_IN_PROGRESS`, `PRECONDITION_FAILED`, `PAYLOAD_TOO_LARGE`, `URI_TOO_LONG`, `UNSUPPORTED_MEDIA_TYPE`, `UNPROCESSABLE`, `UNPROCESSABLE_PLAN`, `PLAN_TOO_LARGE`, `TOO_MANY_WORKLOADS`, `INVALID_CSV`, `INVALID_ROWS`, `IDEMPOTENCY_KEY_REUSED`, `PRECONDITION_REQUIRED`, `RATE_LIMITED`, `CONCURRENCY_LIMITED`, `HEADERS_TOO_LARGE`, `INTERNAL`, `SERVICE_UNAVAILABLE`, `DEADLINE_EXCEEDED`, `OVERLOADED`. New codes may be added; treat an unknown one by its HTTP status. */
      code: string
      /** @description Quote it when asking for support; it is in our logs. */
      requestId: string
      /** @description Every field-level issue found, when there are any. */
      errors?: components['schemas']['FieldIssue'][]
    }
    FieldIssue: {
      /**
       * @description Which part of the request is wrong.
       * @enum {string}
       */
      in: 'body' | 'query' | 'path' | 'header'
      /** @description RFC 6901 JSON pointer into that part, e.g. `/workloads/3/cacheablePrefixTokens`. */
      pointer: string
      /** @description Stable machine-readable code of this issue. */
      code: string
      /** @description What is wrong, for people. */
      detail: string
      /** @description CSV bodies: the data row at fault (1 = the first row after the header, 0 = the header). */
      row?: number
      /** @description CSV bodies: the line of the file that row starts on. */
      line?: number
      /** @description CSV bodies: the column at fault, by its header. */
      column?: string
      /** @description CSV bodies: the cell as sent, shortened, with characters that cannot be stored replaced. */
      value?: string
    }
    Readiness: {
      /** @constant */
      status: 'ready'
      /** @enum {string} */
      database: 'postgres' | 'pglite'
    }
    ModelList: {
      priceBook: {
        /** Format: uuid */
        id: string
        slug: string
        name: string
        effectiveFrom: string
      }
      /** @description Opus, Sonnet, Haiku, then other families; newest version first. */
      data: components['schemas']['ModelPrice'][]
    }
    ModelPrice: {
      modelId: string
      aliases: string[]
      displayName: string
      /** @description USD per million tokens. */
      input: string
      /** @description USD per million tokens. */
      output: string
      /** @description USD per million tokens. */
      cacheWrite5m: string
      /** @description USD per million tokens. */
      cacheWrite1h: string
      /** @description USD per million tokens. */
      cacheRead: string
      batchDiscount: string
      minCacheableTokens: string
      tokenizerRatio: string
      longContextBands: {
        thresholdTokens: string
        /** @description USD per million tokens. */
        input: string
        /** @description USD per million tokens. */
        output: string
        /** @description USD per million tokens. */
        cacheWrite5m: string
        /** @description USD per million tokens. */
        cacheWrite1h: string
        /** @description USD per million tokens. */
        cacheRead: string
      }[]
      dataResidencyMultiplier: string | null
      deprecatedAt: string | null
      retiresAt: string | null
      /** @description Id of the model of this book that replaces this one, or null when the book names none. */
      successor: string | null
      effectiveFrom: string | null
      /** @description Where the prices come from (references and notes, often long). Always in a price book; in `/v1/models` answers only with `?include=source`. */
      source?: string
    }
    ModelLookup: {
      priceBook: {
        /** Format: uuid */
        id: string
        slug: string
        name: string
        effectiveFrom: string
      }
      model: components['schemas']['ModelPrice']
    }
    PriceBookPage: {
      /** @constant */
      object: 'list'
      data: components['schemas']['PriceBookSummary'][]
      /** @description True when another page follows. */
      hasMore: boolean
      /** @description Pass as `startingAfter` to fetch the next page. */
      nextCursor: string | null
    }
    PriceBookSummary: {
      /** Format: uuid */
      id: string
      slug: string
      name: string
      /** @description Built-in books are read-only and visible to every organization. */
      builtIn: boolean
      /** @constant */
      currency: 'USD'
      effectiveFrom: string
      source: string
      description: string
      /** @description Increments on every change; the ETag is derived from it. */
      version: number
      createdAt: string
      updatedAt: string
      modelCount: number
    }
    CreatePriceBookInput: {
      /** @description Short unique name used to refer to the book, e.g. `acme-2027-negotiated`. */
      slug: string
      name: string
      /**
       * Format: date
       * @description From when these prices apply: YYYY-MM-DD, 1970-01-01 to 9999-12-31.
       */
      effectiveFrom: string
      /**
       * @description Where the figures come from (contract, order form).
       * @default
       */
      source?: string
      /** @default  */
      description?: string
      /** @description Copy the models of this book (id or slug) when `models` is not given. */
      basedOn?: string
      /** @description With `basedOn` (and no `models`): a uniform discount, 0 ≤ d < 1 with at most 6 decimals (`"0.12"` = 12% off), taken off every per-token price of every copied model and band: price × (1 − d), rounded half up to 10 decimals. Batch discount, tokenizer ratio, minimum cacheable prefix, residency multiplier and dates are copied unchanged. */
      discountOffList?: number | string
      /** @description Every model of the book (replaces the whole list on update). */
      models?: components['schemas']['PriceBookModelInput'][]
    }
    PriceBookModelInput: {
      /** @description Canonical model id, e.g. `claude-opus-4-5-20251101`. */
      modelId: string
      /**
       * @description Other accepted names.
       * @default []
       */
      aliases?: string[]
      displayName: string
      /** @description Plain input, USD per million tokens. */
      input: string
      /** @description Output, USD per million tokens. */
      output: string
      /** @description Cache write with the 5-minute TTL, USD per MTok. */
      cacheWrite5m: string
      /** @description Cache write with the 1-hour TTL, USD per MTok. */
      cacheWrite1h: string
      /** @description Cache hit (read or refresh), USD per MTok. */
      cacheRead: string
      /**
       * @description Share taken off every token class of a batch request (list price: 0.5).
       * @default 0.5
       */
      batchDiscount?: string
      /** @description Shorter cacheable prefixes are billed as plain input. */
      minCacheableTokens: string
      /**
       * @description Tokens per text relative to the previous tokenizer (1, or about 1.3).
       * @default 1
       */
      tokenizerRatio?: string
      longContextBands?: {
        /** @description Above this many input tokens the whole request uses these rates. */
        thresholdTokens: string
        /** @description Plain input, USD per million tokens. */
        input: string
        /** @description Output, USD per million tokens. */
        output: string
        /** @description Cache write with the 5-minute TTL, USD per MTok. */
        cacheWrite5m: string
        /** @description Cache write with the 1-hour TTL, USD per MTok. */
        cacheWrite1h: string
        /** @description Cache hit (read or refresh), USD per MTok. */
        cacheRead: string
      }[]
      /** @description Multiplier on every price for US-only inference, where it applies (1.1). */
      dataResidencyMultiplier?: string | null
      /** @default null */
      deprecatedAt?: string | null
      /** @default null */
      retiresAt?: string | null
      /**
       * @description Id (`modelId`) of the model of this book that replaces this one; `MODEL_RETIRING` names it. Another model of the same book, never the model itself.
       * @default null
       */
      successor?: string | null
      /** @default null */
      effectiveFrom?: string | null
      /** @default  */
      source?: string
    }
    PriceBook: {
      /** Format: uuid */
      id: string
      slug: string
      name: string
      /** @description Built-in books are read-only and visible to every organization. */
      builtIn: boolean
      /** @constant */
      currency: 'USD'
      effectiveFrom: string
      source: string
      description: string
      /** @description Increments on every change; the ETag is derived from it. */
      version: number
      createdAt: string
      updatedAt: string
      models: components['schemas']['ModelPrice'][]
    }
    UpdatePriceBookInput: {
      /** @description Short unique name used to refer to the book, e.g. `acme-2027-negotiated`. */
      slug?: string
      name?: string
      /**
       * Format: date
       * @description From when these prices apply: YYYY-MM-DD, 1970-01-01 to 9999-12-31.
       */
      effectiveFrom?: string
      source?: string
      description?: string
      /** @description Every model of the book (replaces the whole list on update). */
      models?: components['schemas']['PriceBookModelInput'][]
    }
    UpdatePriceBookModelInput: {
      /** @description Other accepted names. Replaces the list. */
      aliases?: string[]
      displayName?: string
      /** @description Plain input, USD per million tokens. */
      input?: string
      /** @description Output, USD per million tokens. */
      output?: string
      /** @description Cache write with the 5-minute TTL, USD per MTok. */
      cacheWrite5m?: string
      /** @description Cache write with the 1-hour TTL, USD per MTok. */
      cacheWrite1h?: string
      /** @description Cache hit (read or refresh), USD per MTok. */
      cacheRead?: string
      /** @description Share taken off every token class of a batch request (list price: 0.5). */
      batchDiscount?: string
      /** @description Shorter cacheable prefixes are billed as plain input. */
      minCacheableTokens?: string
      /** @description Tokens per text relative to the previous tokenizer (1, or about 1.3). */
      tokenizerRatio?: string
      /** @description Replaces every band of the model; `[]` removes them. */
      longContextBands?: {
        /** @description Above this many input tokens the whole request uses these rates. */
        thresholdTokens: string
        /** @description Plain input, USD per million tokens. */
        input: string
        /** @description Output, USD per million tokens. */
        output: string
        /** @description Cache write with the 5-minute TTL, USD per MTok. */
        cacheWrite5m: string
        /** @description Cache write with the 1-hour TTL, USD per MTok. */
        cacheWrite1h: string
        /** @description Cache hit (read or refresh), USD per MTok. */
        cacheRead: string
      }[]
      /** @description Multiplier on every price for US-only inference, where it applies (1.1). `null` removes it. */
      dataResidencyMultiplier?: string | null
      deprecatedAt?: string | null
      retiresAt?: string | null
      /** @description Id (`modelId`) of the model of this book that replaces this one; `MODEL_RETIRING` names it. Another model of the same book, never the model itself. `null` removes it. */
      successor?: string | null
      effectiveFrom?: string | null
      source?: string
    }
    CreateApiKeyInput: {
      /** @description What the key is for, e.g. `procurement-sync`. */
      name: string
      /** @description Distinct scopes. `read` reads and previews; `write` also changes data; `admin` also manages keys. */
      scopes: ('read' | 'write' | 'admin')[]
      /**
       * Format: date-time
       * @description When the key stops working (default: never); must be in the future. ISO 8601 date-time with Z or an offset, 1970-01-01 to 9999-12-31 (UTC).
       */
      expiresAt?: string
    }
    CreatedApiKey: {
      /** Format: uuid */
      id: string
      name: string
      /** @description The first characters of the secret, to tell keys apart. */
      prefix: string
      scopes: string[]
      createdAt: string
      expiresAt: string | null
      revokedAt: string | null
      lastUsedAt: string | null
      /** @description The key itself, shown once: store it now; only its hash is kept. `null` when the creation is a replay (same `Idempotency-Key` and body): the secret is never stored, so it cannot be shown again — a client that lost it revokes the key and creates another. */
      secret: string | null
    }
    ApiKeyPage: {
      /** @constant */
      object: 'list'
      data: components['schemas']['ApiKey'][]
      /** @description True when another page follows. */
      hasMore: boolean
      /** @description Pass as `startingAfter` to fetch the next page. */
      nextCursor: string | null
    }
    ApiKey: {
      /** Format: uuid */
      id: string
      name: string
      /** @description The first characters of the secret, to tell keys apart. */
      prefix: string
      scopes: string[]
      createdAt: string
      expiresAt: string | null
      revokedAt: string | null
      lastUsedAt: string | null
    }
    PlanPreviewRequestInput: {
      /**
       * @description Price book id or slug (default: the built-in Anthropic list prices).
       * @default anthropic-list
       */
      priceBook?: string
      term: {
        /**
         * Format: date
         * @description First day of the commitment term: YYYY-MM-DD, 2000-01-01 to 2199-12-31.
         */
        start: string
        /** @description Term length in months. */
        months: number
      }
      /** @description The levers in the order they are pulled, each with its schedule. */
      levers: {
        /** @enum {string} */
        lever: 'routing' | 'caching' | 'batch'
        /** @description Month the lever starts, 0 = first month of the term; negative = adopted before the term. */
        startMonth: number
        /** @description Months to full adoption (0 or 1: full at once). */
        rampMonths: number
      }[]
      workloads: {
        /** @description Unique within the portfolio (or the preview request), e.g. `nightly-digest`. */
        name: string
        /** @description Free label, e.g. `overnight_report`. */
        kind?: string | null
        /** @description Model today: dated id or alias, e.g. `claude-opus-4-5`. */
        model: string
        /** @description Cheaper model the routing lever moves `routableShare` to. */
        routeToModel?: string | null
        /** @description Requests per month today (may be fractional). */
        requestsPerMonth: number | string
        /** @description All input tokens per request, the cacheable prefix included. */
        inputTokensPerRequest: number | string
        /** @description Output tokens per request. */
        outputTokensPerRequest: number | string
        cacheablePrefixTokens?: (number | string) | null
        currentCacheHitRate?: (number | string) | null
        targetCacheHitRate?: (number | string) | null
        /** @description Cache TTL priced for writes (default `5m`). */
        cacheTtl?: ('5m' | '1h') | null
        /** @description The waiting test: is anyone waiting on this result the instant it is produced? Required. */
        userWaiting: boolean
        currentBatchShare?: (number | string) | null
        targetBatchShare?: (number | string) | null
        routableShare?: (number | string) | null
        /** @description Monthly volume growth, e.g. 0.02 (default 0). */
        monthlyGrowthRate?: (number | string) | null
        /** @description `us` applies the model’s data-residency multiplier. */
        inferenceGeo?: ('global' | 'us') | null
        /** @description Observed monthly spend (USD string) to check the modelled baseline against. */
        observedMonthlySpend?: string | null
      }[]
      /** @description Commitment settings; absent = defaults with no tiers. */
      commitment?: {
        /** @description How sure the buyer wants to be to consume the commitment (default 0.9). */
        confidence?: (number | string) | null
        /** @description A commitment to evaluate, e.g. the vendor’s ask: a term total (USD string). With `proposedCommitByYear` it must equal their sum exactly, and may be left out (the sum is then used). */
        proposedCommit?: string | null
        /** @description `term` (default): one commitment for the whole term, settled at its end. `annual`: one commitment per contract year (12 months from the term start, the last one shorter), each settled at its year’s end; the discount is earned by their total. */
        structure?: ('term' | 'annual') | null
        /** @description The proposed commitment year by year (e.g. the vendor’s ramp), USD strings ≥ 0, year 1 first: only with `structure: annual`, and exactly one per contract year (a 30-month term has 3). Else a 422. */
        proposedCommitByYear?: string[] | null
        /** @description How usage above the commitment is billed (default `discounted`). */
        overage?: ('discounted' | 'list') | null
        /** @description Negotiated tiers: commit at least `minCommit` over the term (a total, whatever the `structure`) for `discountRate` off. Any order: they are sorted by `minCommit`; no two minimums may be equal and each discount must be above the one of the tier below (else a 422 at the tier, by its index here). */
        discountTiers?:
          | {
              /** @description Whole dollars above 0, as a USD string ("250000"): commit at least this over the term. */
              minCommit: string
              /** @description 0 ≤ rate < 1. */
              discountRate: number | string
            }[]
          | null
        uncertainty?: {
          /** @description Standard deviation of the monthly growth rate (default 0). */
          growthStdDev?: (number | string) | null
          /** @description Maximum slip of each lever’s start, months: one number for all levers or one per lever (default 0). */
          adoptionSlipMonths?:
            | (
                | number
                | {
                    routing?: number
                    caching?: number
                    batch?: number
                  }
              )
            | null
          /** @description Minimum realized share of each lever’s saving, 0–1 (default 1). */
          minRealization?:
            | (
                | (number | string)
                | {
                    /** @description Per lever, 0–1. */
                    routing?: number | string
                    /** @description Per lever, 0–1. */
                    caching?: number | string
                    /** @description Per lever, 0–1. */
                    batch?: number | string
                  }
              )
            | null
        } | null
        /** @description Monte Carlo runs (default 2000). */
        simulations?: number | null
        /** @description Same seed, same answer (default 1). */
        seed?: number | null
      } | null
    }
    PlanPreview: {
      /** @constant */
      currency: 'USD'
      priceBook: {
        id: string
        name: string
        effectiveFrom: string
      }
      term: {
        start: string
        months: number
        end: string
      }
      /**
       * @description How the commitment is settled: once for the term, or per contract year.
       * @enum {string}
       */
      structure: 'term' | 'annual'
      levers: {
        /** @enum {string} */
        lever: 'routing' | 'caching' | 'batch'
        startMonth: number
        rampMonths: number
      }[]
      /** @description Today’s state over the term, no lever pulled. */
      baseline: {
        /** @description USD as a decimal string. */
        termSpend: string
        /** @description 12 × the first month’s spend. */
        startRunRate: string
        /** @description 12 × the last month’s spend. */
        endRunRate: string
      }
      /** @description Every listed lever on its schedule. */
      optimized: {
        /** @description USD as a decimal string. */
        termSpend: string
        /** @description 12 × the first month’s spend. */
        startRunRate: string
        /** @description 12 × the last month’s spend. */
        endRunRate: string
      }
      /** @description Every listed lever fully adopted from month 0. */
      fullyOptimized: {
        /** @description USD as a decimal string. */
        termSpend: string
        /** @description 12 × the first month’s spend. */
        startRunRate: string
        /** @description 12 × the last month’s spend. */
        endRunRate: string
      }
      savings: {
        /** @description baseline − optimized term spend, cents. */
        scheduled: string
        /** @description baseline − fully optimized term spend, cents. */
        full: string
        /** @description scheduled ÷ baseline term spend (0 when the baseline is 0). */
        scheduledRate: string
        /** @description full ÷ baseline term spend (0 when the baseline is 0). */
        fullRate: string
      }
      recommendation: {
        /** @constant */
        kind: 'recommended'
        /** @description Every rule that produced this very amount, in option order (an option equal to an earlier one — same discount, same amount in every year — is listed once, carrying both kinds). */
        kinds: ('recommended' | 'tier' | 'proposed' | 'baseline' | 'lowestExpectedPayment' | 'noCommitment')[]
        /** @description The first of `labels`. */
        label: string
        /** @description One sentence per kind. */
        labels: string[]
        /** @description How the amount was derived: which quantile, which tier, and why. */
        basis: string
        /** @description The total committed over the term, whole dollars. */
        commit: string
        /** @description d(C): the discount of the highest tier whose minimum the total reaches (0 below every tier). Six decimals. */
        discountRate: string
        /** @description The tier the total reaches: 1 = the smallest minimum, 0 = none. */
        tier: number
        /** @description Mean over the simulated runs of Σ consumed ÷ Σ committed, where a year’s consumed amount is min(commitment, usage × (1 − discount)); null when nothing is committed. */
        expectedUtilization: string | null
        /** @description Mean over the runs of Σ consumed ÷ Σ discounted usage (usage × (1 − discount)): the share of usage the commitment covers (a run with no usage counts as covered). */
        expectedCoverage: string
        /** @description Share of runs in which consumption falls short of the commitment — in any contract year under `structure: annual` (the joint probability). */
        shortfallProbability: string
        /** @description Mean of Σ max(0, commitment − consumption): paid for but not used. */
        expectedStranded: string
        /** @description Mean total payment: per settlement, max(C, consumption) with overage at the discounted rate, or C + max(0, consumption − C) ÷ (1 − discount) with overage at list. */
        expectedPayment: string
        /** @description 1 − expectedPayment ÷ E[U], E[U] the mean simulated optimized spend at list (what no commitment pays): the saving the commitment buys. 0 for no commitment. */
        effectiveSavingsRate: string
        /** @description Per contract year under `structure: annual`; one entry under `term`. */
        years: {
          /** @description Contract year, 1 = the first 12 months (a single entry for the whole term under `structure: term`). */
          year: number
          /** @description The commitment settled in this year. Every year but the last is rounded half up to whole dollars and the last is the option’s presented total less the others, so the years add up to `commit`. */
          commit: string
          /** @description Mean over the simulated runs of what this year costs: commitment plus overage. */
          expectedPayment: string
          /** @description Mean over the runs of max(0, commitment − consumption) in this year. */
          expectedStranded: string
        }[]
        /** @description P10/P50/P90 of the simulated optimized term spend, whole dollars. */
        percentiles: {
          /** @description USD as a decimal string. */
          p10: string
          /** @description USD as a decimal string. */
          p50: string
          /** @description USD as a decimal string. */
          p90: string
        }
        /** @description The optimized term spend without uncertainty, cents. */
        deterministicTermSpend: string
        /** @description How the simulated median relates to the deterministic figure, and which uncertainty (growth, adoption slip, partial realization) moved it — each simulated on its own and quoted. */
        explanation: string
      }
      /** @description Spend after each lever in the scenario’s sequence. */
      waterfall: {
        /** @enum {string} */
        lever: 'routing' | 'caching' | 'batch'
        /** @description USD as a decimal string. */
        spendBefore: string
        /** @description USD as a decimal string. */
        spendAfter: string
        /** @description USD as a decimal string. */
        savings: string
      }[]
      /** @description Order-independent saving of each listed lever (sums to baseline − optimized). */
      shapley: {
        /** @description USD as a decimal string. */
        routing?: string
        /** @description USD as a decimal string. */
        caching?: string
        /** @description USD as a decimal string. */
        batch?: string
      }
      simulation: {
        runs: number
        seed: number
        /** @description Rate or share, decimal string with six decimals. */
        growthStdDev: string
        adoptionSlipMonths: {
          routing?: number
          caching?: number
          batch?: number
        }
        minRealization: {
          /** @description Rate or share, decimal string with six decimals. */
          routing?: string
          /** @description Rate or share, decimal string with six decimals. */
          caching?: string
          /** @description Rate or share, decimal string with six decimals. */
          batch?: string
        }
        percentiles: {
          /** @description USD as a decimal string. */
          p10: string
          /** @description USD as a decimal string. */
          p50: string
          /** @description USD as a decimal string. */
          p90: string
        }
        /** @description USD as a decimal string. */
        mean: string
      }
      warnings: {
        /** @description Stable code, e.g. `STRANDED_COMMITMENT`. */
        code: string
        /** @enum {string} */
        severity: 'error' | 'warning' | 'info'
        amount: string | null
        workloads: string[]
        /** @enum {string} */
        lever?: 'routing' | 'caching' | 'batch'
        message: string
      }[]
      /** @description With `include=months` (default). */
      months?: {
        month: number
        start: string
        adoption: {
          /** @description Rate or share, decimal string with six decimals. */
          routing?: string
          /** @description Rate or share, decimal string with six decimals. */
          caching?: string
          /** @description Rate or share, decimal string with six decimals. */
          batch?: string
        }
        /** @description USD as a decimal string. */
        baseline: string
        /** @description USD as a decimal string. */
        optimized: string
        /** @description USD as a decimal string. */
        fullyOptimized: string
      }[]
      /** @description Contract years, with `include=years` (default). */
      years?: {
        /** @description 1, 2, …: contract years of 12 months from the term’s start (the last one shorter when the term is not a multiple of 12). */
        year: number
        /** @description First day of the contract year, YYYY-MM-DD. */
        start: string
        /** @description Months in the year. */
        months: number
        /** @description Baseline spend in the year, cents. */
        baseline: string
        /** @description Optimized spend in the year (levers on their schedules): the annual figure to budget with, cents. */
        optimized: string
        /** @description Spend in the year with every listed lever fully adopted from month 0, cents. */
        fullyOptimized: string
        /** @description P10/P50/P90 of the year’s simulated optimized spend U_y, whole dollars. */
        percentiles: {
          /** @description USD as a decimal string. */
          p10: string
          /** @description USD as a decimal string. */
          p50: string
          /** @description USD as a decimal string. */
          p90: string
        }
      }[]
      /** @description With `include=workloads` (default) or `include=workloadMonths`. */
      workloads?: {
        name: string
        kind: string | null
        model: string
        routeToModel: string | null
        baseline: {
          /** @description USD as a decimal string. */
          termSpend: string
          /** @description 12 × the first month’s spend. */
          startRunRate: string
          /** @description 12 × the last month’s spend. */
          endRunRate: string
        }
        optimized: {
          /** @description USD as a decimal string. */
          termSpend: string
          /** @description 12 × the first month’s spend. */
          startRunRate: string
          /** @description 12 × the last month’s spend. */
          endRunRate: string
        }
        fullyOptimized: {
          /** @description USD as a decimal string. */
          termSpend: string
          /** @description 12 × the first month’s spend. */
          startRunRate: string
          /** @description 12 × the last month’s spend. */
          endRunRate: string
        }
        savings: {
          /** @description baseline − optimized term spend, cents. */
          scheduled: string
          /** @description baseline − fully optimized term spend, cents. */
          full: string
          /** @description scheduled ÷ baseline term spend (0 when the baseline is 0). */
          scheduledRate: string
          /** @description full ÷ baseline term spend (0 when the baseline is 0). */
          fullRate: string
        }
        waterfall: {
          /** @enum {string} */
          lever: 'routing' | 'caching' | 'batch'
          /** @description USD as a decimal string. */
          spendBefore: string
          /** @description USD as a decimal string. */
          spendAfter: string
          /** @description USD as a decimal string. */
          savings: string
        }[]
        shapley: {
          /** @description USD as a decimal string. */
          routing?: string
          /** @description USD as a decimal string. */
          caching?: string
          /** @description USD as a decimal string. */
          batch?: string
        }
        /** @description With `include=years` (default). */
        years?: {
          /** @description 1, 2, …: contract years of 12 months from the term’s start (the last one shorter when the term is not a multiple of 12). */
          year: number
          /** @description First day of the contract year, YYYY-MM-DD. */
          start: string
          /** @description Months in the year. */
          months: number
          /** @description Baseline spend in the year, cents. */
          baseline: string
          /** @description Optimized spend in the year (levers on their schedules): the annual figure to budget with, cents. */
          optimized: string
          /** @description Spend in the year with every listed lever fully adopted from month 0, cents. */
          fullyOptimized: string
        }[]
        /** @description Only with `include=workloadMonths`. */
        months?: {
          month: number
          /** @description USD as a decimal string. */
          baseline: string
          /** @description USD as a decimal string. */
          optimized: string
          /** @description USD as a decimal string. */
          fullyOptimized: string
        }[]
      }[]
      /** @description Side by side, in this order: the recommendation, every tier, the proposed commit, one sized on today’s baseline, the lowest expected payment and no commitment (equal options merged). */
      options: {
        /**
         * @description The first of `kinds`.
         * @enum {string}
         */
        kind: 'recommended' | 'tier' | 'proposed' | 'baseline' | 'lowestExpectedPayment' | 'noCommitment'
        /** @description Every rule that produced this very amount, in option order (an option equal to an earlier one — same discount, same amount in every year — is listed once, carrying both kinds). */
        kinds: ('recommended' | 'tier' | 'proposed' | 'baseline' | 'lowestExpectedPayment' | 'noCommitment')[]
        /** @description The first of `labels`. */
        label: string
        /** @description One sentence per kind. */
        labels: string[]
        /** @description How the amount was derived: which quantile, which tier, and why. */
        basis: string
        /** @description The total committed over the term, whole dollars. */
        commit: string
        /** @description d(C): the discount of the highest tier whose minimum the total reaches (0 below every tier). Six decimals. */
        discountRate: string
        /** @description The tier the total reaches: 1 = the smallest minimum, 0 = none. */
        tier: number
        /** @description Mean over the simulated runs of Σ consumed ÷ Σ committed, where a year’s consumed amount is min(commitment, usage × (1 − discount)); null when nothing is committed. */
        expectedUtilization: string | null
        /** @description Mean over the runs of Σ consumed ÷ Σ discounted usage (usage × (1 − discount)): the share of usage the commitment covers (a run with no usage counts as covered). */
        expectedCoverage: string
        /** @description Share of runs in which consumption falls short of the commitment — in any contract year under `structure: annual` (the joint probability). */
        shortfallProbability: string
        /** @description Mean of Σ max(0, commitment − consumption): paid for but not used. */
        expectedStranded: string
        /** @description Mean total payment: per settlement, max(C, consumption) with overage at the discounted rate, or C + max(0, consumption − C) ÷ (1 − discount) with overage at list. */
        expectedPayment: string
        /** @description 1 − expectedPayment ÷ E[U], E[U] the mean simulated optimized spend at list (what no commitment pays): the saving the commitment buys. 0 for no commitment. */
        effectiveSavingsRate: string
        /** @description Per contract year under `structure: annual`; one entry under `term`. */
        years: {
          /** @description Contract year, 1 = the first 12 months (a single entry for the whole term under `structure: term`). */
          year: number
          /** @description The commitment settled in this year. Every year but the last is rounded half up to whole dollars and the last is the option’s presented total less the others, so the years add up to `commit`. */
          commit: string
          /** @description Mean over the simulated runs of what this year costs: commitment plus overage. */
          expectedPayment: string
          /** @description Mean over the runs of max(0, commitment − consumption) in this year. */
          expectedStranded: string
        }[]
      }[]
    }
    CreatePortfolioInput: {
      /** @description Unique within your organization. */
      name: string
      /**
       * @description Free text.
       * @default
       */
      description?: string
      /**
       * @description Currency of every amount (USD only).
       * @default USD
       * @constant
       */
      currency?: 'USD'
      /** @description Price book (id or slug) its scenarios use unless they name one; default: the list prices. */
      defaultPriceBook?: string | null
    }
    Portfolio: {
      /** Format: uuid */
      id: string
      name: string
      description: string
      /** @constant */
      currency: 'USD'
      /** @description The price book scenarios use unless they name their own. */
      defaultPriceBook: {
        /** Format: uuid */
        id: string
        slug: string
        name: string
      }
      /** @description Set when a DELETE found scenarios: read-only since. */
      archivedAt: string | null
      version: number
      /** Format: date-time */
      createdAt: string
      /** Format: date-time */
      updatedAt: string
    }
    PortfolioPage: {
      /** @constant */
      object: 'list'
      data: components['schemas']['Portfolio'][]
      /** @description True when another page follows. */
      hasMore: boolean
      /** @description Pass as `startingAfter` to fetch the next page. */
      nextCursor: string | null
    }
    UpdatePortfolioInput: {
      name?: string
      description?: string
      /** @description null = the built-in list prices. */
      defaultPriceBook?: string | null
    }
    DeletedPortfolio: {
      /** Format: uuid */
      id: string
      /** @enum {string} */
      outcome: 'deleted' | 'archived'
      archivedAt: string | null
    }
    CreateWorkloadsInput:
      | components['schemas']['CreateWorkloadInput']
      | components['schemas']['BulkCreateWorkloadsInput']
    CreateWorkloadInput: {
      /** @description Unique within the portfolio (or the preview request), e.g. `nightly-digest`. */
      name: string
      /** @description Free label, e.g. `overnight_report`. */
      kind?: string | null
      /** @description Model today: dated id or alias, e.g. `claude-opus-4-5`. */
      model: string
      /** @description Cheaper model the routing lever moves `routableShare` to. */
      routeToModel?: string | null
      /** @description Requests per month today (may be fractional). */
      requestsPerMonth: number | string
      /** @description All input tokens per request, the cacheable prefix included. */
      inputTokensPerRequest: number | string
      /** @description Output tokens per request. */
      outputTokensPerRequest: number | string
      cacheablePrefixTokens?: (number | string) | null
      currentCacheHitRate?: (number | string) | null
      targetCacheHitRate?: (number | string) | null
      /** @description Cache TTL priced for writes (default `5m`). */
      cacheTtl?: ('5m' | '1h') | null
      /** @description The waiting test: is anyone waiting on this result the instant it is produced? Required. */
      userWaiting: boolean
      currentBatchShare?: (number | string) | null
      targetBatchShare?: (number | string) | null
      routableShare?: (number | string) | null
      /** @description Monthly volume growth, e.g. 0.02 (default 0). */
      monthlyGrowthRate?: (number | string) | null
      /** @description `us` applies the model’s data-residency multiplier. */
      inferenceGeo?: ('global' | 'us') | null
      /** @description Observed monthly spend (USD string) to check the modelled baseline against. */
      observedMonthlySpend?: string | null
      /** @description Who owns the traffic, e.g. `data-platform`. */
      team?: string | null
      /** @description Free labels for filtering and reports (at most 20). */
      tags?: string[] | null
    }
    BulkCreateWorkloadsInput: {
      /** @description Several workloads, created together or not at all. */
      workloads: components['schemas']['CreateWorkloadInput'][]
    }
    Workload: {
      /** Format: uuid */
      id: string
      /** Format: uuid */
      portfolioId: string
      name: string
      kind: string | null
      model: string
      routeToModel: string | null
      requestsPerMonth: string
      inputTokensPerRequest: string
      outputTokensPerRequest: string
      cacheablePrefixTokens: string
      currentCacheHitRate: string
      targetCacheHitRate: string | null
      /** @enum {string} */
      cacheTtl: '5m' | '1h'
      userWaiting: boolean
      currentBatchShare: string
      targetBatchShare: string | null
      routableShare: string | null
      monthlyGrowthRate: string
      /** @enum {string} */
      inferenceGeo: 'global' | 'us'
      /** @description USD per month, as observed on invoices. */
      observedMonthlySpend: string | null
      team: string | null
      tags: string[]
      version: number
      /** Format: date-time */
      createdAt: string
      /** Format: date-time */
      updatedAt: string
    }
    CreatedWorkloads: {
      /** @constant */
      object: 'list'
      data: components['schemas']['Workload'][]
    }
    WorkloadPage: {
      /** @constant */
      object: 'list'
      data: components['schemas']['Workload'][]
      /** @description True when another page follows. */
      hasMore: boolean
      /** @description Pass as `startingAfter` to fetch the next page. */
      nextCursor: string | null
    }
    UpdateWorkloadInput: {
      /** @description Unique within the portfolio (or the preview request), e.g. `nightly-digest`. */
      name?: string
      /** @description Free label, e.g. `overnight_report`. */
      kind?: string | null
      /** @description Model today: dated id or alias, e.g. `claude-opus-4-5`. */
      model?: string
      /** @description Cheaper model the routing lever moves `routableShare` to. */
      routeToModel?: string | null
      /** @description Requests per month today (may be fractional). */
      requestsPerMonth?: number | string
      /** @description All input tokens per request, the cacheable prefix included. */
      inputTokensPerRequest?: number | string
      /** @description Output tokens per request. */
      outputTokensPerRequest?: number | string
      cacheablePrefixTokens?: (number | string) | null
      currentCacheHitRate?: (number | string) | null
      targetCacheHitRate?: (number | string) | null
      /** @description Cache TTL priced for writes (default `5m`). */
      cacheTtl?: ('5m' | '1h') | null
      /** @description The waiting test: is anyone waiting on this result the instant it is produced? Required. */
      userWaiting?: boolean
      currentBatchShare?: (number | string) | null
      targetBatchShare?: (number | string) | null
      routableShare?: (number | string) | null
      /** @description Monthly volume growth, e.g. 0.02 (default 0). */
      monthlyGrowthRate?: (number | string) | null
      /** @description `us` applies the model’s data-residency multiplier. */
      inferenceGeo?: ('global' | 'us') | null
      /** @description Observed monthly spend (USD string) to check the modelled baseline against. */
      observedMonthlySpend?: string | null
      /** @description Who owns the traffic, e.g. `data-platform`. */
      team?: string | null
      /** @description Free labels for filtering and reports (at most 20). */
      tags?: string[] | null
    }
    WorkloadImportReport: {
      /** @constant */
      object: 'workload_import'
      /** Format: uuid */
      portfolioId: string
      /** @enum {string} */
      mode: 'create' | 'upsert'
      /** @description True when nothing was written. */
      dryRun: boolean
      /** @description Data rows read (blank rows are skipped). */
      rows: number
      created: number
      updated: number
      /** @description Upsert: rows equal to the workload they name (not written). */
      unchanged: number
      /** @description Every row, in file order, with what became of it. */
      workloads: {
        /** @description The data row (1 = the first row after the header). */
        row: number
        /** @description The line of the file the row starts on. */
        line: number
        name: string
        /** @enum {string} */
        action: 'created' | 'updated' | 'unchanged'
        /** @description The workload’s id (null for one a dry run would create). */
        id: string | null
      }[]
    }
    AnthropicUsageImportInput: {
      /** @description Pages of one `usage_report/messages` report, as returned (follow `next_page` to get them all). */
      usage: components['schemas']['AnthropicUsageReportPageInput'][]
      /** @description Pages of a `cost_report` over the same days: the observed spend. Without it, the usage is priced. */
      cost?: components['schemas']['AnthropicCostReportPageInput'][] | null
      grouping?:
        | (
            | 'model'
            | 'workspace_id'
            | 'api_key_id'
            | 'service_tier'
            | 'context_window'
            | 'inference_geo'
            | 'speed'
            | 'account_id'
            | 'service_account_id'
          )[]
        | null
      /** @description Put before every generated workload name, e.g. `acme/` (default: none). */
      namePrefix?: string | null
      volume?: {
        /** @description Average output tokens of one request: a group’s requests = its output tokens ÷ this. */
        outputTokensPerRequest?: (number | string) | null
        /** @description Average input tokens (cache reads and writes included) of one request: requests = input tokens ÷ this. */
        inputTokensPerRequest?: (number | string) | null
      } | null
      /** @description Settings for some groups; the first entry whose `match` a group has applies to it. */
      groups?:
        | {
            /** @description Dimension values the groups must have; a model matches by any of its names. `{}` matches all. */
            match: {
              /** @description The group’s `model` (null matches null). */
              model?: string | null
              /** @description The group’s `workspace_id` (null matches null). */
              workspace_id?: string | null
              /** @description The group’s `api_key_id` (null matches null). */
              api_key_id?: string | null
              /** @description The group’s `service_tier` (null matches null). */
              service_tier?: string | null
              /** @description The group’s `context_window` (null matches null). */
              context_window?: string | null
              /** @description The group’s `inference_geo` (null matches null). */
              inference_geo?: string | null
              /** @description The group’s `speed` (null matches null). */
              speed?: string | null
              /** @description The group’s `account_id` (null matches null). */
              account_id?: string | null
              /** @description The group’s `service_account_id` (null matches null). */
              service_account_id?: string | null
            }
            /** @description Workload name for the one group matched (instead of the generated one). */
            name?: string
            /** @description Requests the one group matched made over the whole report (from your own logs). */
            requests?: (number | string) | null
            /** @description The waiting test for the groups matched. */
            userWaiting?: boolean | null
            /** @description Free label, e.g. `overnight_report`. */
            kind?: string | null
            /** @description Who owns the traffic, e.g. `data-platform`. */
            team?: string | null
            /** @description Free labels for filtering and reports (at most 20). */
            tags?: string[] | null
          }[]
        | null
      /** @description The waiting test for groups not all in batch (default true: someone waits). */
      userWaiting?: boolean | null
      /** @description Team of every workload made (unless `groups` says otherwise). */
      team?: string | null
      /** @description Tags of every workload made (unless `groups` says otherwise). */
      tags?: string[] | null
      /** @description A model the price book lacks: `reject` (default) answers 422, `skip` leaves its groups out. */
      unknownModels?: ('reject' | 'skip') | null
    }
    AnthropicUsageReportPageInput: {
      /** @description Time buckets, oldest first. */
      data: {
        /**
         * Format: date-time
         * @description Start of the bucket (inclusive). ISO 8601 date-time with Z or an offset, 1970-01-01 to 9999-12-31 (UTC).
         */
        starting_at: string
        /**
         * Format: date-time
         * @description End of the bucket (exclusive). ISO 8601 date-time with Z or an offset, 1970-01-01 to 9999-12-31 (UTC).
         */
        ending_at: string
        results: {
          /** @description Input tokens neither read from nor written to the cache (a whole number). */
          uncached_input_tokens: number | string
          /** @description Input tokens read from the cache (a whole number). */
          cache_read_input_tokens: number | string
          cache_creation: {
            /** @description Input tokens written to the cache for 5 minutes (a whole number). */
            ephemeral_5m_input_tokens: number | string
            /** @description Input tokens written to the cache for 1 hour (a whole number). */
            ephemeral_1h_input_tokens: number | string
          }
          /** @description Output tokens (a whole number). */
          output_tokens: number | string
          /** @description Server tool use (web searches are not priced by the planner). */
          server_tool_use?: {
            web_search_requests?: (number | string) | null
          } | null
          /** @description Model id, e.g. `claude-sonnet-4-5-20250929`; null when the report is not grouped by it. */
          model?: string | null
          /** @description Workspace (null also for the default workspace); null when the report is not grouped by it. */
          workspace_id?: string | null
          /** @description API key (null also for Workbench usage); null when the report is not grouped by it. */
          api_key_id?: string | null
          /** @description `standard`, `batch`, `priority`…; null when the report is not grouped by it. */
          service_tier?: string | null
          /** @description `0-200k` or `200k-1M`; null when the report is not grouped by it. */
          context_window?: string | null
          /** @description `global`, `us` or `not_available`; null when the report is not grouped by it. */
          inference_geo?: string | null
          /** @description `standard` or `fast`; null when the report is not grouped by it. */
          speed?: string | null
          /** @description User account; null when the report is not grouped by it. */
          account_id?: string | null
          /** @description Service account; null when the report is not grouped by it. */
          service_account_id?: string | null
        }[]
      }[]
      /** @description True when the report continues on another page. */
      has_more: boolean
      /** @description The next page’s token, when there is one. */
      next_page?: string | null
    }
    AnthropicCostReportPageInput: {
      /** @description Time buckets, oldest first. */
      data: {
        /**
         * Format: date-time
         * @description Start of the bucket (inclusive). ISO 8601 date-time with Z or an offset, 1970-01-01 to 9999-12-31 (UTC).
         */
        starting_at: string
        /**
         * Format: date-time
         * @description End of the bucket (exclusive). ISO 8601 date-time with Z or an offset, 1970-01-01 to 9999-12-31 (UTC).
         */
        ending_at: string
        results: {
          /** @description Cost in the lowest currency unit (cents for USD) as a decimal string: `"123.45"` is $1.23. */
          amount: string
          /** @description Always `USD` today. */
          currency?: string | null
          /** @description `tokens`, `web_search`, `code_execution`… (with `group_by[]=description`); null when the report is not grouped by it. */
          cost_type?: string | null
          /** @description `uncached_input_tokens`, `output_tokens`, `cache_read_input_tokens`, …; null when the report is not grouped by it. */
          token_type?: string | null
          /** @description What the cost is for; null when the report is not grouped by it. */
          description?: string | null
          /** @description Model id, e.g. `claude-sonnet-4-5-20250929`; null when the report is not grouped by it. */
          model?: string | null
          /** @description Workspace (null also for the default workspace); null when the report is not grouped by it. */
          workspace_id?: string | null
          /** @description `standard`, `batch`, `priority`…; null when the report is not grouped by it. */
          service_tier?: string | null
          /** @description `0-200k` or `200k-1M`; null when the report is not grouped by it. */
          context_window?: string | null
          /** @description `global`, `us` or `not_available`; null when the report is not grouped by it. */
          inference_geo?: string | null
          /** @description `standard` or `fast`; null when the report is not grouped by it. */
          speed?: string | null
        }[]
      }[]
      /** @description True when the report continues on another page. */
      has_more: boolean
      /** @description The next page’s token, when there is one. */
      next_page?: string | null
    }
    UsageImportPreview: {
      /** @constant */
      object: 'usage_import'
      dryRun: boolean
      /** Format: uuid */
      portfolioId: string
      priceBook: {
        id: string
        slug: string
        name: string
      }
      period: {
        /** @description First bucket’s start. */
        start: string
        /** @description Last bucket’s end. */
        end: string
        /** @description Days the buckets cover (gaps not counted). */
        days: string
        buckets: number
      }
      costPeriod: {
        /** @description First bucket’s start. */
        start: string
        /** @description Last bucket’s end. */
        end: string
        /** @description Days the buckets cover (gaps not counted). */
        days: string
        buckets: number
      } | null
      /** @description A period is scaled to a month by this (365.2425 ÷ 12). */
      daysPerMonth: string
      grouping: (
        | 'model'
        | 'workspace_id'
        | 'api_key_id'
        | 'service_tier'
        | 'context_window'
        | 'inference_geo'
        | 'speed'
        | 'account_id'
        | 'service_account_id'
      )[]
      /** @enum {string} */
      observedSpendSource: 'cost_report' | 'price_book'
      totals: {
        /** @description USD amount as a decimal string. */
        observedMonthlySpend: string
        /** @description USD amount as a decimal string. */
        listPricedMonthlySpend: string
        /** @description USD amount as a decimal string. */
        modelledMonthlySpend: string
      }
      workloads: {
        /** @description The group’s value of each grouping dimension (Admin API names). */
        group: {
          [key: string]: string | null
        }
        workload: components['schemas']['ProposedWorkload']
        volume: {
          /** @enum {string} */
          basis: 'requests' | 'output_tokens_per_request' | 'input_tokens_per_request'
          requestsInPeriod: string
        }
        /** @description The group’s tokens over the whole report, and two shares of them. */
        observed: {
          uncached_input_tokens: string
          cache_read_input_tokens: string
          ephemeral_5m_input_tokens: string
          ephemeral_1h_input_tokens: string
          output_tokens: string
          web_search_requests: string
          /** @description Cache reads ÷ all input tokens. */
          cacheReadShareOfInput: string
          /** @description Tokens in batch ÷ all tokens. */
          batchShareOfTokens: string
        }
        /** @description From the cost report, or priced with the book (`observedSpendSource`). */
        observedMonthlySpend: string
        /** @enum {string} */
        observedSpendSource: 'cost_report' | 'price_book'
        /** @description The usage priced with the portfolio’s price book. */
        listPricedMonthlySpend: string
        /** @description What the planner’s baseline makes of the workload, per month. */
        modelledMonthlySpend: string
        notes: components['schemas']['ImportNote'][]
      }[]
      skipped: {
        /** @description The group’s value of each grouping dimension (Admin API names). */
        group: {
          [key: string]: string | null
        }
        /** @enum {string} */
        reason: 'no_usage' | 'unknown_model'
        detail: string
        /** @description The group’s first result in the request. */
        pointer: string
      }[]
      notes: components['schemas']['ImportNote'][]
    }
    ProposedWorkload: {
      name: string
      kind: string | null
      model: string
      routeToModel: string | null
      requestsPerMonth: string
      inputTokensPerRequest: string
      outputTokensPerRequest: string
      cacheablePrefixTokens: string
      currentCacheHitRate: string
      targetCacheHitRate: string | null
      /** @enum {string} */
      cacheTtl: '5m' | '1h'
      userWaiting: boolean
      currentBatchShare: string
      targetBatchShare: string | null
      routableShare: string | null
      monthlyGrowthRate: string
      /** @enum {string} */
      inferenceGeo: 'global' | 'us'
      /** @description USD per month, as observed on invoices. */
      observedMonthlySpend: string | null
      team: string | null
      tags: string[]
    }
    ImportNote: {
      code: string
      detail: string
    }
    UsageImportResult: {
      /** @constant */
      object: 'usage_import'
      dryRun: boolean
      /** Format: uuid */
      portfolioId: string
      priceBook: {
        id: string
        slug: string
        name: string
      }
      period: {
        /** @description First bucket’s start. */
        start: string
        /** @description Last bucket’s end. */
        end: string
        /** @description Days the buckets cover (gaps not counted). */
        days: string
        buckets: number
      }
      costPeriod: {
        /** @description First bucket’s start. */
        start: string
        /** @description Last bucket’s end. */
        end: string
        /** @description Days the buckets cover (gaps not counted). */
        days: string
        buckets: number
      } | null
      /** @description A period is scaled to a month by this (365.2425 ÷ 12). */
      daysPerMonth: string
      grouping: (
        | 'model'
        | 'workspace_id'
        | 'api_key_id'
        | 'service_tier'
        | 'context_window'
        | 'inference_geo'
        | 'speed'
        | 'account_id'
        | 'service_account_id'
      )[]
      /** @enum {string} */
      observedSpendSource: 'cost_report' | 'price_book'
      totals: {
        /** @description USD amount as a decimal string. */
        observedMonthlySpend: string
        /** @description USD amount as a decimal string. */
        listPricedMonthlySpend: string
        /** @description USD amount as a decimal string. */
        modelledMonthlySpend: string
      }
      workloads: {
        /** @description The group’s value of each grouping dimension (Admin API names). */
        group: {
          [key: string]: string | null
        }
        workload: components['schemas']['Workload']
        volume: {
          /** @enum {string} */
          basis: 'requests' | 'output_tokens_per_request' | 'input_tokens_per_request'
          requestsInPeriod: string
        }
        /** @description The group’s tokens over the whole report, and two shares of them. */
        observed: {
          uncached_input_tokens: string
          cache_read_input_tokens: string
          ephemeral_5m_input_tokens: string
          ephemeral_1h_input_tokens: string
          output_tokens: string
          web_search_requests: string
          /** @description Cache reads ÷ all input tokens. */
          cacheReadShareOfInput: string
          /** @description Tokens in batch ÷ all tokens. */
          batchShareOfTokens: string
        }
        /** @description From the cost report, or priced with the book (`observedSpendSource`). */
        observedMonthlySpend: string
        /** @enum {string} */
        observedSpendSource: 'cost_report' | 'price_book'
        /** @description The usage priced with the portfolio’s price book. */
        listPricedMonthlySpend: string
        /** @description What the planner’s baseline makes of the workload, per month. */
        modelledMonthlySpend: string
        notes: components['schemas']['ImportNote'][]
      }[]
      skipped: {
        /** @description The group’s value of each grouping dimension (Admin API names). */
        group: {
          [key: string]: string | null
        }
        /** @enum {string} */
        reason: 'no_usage' | 'unknown_model'
        detail: string
        /** @description The group’s first result in the request. */
        pointer: string
      }[]
      notes: components['schemas']['ImportNote'][]
    }
    CreateScenarioInput: {
      /** @description Unique within the portfolio. */
      name: string
      /** @description Copy this scenario of the same portfolio; the fields given here replace its own. */
      basedOn?: string | null
      term?: {
        /**
         * Format: date
         * @description First day of the commitment term: YYYY-MM-DD, 2000-01-01 to 2199-12-31.
         */
        start: string
        /** @description Term length in months. */
        months: number
      } | null
      levers?:
        | {
            /** @enum {string} */
            lever: 'routing' | 'caching' | 'batch'
            /** @description Month the lever starts, 0 = first month of the term; negative = adopted before the term. */
            startMonth: number
            /** @description Months to full adoption (0 or 1: full at once). */
            rampMonths: number
          }[]
        | null
      /** @description Commitment settings; absent = defaults with no tiers. */
      commitment?: {
        /** @description How sure the buyer wants to be to consume the commitment (default 0.9). */
        confidence?: (number | string) | null
        /** @description A commitment to evaluate, e.g. the vendor’s ask: a term total (USD string). With `proposedCommitByYear` it must equal their sum exactly, and may be left out (the sum is then used). */
        proposedCommit?: string | null
        /** @description `term` (default): one commitment for the whole term, settled at its end. `annual`: one commitment per contract year (12 months from the term start, the last one shorter), each settled at its year’s end; the discount is earned by their total. */
        structure?: ('term' | 'annual') | null
        /** @description The proposed commitment year by year (e.g. the vendor’s ramp), USD strings ≥ 0, year 1 first: only with `structure: annual`, and exactly one per contract year (a 30-month term has 3). Else a 422. */
        proposedCommitByYear?: string[] | null
        /** @description How usage above the commitment is billed (default `discounted`). */
        overage?: ('discounted' | 'list') | null
        /** @description Negotiated tiers: commit at least `minCommit` over the term (a total, whatever the `structure`) for `discountRate` off. Any order: they are sorted by `minCommit`; no two minimums may be equal and each discount must be above the one of the tier below (else a 422 at the tier, by its index here). */
        discountTiers?:
          | {
              /** @description Whole dollars above 0, as a USD string ("250000"): commit at least this over the term. */
              minCommit: string
              /** @description 0 ≤ rate < 1. */
              discountRate: number | string
            }[]
          | null
        uncertainty?: {
          /** @description Standard deviation of the monthly growth rate (default 0). */
          growthStdDev?: (number | string) | null
          /** @description Maximum slip of each lever’s start, months: one number for all levers or one per lever (default 0). */
          adoptionSlipMonths?:
            | (
                | number
                | {
                    routing?: number
                    caching?: number
                    batch?: number
                  }
              )
            | null
          /** @description Minimum realized share of each lever’s saving, 0–1 (default 1). */
          minRealization?:
            | (
                | (number | string)
                | {
                    /** @description Per lever, 0–1. */
                    routing?: number | string
                    /** @description Per lever, 0–1. */
                    caching?: number | string
                    /** @description Per lever, 0–1. */
                    batch?: number | string
                  }
              )
            | null
        } | null
        /** @description Monte Carlo runs (default 2000). */
        simulations?: number | null
        /** @description Same seed, same answer (default 1). */
        seed?: number | null
      } | null
      /** @description Price book (id or slug) overriding the portfolio’s default; absent = the portfolio’s. */
      priceBook?: string | null
    }
    Scenario: {
      /** Format: uuid */
      id: string
      /** Format: uuid */
      portfolioId: string
      name: string
      /** @description The scenario this one was copied from, while it exists. */
      basedOn: string | null
      term: {
        start: string
        months: number
      }
      levers: {
        /** @enum {string} */
        lever: 'routing' | 'caching' | 'batch'
        startMonth: number
        rampMonths: number
      }[]
      /** @description The commitment settings as stored. */
      commitment: {
        [key: string]: unknown
      }
      /** @description The scenario’s own price book; null = the portfolio’s default. */
      priceBook: string | null
      version: number
      /** Format: date-time */
      createdAt: string
      /** Format: date-time */
      updatedAt: string
    }
    ScenarioPage: {
      /** @constant */
      object: 'list'
      data: components['schemas']['Scenario'][]
      /** @description True when another page follows. */
      hasMore: boolean
      /** @description Pass as `startingAfter` to fetch the next page. */
      nextCursor: string | null
    }
    UpdateScenarioInput: {
      /** @description Unique within the portfolio. */
      name?: string
      term?: {
        /**
         * Format: date
         * @description First day of the commitment term: YYYY-MM-DD, 2000-01-01 to 2199-12-31.
         */
        start: string
        /** @description Term length in months. */
        months: number
      }
      /** @description The levers in the order they are pulled, each with its schedule. */
      levers?: {
        /** @enum {string} */
        lever: 'routing' | 'caching' | 'batch'
        /** @description Month the lever starts, 0 = first month of the term; negative = adopted before the term. */
        startMonth: number
        /** @description Months to full adoption (0 or 1: full at once). */
        rampMonths: number
      }[]
      /** @description Replaces the whole commitment settings; null = defaults. */
      commitment?: {
        /** @description How sure the buyer wants to be to consume the commitment (default 0.9). */
        confidence?: (number | string) | null
        /** @description A commitment to evaluate, e.g. the vendor’s ask: a term total (USD string). With `proposedCommitByYear` it must equal their sum exactly, and may be left out (the sum is then used). */
        proposedCommit?: string | null
        /** @description `term` (default): one commitment for the whole term, settled at its end. `annual`: one commitment per contract year (12 months from the term start, the last one shorter), each settled at its year’s end; the discount is earned by their total. */
        structure?: ('term' | 'annual') | null
        /** @description The proposed commitment year by year (e.g. the vendor’s ramp), USD strings ≥ 0, year 1 first: only with `structure: annual`, and exactly one per contract year (a 30-month term has 3). Else a 422. */
        proposedCommitByYear?: string[] | null
        /** @description How usage above the commitment is billed (default `discounted`). */
        overage?: ('discounted' | 'list') | null
        /** @description Negotiated tiers: commit at least `minCommit` over the term (a total, whatever the `structure`) for `discountRate` off. Any order: they are sorted by `minCommit`; no two minimums may be equal and each discount must be above the one of the tier below (else a 422 at the tier, by its index here). */
        discountTiers?:
          | {
              /** @description Whole dollars above 0, as a USD string ("250000"): commit at least this over the term. */
              minCommit: string
              /** @description 0 ≤ rate < 1. */
              discountRate: number | string
            }[]
          | null
        uncertainty?: {
          /** @description Standard deviation of the monthly growth rate (default 0). */
          growthStdDev?: (number | string) | null
          /** @description Maximum slip of each lever’s start, months: one number for all levers or one per lever (default 0). */
          adoptionSlipMonths?:
            | (
                | number
                | {
                    routing?: number
                    caching?: number
                    batch?: number
                  }
              )
            | null
          /** @description Minimum realized share of each lever’s saving, 0–1 (default 1). */
          minRealization?:
            | (
                | (number | string)
                | {
                    /** @description Per lever, 0–1. */
                    routing?: number | string
                    /** @description Per lever, 0–1. */
                    caching?: number | string
                    /** @description Per lever, 0–1. */
                    batch?: number | string
                  }
              )
            | null
        } | null
        /** @description Monte Carlo runs (default 2000). */
        simulations?: number | null
        /** @description Same seed, same answer (default 1). */
        seed?: number | null
      } | null
      /** @description null = use the portfolio’s default again. */
      priceBook?: string | null
    }
    ScenarioRecommendation: {
      /** Format: uuid */
      scenarioId: string
      recommendation: {
        /** @constant */
        kind: 'recommended'
        /** @description Every rule that produced this very amount, in option order (an option equal to an earlier one — same discount, same amount in every year — is listed once, carrying both kinds). */
        kinds: ('recommended' | 'tier' | 'proposed' | 'baseline' | 'lowestExpectedPayment' | 'noCommitment')[]
        /** @description The first of `labels`. */
        label: string
        /** @description One sentence per kind. */
        labels: string[]
        /** @description How the amount was derived: which quantile, which tier, and why. */
        basis: string
        /** @description The total committed over the term, whole dollars. */
        commit: string
        /** @description d(C): the discount of the highest tier whose minimum the total reaches (0 below every tier). Six decimals. */
        discountRate: string
        /** @description The tier the total reaches: 1 = the smallest minimum, 0 = none. */
        tier: number
        /** @description Mean over the simulated runs of Σ consumed ÷ Σ committed, where a year’s consumed amount is min(commitment, usage × (1 − discount)); null when nothing is committed. */
        expectedUtilization: string | null
        /** @description Mean over the runs of Σ consumed ÷ Σ discounted usage (usage × (1 − discount)): the share of usage the commitment covers (a run with no usage counts as covered). */
        expectedCoverage: string
        /** @description Share of runs in which consumption falls short of the commitment — in any contract year under `structure: annual` (the joint probability). */
        shortfallProbability: string
        /** @description Mean of Σ max(0, commitment − consumption): paid for but not used. */
        expectedStranded: string
        /** @description Mean total payment: per settlement, max(C, consumption) with overage at the discounted rate, or C + max(0, consumption − C) ÷ (1 − discount) with overage at list. */
        expectedPayment: string
        /** @description 1 − expectedPayment ÷ E[U], E[U] the mean simulated optimized spend at list (what no commitment pays): the saving the commitment buys. 0 for no commitment. */
        effectiveSavingsRate: string
        /** @description Per contract year under `structure: annual`; one entry under `term`. */
        years: {
          /** @description Contract year, 1 = the first 12 months (a single entry for the whole term under `structure: term`). */
          year: number
          /** @description The commitment settled in this year. Every year but the last is rounded half up to whole dollars and the last is the option’s presented total less the others, so the years add up to `commit`. */
          commit: string
          /** @description Mean over the simulated runs of what this year costs: commitment plus overage. */
          expectedPayment: string
          /** @description Mean over the runs of max(0, commitment − consumption) in this year. */
          expectedStranded: string
        }[]
        /** @description P10/P50/P90 of the simulated optimized term spend, whole dollars. */
        percentiles: {
          /** @description USD as a decimal string. */
          p10: string
          /** @description USD as a decimal string. */
          p50: string
          /** @description USD as a decimal string. */
          p90: string
        }
        /** @description The optimized term spend without uncertainty, cents. */
        deterministicTermSpend: string
        /** @description How the simulated median relates to the deterministic figure, and which uncertainty (growth, adoption slip, partial realization) moved it — each simulated on its own and quoted. */
        explanation: string
      }
      /** @description Side by side, in this order: the recommendation, every tier, the proposed commit, one sized on today’s baseline, the lowest expected payment and no commitment (equal options merged). */
      options: {
        /**
         * @description The first of `kinds`.
         * @enum {string}
         */
        kind: 'recommended' | 'tier' | 'proposed' | 'baseline' | 'lowestExpectedPayment' | 'noCommitment'
        /** @description Every rule that produced this very amount, in option order (an option equal to an earlier one — same discount, same amount in every year — is listed once, carrying both kinds). */
        kinds: ('recommended' | 'tier' | 'proposed' | 'baseline' | 'lowestExpectedPayment' | 'noCommitment')[]
        /** @description The first of `labels`. */
        label: string
        /** @description One sentence per kind. */
        labels: string[]
        /** @description How the amount was derived: which quantile, which tier, and why. */
        basis: string
        /** @description The total committed over the term, whole dollars. */
        commit: string
        /** @description d(C): the discount of the highest tier whose minimum the total reaches (0 below every tier). Six decimals. */
        discountRate: string
        /** @description The tier the total reaches: 1 = the smallest minimum, 0 = none. */
        tier: number
        /** @description Mean over the simulated runs of Σ consumed ÷ Σ committed, where a year’s consumed amount is min(commitment, usage × (1 − discount)); null when nothing is committed. */
        expectedUtilization: string | null
        /** @description Mean over the runs of Σ consumed ÷ Σ discounted usage (usage × (1 − discount)): the share of usage the commitment covers (a run with no usage counts as covered). */
        expectedCoverage: string
        /** @description Share of runs in which consumption falls short of the commitment — in any contract year under `structure: annual` (the joint probability). */
        shortfallProbability: string
        /** @description Mean of Σ max(0, commitment − consumption): paid for but not used. */
        expectedStranded: string
        /** @description Mean total payment: per settlement, max(C, consumption) with overage at the discounted rate, or C + max(0, consumption − C) ÷ (1 − discount) with overage at list. */
        expectedPayment: string
        /** @description 1 − expectedPayment ÷ E[U], E[U] the mean simulated optimized spend at list (what no commitment pays): the saving the commitment buys. 0 for no commitment. */
        effectiveSavingsRate: string
        /** @description Per contract year under `structure: annual`; one entry under `term`. */
        years: {
          /** @description Contract year, 1 = the first 12 months (a single entry for the whole term under `structure: term`). */
          year: number
          /** @description The commitment settled in this year. Every year but the last is rounded half up to whole dollars and the last is the option’s presented total less the others, so the years add up to `commit`. */
          commit: string
          /** @description Mean over the simulated runs of what this year costs: commitment plus overage. */
          expectedPayment: string
          /** @description Mean over the runs of max(0, commitment − consumption) in this year. */
          expectedStranded: string
        }[]
      }[]
      warnings: {
        /** @description Stable code, e.g. `STRANDED_COMMITMENT`. */
        code: string
        /** @enum {string} */
        severity: 'error' | 'warning' | 'info'
        amount: string | null
        workloads: string[]
        /** @enum {string} */
        lever?: 'routing' | 'caching' | 'batch'
        message: string
      }[]
    }
    ScenarioComparison: {
      /** Format: uuid */
      portfolioId: string
      scenarios: {
        /** Format: uuid */
        scenarioId: string
        name: string
        termMonths: number
        /**
         * @description How the scenario’s commitment is settled: once for the term, or per contract year.
         * @enum {string}
         */
        structure: 'term' | 'annual'
        /** @description Term spend, no lever pulled. */
        baseline: string
        /** @description Term spend with the levers on their schedule. */
        optimized: string
        /** @description Term spend with every lever fully adopted from month 0. */
        fullyOptimized: string
        savings: {
          /** @description baseline − optimized term spend, cents. */
          scheduled: string
          /** @description baseline − fully optimized term spend, cents. */
          full: string
          /** @description scheduled ÷ baseline term spend (0 when the baseline is 0). */
          scheduledRate: string
          /** @description full ÷ baseline term spend (0 when the baseline is 0). */
          fullRate: string
        }
        /** @description In the scenario’s order. */
        waterfall: {
          lever: string
          /** @description USD as a decimal string. */
          savings: string
        }[]
        /** @description Order-independent saving per lever. */
        shapley: {
          [key: string]: string
        }
        recommendation: {
          /** @description USD as a decimal string. */
          commit: string
          discountRate: string
          /** @description USD as a decimal string. */
          expectedPayment: string
          /** @description USD as a decimal string. */
          expectedStranded: string
          shortfallProbability: string
          /** @description The recommended commitment per contract year under `structure: annual` (one entry for the term otherwise): where a year-by-year commitment strands money. */
          years: {
            year: number
            /** @description USD as a decimal string. */
            commit: string
            /** @description USD as a decimal string. */
            expectedPayment: string
            /** @description USD as a decimal string. */
            expectedStranded: string
          }[]
        }
        /** @description Expected stranded amount of the recommended, the proposed and the baseline-sized commitment. */
        stranded: {
          /** @description USD as a decimal string. */
          recommended: string
          proposed: string | null
          baseline: string | null
        }
        /** @description How many warnings of each code. */
        warningCounts: {
          [key: string]: number
        }
      }[]
      /** @description The scenario whose recommended commitment has the lowest expected payment over its term. */
      paysLeast: {
        /** Format: uuid */
        scenarioId: string
        name: string
        /** @description USD as a decimal string. */
        expectedPayment: string
      } | null
    }
    ScenarioTable: {
      /** @enum {string} */
      table:
        | 'months'
        | 'years'
        | 'workloads'
        | 'workload-months'
        | 'waterfall'
        | 'shapley'
        | 'options'
        | 'warnings'
      /** Format: uuid */
      scenarioId: string
      /** @constant */
      currency: 'USD'
      /** @description The column names, in order: the keys of every row. */
      columns: string[]
      /** @description One object per row, keys in column order. Money and rates are decimal strings, counts are numbers, lists are arrays, empty cells are null. */
      rows: {
        [key: string]: string | number | null | string[]
      }[]
    }
    HistoryPage: {
      /** @constant */
      object: 'list'
      data: components['schemas']['HistoryEntry'][]
      /** @description True when another page follows. */
      hasMore: boolean
      /** @description Pass as `startingAfter` to fetch the next page. */
      nextCursor: string | null
    }
    HistoryEntry: {
      /** Format: uuid */
      id: string
      /**
       * Format: date-time
       * @description When the change was committed.
       */
      at: string
      /** @description The API key that made the change (its name as it was then). */
      actor: {
        apiKeyId: string | null
        apiKeyName: string
      }
      resource: {
        /** @enum {string} */
        type: 'portfolio' | 'workload' | 'scenario'
        /** Format: uuid */
        id: string
      }
      /** @enum {string} */
      action: 'created' | 'updated' | 'deleted' | 'archived'
      /** @description The fields that changed, as they were (the whole resource for a delete; null for a create). */
      before: {
        [key: string]: unknown
      } | null
      /** @description The fields that changed, as they are now (the whole resource for a create; null for a delete). */
      after: {
        [key: string]: unknown
      } | null
    }
    CreateShareLinkInput: {
      /**
       * @description The resource to share: the path of a GET operation that allows share links, with its query parameters if any (`/v1/portfolios/{id}/scenarios/{id}/focus?dataset=cost-and-usage`). It must name a resource your organization can read now.
       *
       *     The operations that allow share links:
       *
       *     - `GET /v1/portfolios/{portfolioId}/comparison` — Compare scenarios side by side
       *     - `GET /v1/portfolios/{portfolioId}/comparison/report` — Scenarios side by side as a printable report (HTML)
       *     - `GET /v1/portfolios/{portfolioId}/scenarios/{scenarioId}/charts/{chart}` — A chart of the scenario’s plan, as SVG or PNG
       *     - `GET /v1/portfolios/{portfolioId}/scenarios/{scenarioId}/focus` — The scenario’s plan as a FOCUS 1.3 dataset (CSV)
       *     - `GET /v1/portfolios/{portfolioId}/scenarios/{scenarioId}/projection` — The scenario’s whole plan
       *     - `GET /v1/portfolios/{portfolioId}/scenarios/{scenarioId}/report` — The scenario’s plan as a printable report (HTML)
       *     - `GET /v1/portfolios/{portfolioId}/scenarios/{scenarioId}/tables/{table}` — One table of the scenario’s plan, as CSV or JSON
       *     - `GET /v1/portfolios/{portfolioId}/scenarios/{scenarioId}/workbook` — The scenario’s plan as an Excel workbook of live formulas
       *     - `GET /v1/portfolios/{portfolioId}/workloads` — List a portfolio’s workloads
       *     - `GET /v1/portfolios/{portfolioId}/workloads/import/template` — Download the CSV template of workloads
       */
      path: string
      /** @description Shorthand for the `format` parameter (`csv` or `json`) of a resource that has one; when omitted, such a resource is shared as `csv`. Not accepted for a resource without a `format` parameter. */
      format?: string
      /**
       * @description How long the link works, seconds: 60–604,800 (7 days); default 900 (15 minutes).
       * @default 900
       */
      expiresInSeconds?: number
    }
    CreatedShareLink: {
      /** Format: uuid */
      id: string
      /** @description The shared resource: its path and its own parameters, in canonical form. */
      path: string
      /** @description The `format` parameter of the shared resource (`csv`, `json`), or null when it has none. */
      format: string | null
      /**
       * Format: uuid
       * @description The API key that made the link: revoking the key stops the link too.
       */
      apiKeyId: string
      createdAt: string
      /** @description When the link stops working (whole seconds). */
      expiresAt: string
      /** @description The absolute URL to fetch with a plain GET, without a key (`=IMPORTDATA(url)` in Google Sheets, `Web.Contents(url)` in Power Query). It carries the signature: treat it as a password. */
      url: string
    }
    ShareLinkPage: {
      /** @constant */
      object: 'list'
      data: components['schemas']['ShareLink'][]
      /** @description True when another page follows. */
      hasMore: boolean
      /** @description Pass as `startingAfter` to fetch the next page. */
      nextCursor: string | null
    }
    ShareLink: {
      /** Format: uuid */
      id: string
      /** @description The shared resource: its path and its own parameters, in canonical form. */
      path: string
      /** @description The `format` parameter of the shared resource (`csv`, `json`), or null when it has none. */
      format: string | null
      /**
       * Format: uuid
       * @description The API key that made the link: revoking the key stops the link too.
       */
      apiKeyId: string
      createdAt: string
      /** @description When the link stops working (whole seconds). */
      expiresAt: string
    }
  }
  responses: never
  parameters: never
  requestBodies: never
  headers: never
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  getHealth: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Health']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getReadiness: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Readiness']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listModels: {
    parameters: {
      query?: {
        /** @description Price book id or slug (default: the built-in Anthropic list prices). */
        priceBook?: string
        /** @description `source` adds each model’s `source` (its references and notes, often a thousand characters); omitted otherwise. */
        include?: 'source'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ModelList']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getModel: {
    parameters: {
      query?: {
        /** @description Price book id or slug (default: the built-in Anthropic list prices). */
        priceBook?: string
        /** @description `source` adds each model’s `source` (its references and notes, often a thousand characters); omitted otherwise. */
        include?: 'source'
      }
      header?: never
      path: {
        /** @description Dated model id or alias, e.g. `claude-opus-4-5`. */
        model: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ModelLookup']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listPriceBooks: {
    parameters: {
      query?: {
        /** @description Page size, 1–100 (default 20). */
        limit?: number
        /** @description Opaque cursor: the `nextCursor` of the previous page. */
        startingAfter?: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PriceBookPage']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  createPriceBook: {
    parameters: {
      query?: never
      header?: {
        /** @description Makes the create safe to retry: the same key and body return the first response for 24 h. */
        'idempotency-key'?: string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePriceBookInput']
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PriceBook']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getPriceBook: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description Price book id (uuid) or slug, e.g. `anthropic-list`. */
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PriceBook']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  deletePriceBook: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag from your last read (required: a missing one is a 428, a stale one a 412). */
        'if-match'?: string
      }
      path: {
        /** @description Price book id (uuid) or slug, e.g. `anthropic-list`. */
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The `If-Match` ETag is stale: someone changed the resource since you read it. */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) and it is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) with a Content-Type other than `application/json`. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description This update needs an `If-Match` header with the ETag you read. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  updatePriceBook: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag from your last read (required: a missing one is a 428, a stale one a 412). */
        'if-match'?: string
      }
      path: {
        /** @description Price book id (uuid) or slug, e.g. `anthropic-list`. */
        id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePriceBookInput']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PriceBook']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The `If-Match` ETag is stale: someone changed the resource since you read it. */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description This update needs an `If-Match` header with the ETag you read. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getPriceBookModel: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description Price book id (uuid) or slug, e.g. `anthropic-list`. */
        id: string
        /** @description Dated model id or alias, e.g. `claude-opus-4-5`. */
        model: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ModelLookup']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  updatePriceBookModel: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag from your last read (required: a missing one is a 428, a stale one a 412). */
        'if-match'?: string
      }
      path: {
        /** @description Price book id (uuid) or slug, e.g. `anthropic-list`. */
        id: string
        /** @description Dated model id or alias, e.g. `claude-opus-4-5`. */
        model: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePriceBookModelInput']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PriceBook']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The `If-Match` ETag is stale: someone changed the resource since you read it. */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description This update needs an `If-Match` header with the ETag you read. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listApiKeys: {
    parameters: {
      query?: {
        /** @description Page size, 1–100 (default 20). */
        limit?: number
        /** @description Opaque cursor: the `nextCursor` of the previous page. */
        startingAfter?: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ApiKeyPage']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  createApiKey: {
    parameters: {
      query?: never
      header?: {
        /** @description Makes the create safe to retry: the same key and body return the first response for 24 h, with `secret: null` (the secret is shown once). */
        'idempotency-key'?: string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyInput']
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CreatedApiKey']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  revokeApiKey: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description API key id. */
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) and it is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) with a Content-Type other than `application/json`. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  previewPlan: {
    parameters: {
      query?: {
        /** @description Comma-separated parts of the plan to send besides the headline figures: `months` (portfolio monthly series), `years` (portfolio and per-workload contract years), `workloads` (per-workload figures), `workloadMonths` (per-workload monthly series; implies `workloads`). Default: `months,years,workloads`. An empty value sends the headline figures only. */
        include?: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PlanPreviewRequestInput']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PlanPreview']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listPortfolios: {
    parameters: {
      query?: {
        /** @description Page size, 1–100 (default 20). */
        limit?: number
        /** @description Opaque cursor: the `nextCursor` of the previous page. */
        startingAfter?: string
        /** @description Also list archived portfolios. */
        includeArchived?: 'true' | 'false'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PortfolioPage']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  createPortfolio: {
    parameters: {
      query?: never
      header?: {
        /** @description Makes the create safe to retry: the same key and body return the first response for 24 h. */
        'idempotency-key'?: string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePortfolioInput']
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Portfolio']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getPortfolio: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Portfolio']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  deletePortfolio: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag from your last read (required: a missing one is a 428, a stale one a 412). */
        'if-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['DeletedPortfolio']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The `If-Match` ETag is stale: someone changed the resource since you read it. */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) and it is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) with a Content-Type other than `application/json`. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description This update needs an `If-Match` header with the ETag you read. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  updatePortfolio: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag from your last read (required: a missing one is a 428, a stale one a 412). */
        'if-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePortfolioInput']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Portfolio']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The `If-Match` ETag is stale: someone changed the resource since you read it. */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description This update needs an `If-Match` header with the ETag you read. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listWorkloads: {
    parameters: {
      query?: {
        /** @description Page size, 1–100 (default 20). */
        limit?: number
        /** @description Opaque cursor: the `nextCursor` of the previous page. */
        startingAfter?: string
        /** @description `csv`: every workload of the portfolio as one CSV table (`limit` and `startingAfter` do not apply). Absent: `Accept: text/csv` asks for it too; JSON otherwise. */
        format?: 'json' | 'csv'
      }
      header?: never
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of workloads, or every workload as CSV. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WorkloadPage']
          'text/csv': string
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  createWorkloads: {
    parameters: {
      query?: never
      header?: {
        /** @description Makes the create safe to retry: the same key and body return the first response for 24 h. */
        'idempotency-key'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWorkloadsInput']
      }
    }
    responses: {
      /** @description The workload, or the list made. */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Workload'] | components['schemas']['CreatedWorkloads']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getWorkload: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The workload’s id. */
        workloadId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Workload']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  deleteWorkload: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag from your last read (required: a missing one is a 428, a stale one a 412). */
        'if-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The workload’s id. */
        workloadId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The `If-Match` ETag is stale: someone changed the resource since you read it. */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) and it is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) with a Content-Type other than `application/json`. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description This update needs an `If-Match` header with the ETag you read. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  updateWorkload: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag from your last read (required: a missing one is a 428, a stale one a 412). */
        'if-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The workload’s id. */
        workloadId: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateWorkloadInput']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Workload']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The `If-Match` ETag is stale: someone changed the resource since you read it. */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description This update needs an `If-Match` header with the ETag you read. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getWorkloadImportTemplate: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The template (CSV, UTF-8). */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/csv': string
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  importWorkloads: {
    parameters: {
      query?: {
        /** @description `create` (default): every row is a new workload; a name the portfolio already has is a bad row. `upsert`: a row whose name the portfolio has replaces that workload. */
        mode?: 'create' | 'upsert'
        /** @description `true`: check the file and answer what the import would do, writing nothing. */
        dryRun?: 'true' | 'false'
      }
      header?: {
        /** @description Makes the create safe to retry: the same key and body return the first response for 24 h (a dry run stores nothing). */
        'idempotency-key'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    /** @description CSV (RFC 4180, UTF-8): a header row of the columns, then one row per workload. */
    requestBody: {
      content: {
        'text/csv': string
      }
    }
    responses: {
      /** @description What became of each row (or would, in a dry run). */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WorkloadImportReport']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  importAnthropicUsage: {
    parameters: {
      query?: {
        /** @description `true`: answer what would be created (200) and write nothing. */
        dryRun?: 'true' | 'false'
      }
      header?: {
        /** @description Makes the create safe to retry: the same key and body return the first response for 24 h (a dry run stores nothing and needs none). */
        'idempotency-key'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['AnthropicUsageImportInput']
      }
    }
    responses: {
      /** @description Dry run: what would be created; nothing was written. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UsageImportPreview']
        }
      }
      /** @description The workloads created, with how each was derived. */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UsageImportResult']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listScenarios: {
    parameters: {
      query?: {
        /** @description Page size, 1–100 (default 20). */
        limit?: number
        /** @description Opaque cursor: the `nextCursor` of the previous page. */
        startingAfter?: string
      }
      header?: never
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ScenarioPage']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  createScenario: {
    parameters: {
      query?: never
      header?: {
        /** @description Makes the create safe to retry: the same key and body return the first response for 24 h. */
        'idempotency-key'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateScenarioInput']
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Scenario']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getScenario: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Scenario']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  deleteScenario: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag from your last read (required: a missing one is a 428, a stale one a 412). */
        'if-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The `If-Match` ETag is stale: someone changed the resource since you read it. */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) and it is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) with a Content-Type other than `application/json`. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description This update needs an `If-Match` header with the ETag you read. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  updateScenario: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag from your last read (required: a missing one is a 428, a stale one a 412). */
        'if-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateScenarioInput']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Scenario']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The `If-Match` ETag is stale: someone changed the resource since you read it. */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description This update needs an `If-Match` header with the ETag you read. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getProjection: {
    parameters: {
      query?: {
        /** @description Comma-separated parts of the plan to send besides the headline figures: `months` (portfolio monthly series), `years` (portfolio and per-workload contract years), `workloads` (per-workload figures), `workloadMonths` (per-workload monthly series; implies `workloads`). Default: `months,years,workloads`. An empty value sends the headline figures only. */
        include?: string
      }
      header?: {
        /** @description An ETag from an earlier read: when it still matches, the answer is a 304 without a body. */
        'if-none-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PlanPreview']
        }
      }
      /** @description Not modified: the plan is the one your ETag names. */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getRecommendation: {
    parameters: {
      query?: never
      header?: {
        /** @description An ETag from an earlier read: when it still matches, the answer is a 304 without a body. */
        'if-none-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ScenarioRecommendation']
        }
      }
      /** @description Not modified: the plan is the one your ETag names. */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  compareScenarios: {
    parameters: {
      query?: {
        /** @description Comma-separated scenario ids (at most 10), in the order to show them; default: the portfolio’s first 10. */
        scenarios?: string
        /** @description `csv`: one row per scenario, columns as in docs/spreadsheets.md; without it, `Accept: text/csv` (preferred to JSON) asks for CSV too. */
        format?: 'csv' | 'json'
      }
      header?: {
        /** @description An ETag from an earlier read: when it still matches, the answer is a 304 without a body. */
        'if-none-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The scenarios side by side. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ScenarioComparison']
          'text/csv': string
        }
      }
      /** @description Not modified: the plan is the one your ETag names. */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getScenarioTable: {
    parameters: {
      query?: {
        /** @description `csv` or `json`; without it, `Accept: text/csv` (preferred to JSON) asks for CSV and anything else gets JSON. */
        format?: 'csv' | 'json'
      }
      header?: {
        /** @description An ETag from an earlier read: when it still matches, the answer is a 304 without a body. */
        'if-none-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
        /** @description Which table: `months`, `years`, `workloads`, `workload-months`, `waterfall`, `shapley`, `options` or `warnings`. */
        table:
          | 'months'
          | 'years'
          | 'workloads'
          | 'workload-months'
          | 'waterfall'
          | 'shapley'
          | 'options'
          | 'warnings'
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The table. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ScenarioTable']
          'text/csv': string
        }
      }
      /** @description Not modified: the table is the one your ETag names. */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getScenarioFocus: {
    parameters: {
      query?: {
        /** @description `cost-and-usage` (default): the projected monthly spend per workload as FOCUS 1.3 Cost and Usage rows, with the recommended commitment’s purchase and drawdown; `contract-commitment`: the recommended commitment as FOCUS 1.3 Contract Commitment rows. */
        dataset?: 'cost-and-usage' | 'contract-commitment'
      }
      header?: {
        /** @description An ETag from an earlier read: when it still matches, the answer is a 304 without a body. */
        'if-none-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The dataset. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/csv': string
        }
      }
      /** @description Not modified: the dataset is the one your ETag names. */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getScenarioChart: {
    parameters: {
      query?: {
        /** @description Width in CSS pixels, 320–2400 (default 960). Below 640×400 the chart is laid out at that size and scaled down, a thumbnail. */
        width?: number
        /** @description Height in CSS pixels, 200–1600 (default 540). */
        height?: number
        /** @description PNG only: device pixels per CSS pixel, 1–3 (default 1; 2 for a sharp slide). The image has width × scale by height × scale pixels, at most 8,294,400 (3840×2160). Ignored for SVG, which scales by itself. */
        scale?: number
      }
      header?: {
        /** @description An ETag from an earlier read: when it still matches, the answer is a 304 without a body. */
        'if-none-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
        /** @description The chart and its format, one of `waterfall.svg`, `waterfall.png`, `forecast.svg`, `forecast.png`, `years.svg`, `years.png`: the savings `waterfall`, the monthly `forecast` with the commitments, or the contract `years`; as SVG or PNG. Any other name is a 404 listing these. */
        chart: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The chart: an SVG document (`image/svg+xml`, UTF-8, accessible title and description, every figure in `data-` attributes) or a PNG image, by the name’s extension. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'image/svg+xml': string
          'image/png': string
        }
      }
      /** @description Not modified: the chart is the one your ETag names. */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  previewPlanChart: {
    parameters: {
      query?: {
        /** @description Width in CSS pixels, 320–2400 (default 960). Below 640×400 the chart is laid out at that size and scaled down, a thumbnail. */
        width?: number
        /** @description Height in CSS pixels, 200–1600 (default 540). */
        height?: number
        /** @description PNG only: device pixels per CSS pixel, 1–3 (default 1; 2 for a sharp slide). The image has width × scale by height × scale pixels, at most 8,294,400 (3840×2160). Ignored for SVG, which scales by itself. */
        scale?: number
      }
      header?: never
      path: {
        /** @description The chart and its format, one of `waterfall.svg`, `waterfall.png`, `forecast.svg`, `forecast.png`, `years.svg`, `years.png`: the savings `waterfall`, the monthly `forecast` with the commitments, or the contract `years`; as SVG or PNG. Any other name is a 404 listing these. */
        chart: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PlanPreviewRequestInput']
      }
    }
    responses: {
      /** @description The chart: an SVG document (`image/svg+xml`, UTF-8, accessible title and description, every figure in `data-` attributes) or a PNG image, by the name’s extension. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'image/svg+xml': string
          'image/png': string
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getScenarioWorkbook: {
    parameters: {
      query?: never
      header?: {
        /** @description An ETag from an earlier read: when it still matches, the answer is a 304 without a body. */
        'if-none-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The workbook (.xlsx). */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string
        }
      }
      /** @description Not modified: the workbook is the one your ETag names. */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getScenarioReport: {
    parameters: {
      query?: never
      header?: {
        /** @description An ETag from an earlier read: when it still matches, the answer is a 304 without a body. */
        'if-none-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
        /** @description The scenario’s id. */
        scenarioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The report: one self-contained HTML document (`text/html; charset=utf-8`) — inline stylesheet and SVG charts, no script, font or image to fetch — that prints on A4 and Letter. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': string
        }
      }
      /** @description Not modified: the report is the one your ETag names. */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getComparisonReport: {
    parameters: {
      query?: {
        /** @description Comma-separated scenario ids (at most 10), in the order to show them; default: the portfolio’s first 10. */
        scenarios?: string
      }
      header?: {
        /** @description An ETag from an earlier read: when it still matches, the answer is a 304 without a body. */
        'if-none-match'?: string
      }
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The report: one self-contained HTML document (`text/html; charset=utf-8`) — inline stylesheet and SVG charts, no script, font or image to fetch — that prints on A4 and Letter. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': string
        }
      }
      /** @description Not modified: the report is the one your ETag names. */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked (`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listPortfolioHistory: {
    parameters: {
      query?: {
        /** @description Page size, 1–100 (default 20). */
        limit?: number
        /** @description Opaque cursor: the `nextCursor` of the previous page. */
        startingAfter?: string
      }
      header?: never
      path: {
        /** @description The portfolio’s id. */
        portfolioId: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['HistoryPage']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listShareLinks: {
    parameters: {
      query?: {
        /** @description Page size, 1–100 (default 20). */
        limit?: number
        /** @description Opaque cursor: the `nextCursor` of the previous page. */
        startingAfter?: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ShareLinkPage']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  createShareLink: {
    parameters: {
      query?: never
      header?: {
        /** @description Makes the create safe to retry: the same key and body return the first response for 24 h. */
        'idempotency-key'?: string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateShareLinkInput']
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CreatedShareLink']
        }
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request body is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unsupported Content-Type. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The request is well formed but describes something impossible. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  revokeShareLink: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description Share link id. */
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request is malformed or a field is invalid (see `errors[].pointer`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No API key, or an unknown, revoked or expired one. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description The API key lacks the scope this operation needs. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description No such resource in your organization. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does). */
      405: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) and it is too large. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A path parameter is longer than any identifier of this API (`URI_TOO_LONG`). */
      414: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description A body was sent (this operation takes none) with a Content-Type other than `application/json`. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Too many requests; retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Unexpected server error; quote `requestId` when reporting it. */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
}
