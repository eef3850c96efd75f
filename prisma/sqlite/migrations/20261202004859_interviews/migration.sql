-- CreateTable
CREATE TABLE "InterviewSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "joinCode" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "interviewerId" TEXT,
    "candidateId" TEXT,
    "candidateGuestId" TEXT,
    "scenarioId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "difficulty" TEXT NOT NULL,
    "optionSalt" TEXT NOT NULL,
    "variantFingerprint" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "InterviewEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    CONSTRAINT "InterviewEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "InterviewSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "InterviewSession_joinCode_key" ON "InterviewSession"("joinCode");

-- CreateIndex
CREATE INDEX "InterviewSession_interviewerId_createdAt_idx" ON "InterviewSession"("interviewerId", "createdAt");

-- CreateIndex
CREATE INDEX "InterviewSession_candidateId_createdAt_idx" ON "InterviewSession"("candidateId", "createdAt");

-- CreateIndex
CREATE INDEX "InterviewSession_candidateGuestId_idx" ON "InterviewSession"("candidateGuestId");

-- CreateIndex
CREATE INDEX "InterviewSession_variantFingerprint_status_idx" ON "InterviewSession"("variantFingerprint", "status");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewEvent_sessionId_seq_key" ON "InterviewEvent"("sessionId", "seq");

