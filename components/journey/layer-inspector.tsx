/**
 * The layer inspector: the selected event's reason, then its packet layer by layer in expandable
 * sections (like a packet analyser), then the node's decisions with the route, rule or table entry
 * behind each. Non-packet events (NAT entries, DNS steps, cache lookups...) show their own fields.
 */
import type { Decision, Provenance, TraceEvent } from "@/lib/engine/trace-types";
import { DECISION_LABELS, eventFields, type Field, type LayerSection, packetSections, provenanceView } from "./inspector-model";
import type { JourneyStep } from "./journey-steps";
import { formatTime } from "./journey-steps";
import styles from "./journey-section.module.css";

function Fields({ fields }: { fields: readonly Field[] }) {
  return (
    <dl className={styles.fields}>
      {fields.map((f, i) => (
        <div key={`${f.name}-${i}`} className={styles.field}>
          <dt>{f.name}</dt>
          <dd>
            <code>{f.value}</code>
            {f.tone === "encrypted" && <span className={styles.tagEncrypted}>encrypted</span>}
            {f.tone === "visible" && <span className={styles.tagVisible}>visible</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ProvenanceBlock({ provenance }: { provenance: Provenance }) {
  const view = provenanceView(provenance);
  return (
    <div className={styles.provenance} data-testid="provenance">
      <p className={styles.provenanceLabel}>Why: {view.label}</p>
      <Fields fields={view.fields} />
      {view.candidates && view.candidates.length > 0 && (
        <div className={styles.candidates}>
          <p className={styles.provenanceLabel}>Candidates (matching routes)</p>
          <ul>
            {view.candidates.map((c) => (
              <li key={c.entry} className={c.chosen ? styles.chosen : undefined}>
                <code>{c.entry}</code>
                {c.chosen && <span className={styles.chosenTag}>longest prefix: chosen</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function LayerDetails({ section }: { section: LayerSection }) {
  return (
    <details className={styles.layer} open data-layer={section.id}>
      <summary>
        <span className={styles.layerTitle}>{section.title}</span>
        <span className={styles.layerSummary}>{section.summary}</span>
      </summary>
      <div className={styles.layerBody}>
        <Fields fields={section.fields} />
        {section.groups?.map((g) => (
          <div key={g.title} className={styles.group}>
            <p className={styles.groupTitle}>{g.title}</p>
            {g.fields.length > 0 ? <Fields fields={g.fields} /> : <p className={styles.muted}>{g.empty}</p>}
          </div>
        ))}
        {section.note && <p className={styles.note}>{section.note}</p>}
      </div>
    </details>
  );
}

function Decisions({ decisions, at }: { decisions: readonly Decision[]; at: string }) {
  return (
    <details className={styles.layer} open data-layer="decisions">
      <summary>
        <span className={styles.layerTitle}>{`Decisions at ${at}`}</span>
        <span className={styles.layerSummary}>{decisions.map((d) => d.kind).join(", ")}</span>
      </summary>
      <ol className={styles.decisions}>
        {decisions.map((d, i) => (
          <li key={`${d.kind}-${i}`} data-decision={d.kind}>
            <p className={styles.decisionKind}>{DECISION_LABELS[d.kind] ?? d.kind}</p>
            <p className={styles.reason}>{d.reason}</p>
            <ProvenanceBlock provenance={d.provenance} />
          </li>
        ))}
      </ol>
    </details>
  );
}

export function LayerInspector({ event, step, nodeLabel }: { event: TraceEvent; step: JourneyStep; nodeLabel: string }) {
  const packet = event.type === "hop" || event.type === "deliver" || event.type === "drop" || event.type === "arp" ? event.packet : null;
  const decisions = event.type === "hop" || event.type === "deliver" || event.type === "drop" ? event.decisions : [];
  const provenance = event.type === "hop" || event.type === "deliver" ? null : event.provenance;
  return (
    <div className={styles.inspector} data-testid="layer-inspector" data-key={event.key}>
      <header className={styles.inspectorHead}>
        <span className={styles.badge} data-tone={step.tone}>
          {step.badge}
        </span>
        <h3 className={styles.inspectorTitle}>{step.title}</h3>
        <p className={styles.meta}>
          at <strong>{nodeLabel}</strong> · t = {formatTime(event.t)} · <code>{event.key}</code>
        </p>
      </header>
      <p className={styles.reason}>{event.reason}</p>
      {event.type === "drop" && (
        <div className={styles.dropBox} role="note">
          <p>
            <strong>Dropped: {event.disposition}</strong> (blame: <code>{event.component}</code>)
          </p>
        </div>
      )}
      <details className={styles.layer} open data-layer="event">
        <summary>
          <span className={styles.layerTitle}>{step.packet ? "At this node" : `${step.badge} details`}</span>
          <span className={styles.layerSummary}>{nodeLabel}</span>
        </summary>
        <div className={styles.layerBody}>
          <Fields fields={eventFields(event)} />
          {provenance && <ProvenanceBlock provenance={provenance} />}
        </div>
      </details>
      {packet && packetSections(packet).map((s) => <LayerDetails key={s.id} section={s} />)}
      {decisions.length > 0 && <Decisions decisions={decisions} at={nodeLabel} />}
    </div>
  );
}
