/**
 * One drawn question as its student would see it before submitting, read-only: the story, the
 * network and the blanks to fill in. Built from the public sheet alone (no expected value exists in it).
 */
import { TopologyDiagram } from "@/components/diagram/topology-diagram";
import type { PreviewQuestion } from "@/lib/server/assessments/preview";
import styles from "./builder.module.css";

export function PreviewSheet({ question }: { question: PreviewQuestion }) {
  const { sheet, diagram } = question;
  if (!sheet) return <p className={styles.error}>The scenario {question.scenarioId} is no longer in the catalogue.</p>;
  return (
    <div>
      <p>{sheet.story}</p>
      {diagram ? <TopologyDiagram diagram={diagram} label={sheet.title} maxHeight="20rem" /> : null}
      {sheet.flows.map((flow) => (
        <div key={flow.id}>
          <h5>{flow.title}</h5>
          {flow.question ? <p>{flow.question}</p> : null}
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead><tr><th scope="col">Where</th><th scope="col">Given</th><th scope="col">To fill in</th></tr></thead>
              <tbody>
                {flow.rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{row.title}</th>
                    <td>{row.context.map((c) => <div key={c.field}>{c.label}: <span className={styles.mono}>{c.value}</span></div>)}</td>
                    <td>{row.blanks.map((b) => <div key={b.id}>{b.label}{b.options ? `: one of ${b.options.map((o) => o.text).join(" / ")}` : ""}</div>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {flow.questions.map((q) => <p key={q.id}><strong>{q.prompt}</strong> {q.blanks.map((b) => b.options ? `(${b.options.map((o) => o.text).join(" / ")})` : "").join(" ")}</p>)}
        </div>
      ))}
    </div>
  );
}
