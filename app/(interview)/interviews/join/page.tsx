/** /interviews/join?code=K7QM-4ZX2: the link an interviewer shares; joining happens on a click (it sets the guest cookie). */
import type { Metadata } from "next";
import { JoinInterviewForm } from "@/components/interview/start-form";

export const metadata: Metadata = { title: "Join an interview" };

export default async function JoinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const code = (await searchParams).code;
  return (
    <>
      <h1>Join an interview</h1>
      <p>No account needed: you join as a guest unless you are signed in.</p>
      <JoinInterviewForm code={typeof code === "string" ? code.slice(0, 20) : ""} />
    </>
  );
}
