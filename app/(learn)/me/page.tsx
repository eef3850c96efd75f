import type { Metadata } from "next";
import Link from "next/link";
import { SessionList } from "@/components/interview/session-list";
import { getCurrentUser } from "@/lib/server/auth";
import { listSessionsOf } from "@/lib/server/interviews/lists";
import { type Progress, getProgress } from "@/lib/server/progress";
import { getGuestId } from "@/lib/server/request-owner";
import { conceptLabel, DIFFICULTY_LABELS, isDifficulty } from "../concepts";
import { drillKindLabel } from "../drills/kinds";
import ui from "../learn.module.css";
import styles from "./progress.module.css";

export const metadata: Metadata = { title: "Your progress" };

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function difficultyLabel(d: string): string {
  return isDifficulty(d) ? DIFFICULTY_LABELS[d] : d;
}

function percent(n: number): string {
  return `${Math.round(n * 100)}%`;
}

function points(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function Attempts({ attempts }: { attempts: Progress["attempts"] }) {
  if (attempts.length === 0) {
    return (
      <p className={ui.notice}>
        No practice yet. <Link href="/scenarios">Pick a scenario</Link> to start.
      </p>
    );
  }
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid="attempt-history">
        <caption className="visually-hidden">Your practice attempts, most recently started first</caption>
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col">Difficulty</th>
            <th scope="col">Started</th>
            <th scope="col" className={styles.num}>
              Score
            </th>
            <th scope="col">
              <span className="visually-hidden">Link</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.scenarioTitle}</th>
              <td>{difficultyLabel(a.difficulty)}</td>
              <td>
                <time dateTime={a.createdAt} data-testid="attempt-started">{DATE.format(new Date(a.createdAt))}</time>
              </td>
              <td className={styles.num}>
                {a.status === "submitted" && a.score !== null && a.maxScore !== null ? (
                  <>
                    {points(a.score)} / {points(a.maxScore)}
                    {a.percent !== null && <span className={styles.muted}> ({a.percent}%)</span>}
                  </>
                ) : (
                  <span className={styles.muted}>In progress</span>
                )}
              </td>
              <td>
                <Link href={a.href}>
                  {a.status === "submitted" ? "Review" : "Continue"}
                  <span className="visually-hidden"> {a.scenarioTitle}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Drills({ drills }: { drills: Progress["drills"] }) {
  if (drills.drills === 0) {
    return (
      <p className={ui.notice}>
        No drills yet. <Link href="/drills">Try a few</Link>: they take a minute each.
      </p>
    );
  }
  return (
    <>
      <p className={styles.drillSummary} data-testid="drill-summary">
        <strong>{drills.drills}</strong> {drills.drills === 1 ? "drill" : "drills"} answered, <strong>{drills.correct}</strong> of{" "}
        {drills.total} blanks right ({percent(drills.total > 0 ? drills.correct / drills.total : 0)}).
      </p>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="drill-stats">
          <caption className="visually-hidden">Drills by kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col" className={styles.num}>
                Drills
              </th>
              <th scope="col" className={styles.num}>
                Blanks right
              </th>
            </tr>
          </thead>
          <tbody>
            {drills.byKind.map((k) => (
              <tr key={k.kind}>
                <th scope="row">
                  <Link href={`/drills?kind=${k.kind}`}>{drillKindLabel(k.kind)}</Link>
                </th>
                <td className={styles.num}>{k.drills}</td>
                <td className={styles.num}>
                  {k.correct} / {k.total}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Mastery({ progress }: { progress: Progress }) {
  return (
    <>
      {progress.mastery.length === 0 ? (
        <p className={ui.notice}>Finish a practice attempt to see how you do on each concept.</p>
      ) : (
        <ul className={styles.bars} data-testid="mastery">
          {progress.mastery.map((m) => (
            <li key={m.concept} className={styles.bar}>
              <span className={styles.barLabel}>{conceptLabel(m.concept)}</span>
              <span className={styles.barTrack} aria-hidden="true">
                <span className={styles.barFill} style={{ width: percent(m.ratio) }} data-level={m.ratio >= 0.85 ? "high" : m.ratio >= 0.5 ? "mid" : "low"} />
              </span>
              <span className={styles.barValue}>
                {percent(m.ratio)}
                <span className={styles.muted}>
                  {" "}
                  · {points(m.earned)} / {points(m.possible)} points, {m.attempts} {m.attempts === 1 ? "attempt" : "attempts"}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {progress.practiseNext.length > 0 && (
        <div className={styles.next} data-testid="practise-next">
          <h3>Practise next</h3>
          <ul className={ui.grid}>
            {progress.practiseNext.map((n) => (
              <li key={n.concept} className={ui.card}>
                <p className={ui.eyebrow}>{n.ratio === null ? "Not practised yet" : `${percent(n.ratio)} so far`}</p>
                <h4 className={styles.nextConcept}>{conceptLabel(n.concept)}</h4>
                <ul className={styles.nextScenarios}>
                  {n.scenarios.map((s) => (
                    <li key={s.id}>
                      <Link href={`/scenarios/${s.id}`}>{s.title}</Link>{" "}
                      <span className={`${ui.difficulty} ${ui[s.difficulty]}`}>{DIFFICULTY_LABELS[s.difficulty]}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

export default async function ProgressPage() {
  const user = await getCurrentUser();
  if (!user) {
    const guestId = await getGuestId();
    const progress = guestId ? await getProgress({ guestId }) : null;
    const practised = progress !== null && (progress.attempts.length > 0 || progress.drills.drills > 0);
    return (
      <>
        <h1>Your progress</h1>
        <div className={styles.signUp} data-testid="guest-prompt">
          <h2>Keep your progress</h2>
          <p>
            {practised
              ? "You are practising as a guest: your work lives only in this browser. Create a free account to keep it, see your mastery of each concept and get suggestions for what to practise next."
              : "Create a free account to keep your practice, see your mastery of each concept and get suggestions for what to practise next."}
          </p>
          <p className={styles.signUpActions}>
            <Link href="/sign-up?callbackUrl=%2Fme" className="button">
              Sign up
            </Link>
            <Link href="/sign-in?callbackUrl=%2Fme" className="button secondary">
              Sign in
            </Link>
          </p>
        </div>
        {progress && practised && (
          <>
            <section className={ui.section} aria-labelledby="attempts-heading">
              <h2 id="attempts-heading">Your practice as a guest</h2>
              <Attempts attempts={progress.attempts} />
            </section>
            <section className={ui.section} aria-labelledby="drills-heading">
              <h2 id="drills-heading">Drills</h2>
              <Drills drills={progress.drills} />
            </section>
          </>
        )}
      </>
    );
  }

  const progress = await getProgress({ userId: user.id });
  const interviews = await listSessionsOf({ userId: user.id });
  const graded = progress.attempts.filter((a) => a.percent !== null);
  const average = graded.length > 0 ? Math.round(graded.reduce((n, a) => n + a.percent!, 0) / graded.length) : null;
  return (
    <>
      <h1>Your progress</h1>
      <dl className={styles.stats}>
        <div>
          <dt>Attempts graded</dt>
          <dd>{graded.length}</dd>
        </div>
        <div>
          <dt>Average score</dt>
          <dd>{average === null ? "–" : `${average}%`}</dd>
        </div>
        <div>
          <dt>Drills answered</dt>
          <dd>{progress.drills.drills}</dd>
        </div>
      </dl>
      <section className={ui.section} aria-labelledby="mastery-heading">
        <h2 id="mastery-heading">Mastery by concept</h2>
        <Mastery progress={progress} />
      </section>
      <section className={ui.section} aria-labelledby="attempts-heading">
        <h2 id="attempts-heading">History</h2>
        <Attempts attempts={progress.attempts} />
      </section>
      <section className={ui.section} aria-labelledby="drills-heading">
        <h2 id="drills-heading">Drills</h2>
        <Drills drills={progress.drills} />
      </section>
      <section className={ui.section} aria-labelledby="interviews-heading">
        <h2 id="interviews-heading">Mock interviews</h2>
        <SessionList sessions={interviews.taken} empty="No mock interviews yet." testId="my-interviews" />
        <p><Link href="/interviews">Start or join one</Link></p>
      </section>
    </>
  );
}
