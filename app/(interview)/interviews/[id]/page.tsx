/** /interviews/:id: the interviewer's console or the candidate's room, by the caller's role; 404 to anyone else. */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExamLockNotice } from "@/components/assessment/exam-lock-notice";
import { CandidateRoom, type CandidateProjection } from "@/components/interview/candidate-room";
import { InterviewerConsole, type InterviewerProjection } from "@/components/interview/interviewer-console";
import { loadInterviewPage } from "@/lib/server/interviews/pages";

export const metadata: Metadata = { title: "Interview" };
export const dynamic = "force-dynamic";

export default async function InterviewPage({ params }: { params: Promise<{ id: string }> }) {
  const page = await loadInterviewPage((await params).id);
  if (!page) notFound();
  if (page.locked) return <ExamLockNotice lock={page.locked} />;
  const p = page.projection;
  return p.role === "interviewer"
    ? <InterviewerConsole sessionId={page.id} initial={p as InterviewerProjection} diagram={page.diagram} />
    : <CandidateRoom sessionId={page.id} initial={p as CandidateProjection} diagram={page.diagram} />;
}
