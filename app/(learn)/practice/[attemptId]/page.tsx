/**
 * /practice/:attemptId: the learner's attempt. Before submission, the public sheet (story,
 * diagram, blanks) and the answer form; after, the results. Anyone but the owner gets a 404.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ExamLockNotice } from "@/components/assessment/exam-lock-notice";
import { GuestNotice } from "@/components/practice/guest-notice";
import { PracticeSheet } from "@/components/practice/practice-sheet";
import { ResultsView } from "@/components/practice/results-view";
import { examLockForPage } from "@/lib/server/assessments/exam-lock";
import { loadPracticePage } from "@/lib/server/practice-page";
import { getRequestOwner } from "@/lib/server/request-owner";

interface PracticePageProps {
  params: Promise<{ attemptId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const owner = cache(getRequestOwner);
const load = cache(async (attemptId: string) => loadPracticePage(attemptId, await owner()));

export async function generateMetadata({ params }: PracticePageProps): Promise<Metadata> {
  const data = await load((await params).attemptId);
  if (!data) return { title: "Not found" };
  return { title: data.status === "submitted" ? `Results: ${data.title}` : `Practice: ${data.title}` };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function PracticePage({ params, searchParams }: PracticePageProps) {
  const lock = await examLockForPage("practice");
  if (lock) return <ExamLockNotice lock={lock} />;
  const data = await load((await params).attemptId);
  if (!data) notFound();
  const current = await owner();
  const guest = current !== null && "guestId" in current;
  const notice = guest ? <GuestNotice attemptId={data.attemptId} /> : null;
  if (data.status === "submitted") {
    const query = await searchParams;
    return (
      <>
        {notice}
        <ResultsView data={data} focus={{ flow: one(query.flow), at: one(query.at) }} />
      </>
    );
  }
  return (
    <>
      {notice}
      <PracticeSheet data={data} />
    </>
  );
}
