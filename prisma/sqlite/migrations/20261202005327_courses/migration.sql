-- CreateTable
CREATE TABLE "SiteAuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT NOT NULL,
    "targetUserId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SiteAuditEntry_targetUserId_at_idx" ON "SiteAuditEntry"("targetUserId", "at");

-- CreateIndex
CREATE INDEX "SiteAuditEntry_at_idx" ON "SiteAuditEntry"("at");

