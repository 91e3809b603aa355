-- Share links: signed, expiring, revocable pull links to one GET resource (docs/spreadsheets.md). Only what
-- the signature covers is stored, never the signature itself; revocation is a timestamp, so every instance
-- sees it on the link's next request.

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "apiKeyId" UUID NOT NULL,
    "path" VARCHAR(2000) NOT NULL,
    "query" VARCHAR(2000) NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShareLink_organizationId_createdAt_id_idx" ON "ShareLink"("organizationId", "createdAt", "id");
CREATE INDEX "ShareLink_apiKeyId_idx" ON "ShareLink"("apiKeyId");

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_organizationId_fkey"
  FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_apiKeyId_fkey"
  FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
