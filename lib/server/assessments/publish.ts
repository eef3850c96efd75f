/**
 * Publishing freezes an assessment: its definition stops changing and the text of every scenario it
 * can draw is stored by hash, so what students take stays reproducible.
 */
import "server-only";
import { ENGINE_VERSION } from "@/lib/engine/version";
import { getDb } from "../db";
import { freezeCatalogueScenarios } from "./content";
import { findAssessment } from "./records";

export type PublishResult =
  | { readonly ok: true; readonly contentHashes: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly reason: "not_found" | "already_published" | "unknown_scenario"; readonly message: string };

/** Publishes a draft (the caller has checked the actor's right and the definition's check). */
export async function publishAssessment(assessmentId: string, actorId: string, now: Date): Promise<PublishResult> {
  const assessment = await findAssessment(assessmentId);
  if (!assessment) return { ok: false, reason: "not_found", message: "No assessment with that id." };
  if (assessment.status === "published") return { ok: false, reason: "already_published", message: "This assessment is already published; published assessments do not change." };
  const ids = assessment.definition.zones.flatMap((z) => z.alternatives.map((a) => a.scenario));
  try {
    return await getDb().$transaction(async (tx) => {
      const contentHashes = await freezeCatalogueScenarios(tx, ids);
      // Only a draft turns into a published assessment: a second publisher racing this one changes nothing.
      const changed = await tx.assessment.updateMany({
        where: { id: assessmentId, status: "draft" },
        data: { status: "published", publishedAt: now, contentHashes, engineVersion: ENGINE_VERSION },
      });
      if (changed.count !== 1) return { ok: false as const, reason: "already_published" as const, message: "This assessment is already published." };
      await tx.auditEntry.create({ data: { courseId: assessment.courseId, assessmentId, actorId, action: "assessment-published", detail: `published "${assessment.title}"`, reason: "", at: now } });
      return { ok: true as const, contentHashes };
    });
  } catch (error) {
    if (error instanceof Error && error.name === "MissingContentError") return { ok: false, reason: "unknown_scenario", message: error.message };
    throw error;
  }
}
