/** /interviews/:id/replay: the session step by step from its event log, as the caller may see it. */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExamLockNotice } from "@/components/assessment/exam-lock-notice";
import { ReplayPlayer } from "@/components/interview/replay-player";
import { loadReplay } from "@/lib/server/interviews/pages";

export const metadata: Metadata = { title: "Interview replay" };
export const dynamic = "force-dynamic";

export default async function ReplayPage({ params }: { params: Promise<{ id: string }> }) {
  const id = (await params).id;
  const replay = await loadReplay(id);
  if (!replay) notFound();
  if (replay.locked) return <ExamLockNotice lock={replay.locked} />;
  return (
    <>
      <h1>Replay: {replay.title}</h1>
      <p><Link href={`/interviews/${id}`}>Back to the interview</Link></p>
      <ReplayPlayer frames={replay.frames} />
    </>
  );
}
