-- Initial schema: organizations, API keys, price books, portfolios, workloads, scenarios, idempotency.
-- Written by hand in the shape `prisma migrate diff` produces (no schema engine on our machines);
-- test/integration/schema-drift.test.ts checks it against prisma/schema.prisma.

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "prefix" VARCHAR(32) NOT NULL,
    "secretHash" CHAR(64) NOT NULL,
    "scopes" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceBook" (
    "id" UUID NOT NULL,
    "organizationId" UUID,
    "slug" VARCHAR(100) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "effectiveFrom" DATE NOT NULL,
    "source" VARCHAR(2000) NOT NULL DEFAULT '',
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "contentHash" CHAR(64),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceBook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelPrice" (
    "id" UUID NOT NULL,
    "priceBookId" UUID NOT NULL,
    "modelId" VARCHAR(100) NOT NULL,
    "aliases" TEXT[],
    "displayName" VARCHAR(200) NOT NULL,
    "input" DECIMAL(20,10) NOT NULL,
    "output" DECIMAL(20,10) NOT NULL,
    "cacheWrite5m" DECIMAL(20,10) NOT NULL,
    "cacheWrite1h" DECIMAL(20,10) NOT NULL,
    "cacheRead" DECIMAL(20,10) NOT NULL,
    "batchDiscount" DECIMAL(12,10) NOT NULL,
    "minCacheableTokens" DECIMAL(24,6) NOT NULL,
    "tokenizerRatio" DECIMAL(12,10) NOT NULL,
    "dataResidencyMultiplier" DECIMAL(12,10),
    "deprecatedAt" DATE,
    "retiresAt" DATE,
    "effectiveFrom" DATE,
    "source" VARCHAR(2000) NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ModelPrice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LongContextBand" (
    "id" UUID NOT NULL,
    "modelPriceId" UUID NOT NULL,
    "thresholdTokens" DECIMAL(24,6) NOT NULL,
    "input" DECIMAL(20,10) NOT NULL,
    "output" DECIMAL(20,10) NOT NULL,
    "cacheWrite5m" DECIMAL(20,10) NOT NULL,
    "cacheWrite1h" DECIMAL(20,10) NOT NULL,
    "cacheRead" DECIMAL(20,10) NOT NULL,

    CONSTRAINT "LongContextBand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Portfolio" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Portfolio_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workload" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "portfolioId" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(100),
    "model" VARCHAR(100) NOT NULL,
    "routeToModel" VARCHAR(100),
    "requestsPerMonth" DECIMAL(24,6) NOT NULL,
    "inputTokensPerRequest" DECIMAL(24,6) NOT NULL,
    "outputTokensPerRequest" DECIMAL(24,6) NOT NULL,
    "cacheablePrefixTokens" DECIMAL(24,6) NOT NULL DEFAULT 0,
    "currentCacheHitRate" DECIMAL(12,10) NOT NULL DEFAULT 0,
    "targetCacheHitRate" DECIMAL(12,10),
    "cacheTtl" VARCHAR(2) NOT NULL DEFAULT '5m',
    "userWaiting" BOOLEAN NOT NULL,
    "currentBatchShare" DECIMAL(12,10) NOT NULL DEFAULT 0,
    "targetBatchShare" DECIMAL(12,10),
    "routableShare" DECIMAL(12,10),
    "monthlyGrowthRate" DECIMAL(12,10) NOT NULL DEFAULT 0,
    "inferenceGeo" VARCHAR(10) NOT NULL DEFAULT 'global',
    "observedMonthlySpend" DECIMAL(20,6),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Workload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "portfolioId" UUID NOT NULL,
    "priceBookId" UUID,
    "name" VARCHAR(200) NOT NULL,
    "termStart" DATE NOT NULL,
    "termMonths" INTEGER NOT NULL,
    "levers" JSONB NOT NULL,
    "commitment" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "method" VARCHAR(10) NOT NULL,
    "path" VARCHAR(2000) NOT NULL,
    "requestHash" CHAR(64) NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "responseBody" TEXT NOT NULL,
    "responseHeaders" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_name_key" ON "Organization"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_idx" ON "ApiKey"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "PriceBook_organizationId_slug_key" ON "PriceBook"("organizationId", "slug");

-- Built-in books have no organization; NULLs are distinct in a unique index, so guard their slugs apart.
CREATE UNIQUE INDEX "PriceBook_builtin_slug_key" ON "PriceBook"("slug") WHERE "organizationId" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ModelPrice_priceBookId_modelId_key" ON "ModelPrice"("priceBookId", "modelId");

-- CreateIndex
CREATE UNIQUE INDEX "LongContextBand_modelPriceId_thresholdTokens_key" ON "LongContextBand"("modelPriceId", "thresholdTokens");

-- CreateIndex
CREATE UNIQUE INDEX "Portfolio_organizationId_name_key" ON "Portfolio"("organizationId", "name");

-- CreateIndex
CREATE INDEX "Workload_organizationId_idx" ON "Workload"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Workload_portfolioId_name_key" ON "Workload"("portfolioId", "name");

-- CreateIndex
CREATE INDEX "Scenario_organizationId_idx" ON "Scenario"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Scenario_portfolioId_name_key" ON "Scenario"("portfolioId", "name");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_expiresAt_idx" ON "IdempotencyRecord"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_organizationId_key_key" ON "IdempotencyRecord"("organizationId", "key");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceBook" ADD CONSTRAINT "PriceBook_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelPrice" ADD CONSTRAINT "ModelPrice_priceBookId_fkey" FOREIGN KEY ("priceBookId") REFERENCES "PriceBook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LongContextBand" ADD CONSTRAINT "LongContextBand_modelPriceId_fkey" FOREIGN KEY ("modelPriceId") REFERENCES "ModelPrice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Portfolio" ADD CONSTRAINT "Portfolio_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workload" ADD CONSTRAINT "Workload_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_priceBookId_fkey" FOREIGN KEY ("priceBookId") REFERENCES "PriceBook"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
