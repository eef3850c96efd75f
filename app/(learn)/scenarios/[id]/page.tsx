import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExamLockNotice } from "@/components/assessment/exam-lock-notice";
import { TopologyDiagram } from "@/components/diagram/topology-diagram";
import { examLockForPage } from "@/lib/server/assessments/exam-lock";
import { DIFFICULTIES } from "@/lib/scenario/schema";
import { startPracticeAction } from "../../practice/start-practice";
import { CONCEPT_LABELS, DIFFICULTY_HINTS, DIFFICULTY_LABELS } from "../../concepts";
import ui from "../../learn.module.css";
import styles from "./study.module.css";
import { studyView } from "./study";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const study = studyView((await params).id);
  return { title: study ? study.title : "Scenario not found" };
}

export default async function StudyPage({ params }: { params: Params }) {
  const lock = await examLockForPage("scenario study");
  if (lock) return <ExamLockNotice lock={lock} />;
  const study = studyView((await params).id);
  if (!study) notFound();

  return (
    <article className={styles.study}>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link href="/scenarios">Scenarios</Link> <span aria-hidden="true">/</span> <span aria-current="page">{study.title}</span>
      </nav>
      <header className={styles.header}>
        <h1>{study.title}</h1>
        <p className="lead">{study.summary}</p>
        <div className={ui.cardMeta}>
          <span className={`${ui.difficulty} ${ui[study.difficulty]}`}>{DIFFICULTY_LABELS[study.difficulty]}</span>
          <ul className={ui.tags} aria-label="Concepts">
            {study.concepts.map((c) => (
              <li key={c} className={ui.tag}>
                <Link href={`/scenarios?concept=${c}`} className={styles.tagLink}>
                  {CONCEPT_LABELS[c]}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </header>

      <div className={styles.columns}>
        <section className={styles.story} aria-labelledby="story-heading">
          <h2 id="story-heading">The story</h2>
          {study.story.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>

        <aside className={styles.practise} aria-labelledby="practise-heading">
          <form action={startPracticeAction}>
            <input type="hidden" name="scenarioId" value={study.id} />
            <fieldset className={styles.fieldset}>
              <legend id="practise-heading" className={styles.legend}>
                Practise
              </legend>
              <p className={styles.practiseIntro}>
                You get a fresh variant with its own addresses and ports. Choose how much to predict:
              </p>
              <div className={styles.choices}>
                {DIFFICULTIES.map((d) => (
                  <button
                    key={d}
                    type="submit"
                    name="difficulty"
                    value={d}
                    className={`${styles.choice} ${d === study.difficulty ? styles.recommended : ""}`}
                    aria-describedby={`hint-${d}`}
                    data-testid={`practise-${d}`}
                  >
                    <span className={styles.choiceLabel}>
                      {DIFFICULTY_LABELS[d]}
                      {d === study.difficulty && <span className={styles.badge}>Suggested</span>}
                    </span>
                    <span className={styles.choiceHint} id={`hint-${d}`}>
                      {DIFFICULTY_HINTS[d]}
                    </span>
                  </button>
                ))}
              </div>
            </fieldset>
          </form>
        </aside>
      </div>

      <section className={ui.section} aria-labelledby="network-heading">
        <h2 id="network-heading">The network</h2>
        <p className={styles.sectionIntro}>
          Hover over a node for its interfaces, or over a link for its name. Every address and MAC is also in the table
          below.
        </p>
        <TopologyDiagram diagram={study.diagram} label={study.title} legend="visible" />
      </section>

      <section className={ui.section} aria-labelledby="flows-heading">
        <h2 id="flows-heading">What you will trace</h2>
        <ol className={styles.flows}>
          {study.flows.map((f) => (
            <li key={f.id} className={styles.flow}>
              <p className={styles.flowTitle}>{f.title}</p>
              {f.question && <p className={styles.flowQuestion}>{f.question}</p>}
            </li>
          ))}
        </ol>
      </section>

      {study.simplifications.length > 0 && (
        <section className={ui.section} aria-labelledby="simplifications-heading">
          <h2 id="simplifications-heading">How this model simplifies</h2>
          <ul className={styles.simplifications}>
            {study.simplifications.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
