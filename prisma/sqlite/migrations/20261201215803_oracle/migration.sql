-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "label" TEXT;
ALTER TABLE "Attempt" ADD COLUMN "optionSalt" TEXT;
ALTER TABLE "Attempt" ADD COLUMN "variantFingerprint" TEXT;

-- CreateIndex
CREATE INDEX "Attempt_variantFingerprint_status_idx" ON "Attempt"("variantFingerprint", "status");

