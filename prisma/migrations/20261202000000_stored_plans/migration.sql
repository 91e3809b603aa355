-- Stored plans: portfolios gain a currency, a default price book and archiving; workloads gain a team and
-- tags; scenarios remember the scenario they were copied from. A scenario's computed plan is kept per input
-- revision (plan_snapshot); every change to a portfolio, its workloads or its scenarios is recorded in an
-- append-only history, written in the same transaction as the change.

ALTER TABLE "Portfolio"
  ADD COLUMN "currency" CHAR(3) NOT NULL DEFAULT 'USD',
  ADD COLUMN "defaultPriceBookId" UUID,
  ADD COLUMN "workloadsRevision" INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN "archivedAt" TIMESTAMPTZ(3);
ALTER TABLE "Portfolio" ADD CONSTRAINT "Portfolio_defaultPriceBookId_fkey"
  FOREIGN KEY ("defaultPriceBookId") REFERENCES "PriceBook"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "Portfolio_defaultPriceBookId_idx" ON "Portfolio"("defaultPriceBookId");

ALTER TABLE "Workload"
  ADD COLUMN "team" VARCHAR(200),
  ADD COLUMN "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];
CREATE INDEX "Workload_portfolioId_createdAt_id_idx" ON "Workload"("portfolioId", "createdAt", "id");

ALTER TABLE "Scenario" ADD COLUMN "basedOnId" UUID;
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_basedOnId_fkey"
  FOREIGN KEY ("basedOnId") REFERENCES "Scenario"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Scenario_priceBookId_idx" ON "Scenario"("priceBookId");

-- One computed plan per scenario: the JSON parts of the plan, for the input revision named by inputKey.
-- status 'computing' is a claim (so concurrent first reads compute once, across instances); 'ready' holds
-- the parts; 'failed' holds the problem the computation ended with.
CREATE TABLE "PlanSnapshot" (
  "scenarioId"     UUID NOT NULL,
  "organizationId" UUID NOT NULL,
  "inputKey"       VARCHAR(200) NOT NULL,
  "status"         VARCHAR(10) NOT NULL,
  "claimedAt"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "computedAt"     TIMESTAMPTZ(3),
  "head"           TEXT,
  "months"         TEXT,
  "workloads"      TEXT,
  "workloadMonths" TEXT,
  "options"        TEXT,
  CONSTRAINT "PlanSnapshot_pkey" PRIMARY KEY ("scenarioId")
);
ALTER TABLE "PlanSnapshot" ADD CONSTRAINT "PlanSnapshot_scenarioId_fkey"
  FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "HistoryEntry" (
  "id"             UUID NOT NULL,
  "organizationId" UUID NOT NULL,
  "portfolioId"    UUID NOT NULL,
  "apiKeyId"       UUID,
  "apiKeyName"     VARCHAR(200) NOT NULL,
  "resourceType"   VARCHAR(20) NOT NULL,
  "resourceId"     UUID NOT NULL,
  "action"         VARCHAR(20) NOT NULL,
  "before"         JSONB,
  "after"          JSONB,
  "createdAt"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "HistoryEntry_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "HistoryEntry" ADD CONSTRAINT "HistoryEntry_organizationId_fkey"
  FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "HistoryEntry_portfolioId_createdAt_id_idx" ON "HistoryEntry"("portfolioId", "createdAt", "id");

-- Append-only: an entry, once written, is never changed (deleting an organization still removes its rows).
CREATE FUNCTION "history_entry_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'HistoryEntry rows are append-only';
END
$$;
CREATE TRIGGER "HistoryEntry_append_only" BEFORE UPDATE ON "HistoryEntry"
  FOR EACH ROW EXECUTE FUNCTION "history_entry_is_append_only"();
