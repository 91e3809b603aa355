-- Each share-link creation purges a bounded batch of links expired more than a day ago, the longest expired
-- first (src/modules/share-links/share-links.service.ts, SHARE_LINK_PURGE): this index makes that a read of
-- the batch only, whatever the table's size.
CREATE INDEX "ShareLink_expiresAt_idx" ON "ShareLink"("expiresAt");
