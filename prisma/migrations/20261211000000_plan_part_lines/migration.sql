-- The lines of a stored plan's per-workload parts, split out of "PlanSnapshot" the first time a table or an
-- export streams that part of that plan revision (docs/spreadsheets.md, "How the big tables stream"). PostgreSQL
-- cannot read the middle of a large UTF-8 text value without reading it from its start — a slice of any size
-- costs about a whole read, compressed or not — so streaming a 30 MB part in slices was quadratic; lines read by
-- number cost what they hold. Derived data, like the snapshot: a newer plan of the scenario replaces them.
CREATE TABLE "PlanPartLine" (
    "scenarioId" UUID NOT NULL,
    "inputKey" VARCHAR(200) NOT NULL,
    "part" VARCHAR(20) NOT NULL,
    "line" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "PlanPartLine_pkey" PRIMARY KEY ("scenarioId", "inputKey", "part", "line")
);

ALTER TABLE "PlanPartLine" ADD CONSTRAINT "PlanPartLine_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "PlanSnapshot"("scenarioId") ON DELETE CASCADE ON UPDATE CASCADE;
