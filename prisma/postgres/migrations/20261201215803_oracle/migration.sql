-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "label" TEXT,
ADD COLUMN     "optionSalt" TEXT,
ADD COLUMN     "variantFingerprint" TEXT;

-- CreateIndex
CREATE INDEX "Attempt_variantFingerprint_status_idx" ON "Attempt"("variantFingerprint", "status");

