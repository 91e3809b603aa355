-- Engine v2: a stored plan keeps its contract years as parts of their own (the portfolio's, and each workload's,
-- one JSON array per line), so that `include=years` is assembled by joining text like the other parts. Plans
-- computed before this migration are recomputed on their next read (their input key names the old format).
ALTER TABLE "PlanSnapshot" ADD COLUMN "years" TEXT;
ALTER TABLE "PlanSnapshot" ADD COLUMN "workloadYears" TEXT;
