/** /interviews: start a mock interview (solo or live), join one by code, and the sessions you ran or took. */
import type { Metadata } from "next";
import { JoinInterviewForm, StartInterviewForm } from "@/components/interview/start-form";
import { SessionList } from "@/components/interview/session-list";
import { listScenarios } from "@/lib/server/catalogue";
import { listSessionsOf } from "@/lib/server/interviews/lists";
import { getRequestOwner } from "@/lib/server/request-owner";

export const metadata: Metadata = { title: "Mock interviews" };

export default async function InterviewsPage() {
  const owner = await getRequestOwner();
  const lists = owner ? await listSessionsOf(owner) : { interviewed: [], taken: [] };
  const scenarios = listScenarios().map((s) => ({ id: s.id, title: s.title }));
  return (
    <>
      <h1>Mock interviews</h1>
      <p>Stages with their own clock, hints that cost points, follow-ups made by changing the network, and a report against the simulator&apos;s true trace.</p>
      <StartInterviewForm scenarios={scenarios} signedIn={owner !== null && "userId" in owner} />
      <JoinInterviewForm />
      <h2>Interviews you ran</h2>
      <SessionList sessions={lists.interviewed} empty="None yet." testId="sessions-interviewed" />
      <h2>Interviews you took</h2>
      <SessionList sessions={lists.taken} empty="None yet." testId="sessions-taken" />
    </>
  );
}
