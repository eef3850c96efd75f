-- CreateTable
CREATE TABLE "InterviewSession" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "InterviewSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewEvent" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "InterviewEvent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "InterviewEvent" ADD CONSTRAINT "InterviewEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "InterviewSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

