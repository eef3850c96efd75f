/** Tells a guest where their work is kept, and how to keep it: it lives in this browser until they sign up. */
import Link from "next/link";
import styles from "./guest-notice.module.css";

export function GuestNotice({ attemptId }: { attemptId: string }) {
  const back = encodeURIComponent(`/practice/${attemptId}`);
  return (
    <aside className={styles.notice} aria-label="Guest practice" data-testid="guest-notice">
      <p>
        You are practising as a guest: your answers and results live in this browser only (clearing its cookies loses them).{" "}
        <Link href={`/sign-up?callbackUrl=${back}`}>Sign up</Link> to keep them: this attempt comes with you, and you come straight back here.
      </p>
    </aside>
  );
}
