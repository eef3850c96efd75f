/**
 * The practice page before submission: the story, the network (addresses and MACs are given
 * facts), and the answer form. Only the public sheet and the saved answers reach the browser.
 */
import { TopologyDiagram } from "@/components/diagram/topology-diagram";
import type { InProgressPage } from "@/lib/server/practice-page";
import { AnswerForm } from "./answer-form";
import { difficultyLabel, Story } from "./story";
import styles from "./practice-page.module.css";

export function PracticeSheet({ data }: { data: InProgressPage }) {
  return (
    <article className={styles.page} data-testid="practice-sheet" data-label={data.label}>
      <header className={styles.header}>
        <p className={styles.kicker}>Practice · {difficultyLabel(data.difficulty)}</p>
        <h1>{data.title}</h1>
        <p className={styles.meta}>
          Attempt {data.label} · {data.sheet.blankCount} {data.sheet.blankCount === 1 ? "blank" : "blanks"} to fill in
        </p>
      </header>

      <section aria-labelledby="story-heading">
        <h2 id="story-heading">The story</h2>
        <Story text={data.sheet.story} />
      </section>

      <section aria-labelledby="network-heading">
        <h2 id="network-heading">The network</h2>
        <p className={styles.hint}>Hover a node for its interfaces; every address and MAC on the diagram is given.</p>
        <TopologyDiagram diagram={data.diagram} label={data.title} legend="visible" />
      </section>

      <section aria-labelledby="predict-heading">
        <h2 id="predict-heading">Your predictions</h2>
        <p className={styles.hint}>
          Predict each field as the packet leaves or reaches each node. Write addresses as <code>192.168.1.10</code>, sockets as{" "}
          <code>address:port</code>. The format is checked as you type; your answers save automatically, so you can come back later.
        </p>
        <AnswerForm attemptId={data.attemptId} flows={data.sheet.flows} savedAnswers={data.answers} />
      </section>
    </article>
  );
}
