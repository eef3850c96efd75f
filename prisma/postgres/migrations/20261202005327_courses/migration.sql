-- CreateTable
CREATE TABLE "SiteAuditEntry" (
    "id" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "targetUserId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteAuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SiteAuditEntry_targetUserId_at_idx" ON "SiteAuditEntry"("targetUserId", "at");

-- CreateIndex
CREATE INDEX "SiteAuditEntry_at_idx" ON "SiteAuditEntry"("at");

