"use client";

/**
 * The packet journey of a submitted attempt: the flow's packets animated on the topology diagram,
 * every event of the flow in a step list, and a layer inspector for the selected step. Controls:
 * play/pause, previous/next, a step slider; with focus inside, Space plays or pauses and the arrow
 * keys step. Respects prefers-reduced-motion (the packet jumps instead of travelling).
 */
import { type KeyboardEvent, useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { routeBetween } from "@/components/diagram/geometry";
import { TopologyDiagram } from "@/components/diagram/topology-diagram";
import { formatTime, initialPosition, journeySteps, packetStateAt, stepDuration } from "./journey-steps";
import { LayerInspector } from "./layer-inspector";
import { PacketDot } from "./packet-dot";
import type { JourneyProps } from "./types";
import styles from "./journey-section.module.css";

const REDUCED_MOTION = "(prefers-reduced-motion: reduce)";

function subscribeToReducedMotion(onChange: () => void): () => void {
  if (typeof window === "undefined" || !window.matchMedia) return () => {};
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** The user's reduced-motion preference; false on the server and before hydration. */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeToReducedMotion,
    () => typeof window !== "undefined" && !!window.matchMedia && window.matchMedia(REDUCED_MOTION).matches,
    () => false,
  );
}

const MOVE_MS = 700;

export function JourneySection({ diagram, flows, initialFlow, initialKey }: JourneyProps) {
  const start = useMemo(() => initialPosition(flows, initialFlow, initialKey), [flows, initialFlow, initialKey]);
  const [flowIndex, setFlowIndex] = useState(start.flow);
  const [stepIndex, setStepIndex] = useState(start.step);
  const [playing, setPlaying] = useState(false);
  const [packetsOnly, setPacketsOnly] = useState(false);
  const reduced = usePrefersReducedMotion();
  const listRef = useRef<HTMLOListElement>(null);
  const headingId = useId();

  const flow = flows[flowIndex] ?? flows[0];
  const labels = useMemo(() => new Map(diagram.nodes.map((n) => [n.id, n.label])), [diagram]);
  const steps = useMemo(() => (flow ? journeySteps(flow, labels) : []), [flow, labels]);
  const visible = useMemo(() => (packetsOnly ? steps.filter((s) => s.packet || s.index === stepIndex) : steps), [packetsOnly, steps, stepIndex]);
  const position = Math.max(0, visible.findIndex((s) => s.index === stepIndex));
  const step = steps[stepIndex] ?? steps[0];
  const event = flow?.events[stepIndex] ?? flow?.events[0];
  const state = useMemo(() => packetStateAt(flow?.events ?? [], diagram, stepIndex), [flow, diagram, stepIndex]);

  const goTo = useCallback((index: number) => setStepIndex(Math.min(Math.max(0, index), Math.max(0, steps.length - 1))), [steps.length]);
  const move = useCallback(
    (delta: number) => {
      const list = packetsOnly ? steps.filter((s) => s.packet || s.index === stepIndex) : steps;
      const here = list.findIndex((s) => s.index === stepIndex);
      const next = list[Math.min(Math.max(0, here + delta), list.length - 1)];
      if (next) setStepIndex(next.index);
    },
    [packetsOnly, steps, stepIndex],
  );
  const togglePlay = useCallback(() => {
    setPlaying((p) => {
      // Pressing play at the end starts again from the beginning.
      if (!p && position >= visible.length - 1) setStepIndex(visible[0]?.index ?? 0);
      return !p;
    });
  }, [position, visible]);

  // Autoplay: rest on each step for a moment, then move on; stop at the end.
  useEffect(() => {
    if (!playing || !step) return;
    if (position >= visible.length - 1) {
      // Autoplay reached the last step (moved there by its own timer): stop, so the button offers play again.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => move(1), stepDuration(step, state.from !== null) * (reduced ? 0.8 : 1));
    return () => clearTimeout(timer);
  }, [playing, step, position, visible.length, move, state.from, reduced]);

  // Keep the selected step in view inside the list (without scrolling the page).
  useEffect(() => {
    const list = listRef.current;
    const item = list?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!list || !item) return;
    // The list is the item's offset parent (position: relative), so offsetTop is within the list.
    const top = item.offsetTop;
    if (top < list.scrollTop) list.scrollTop = top - 8;
    else if (top + item.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + item.offsetHeight - list.clientHeight + 8;
  }, [stepIndex, flowIndex, packetsOnly]);

  // Keep the packet in view when the diagram is taller or wider than its frame.
  const frameRef = useRef<HTMLDivElement>(null);
  const focusNode = state.node ?? step?.node ?? null;
  useEffect(() => {
    const scroller = frameRef.current?.querySelector<HTMLElement>("[data-diagram-scroller]");
    const svg = scroller?.querySelector("svg");
    const node = diagram.nodes.find((n) => n.id === focusNode);
    if (!scroller || !svg || !node) return;
    const box = svg.getBoundingClientRect();
    const frame = scroller.getBoundingClientRect();
    const scale = box.width / diagram.width;
    const x = box.left - frame.left + scroller.scrollLeft + node.x * scale;
    const y = box.top - frame.top + scroller.scrollTop + node.y * scale;
    const margin = 90;
    const inX = x >= scroller.scrollLeft + margin && x <= scroller.scrollLeft + scroller.clientWidth - margin;
    const inY = y >= scroller.scrollTop + margin && y <= scroller.scrollTop + scroller.clientHeight - margin;
    if (inX && inY) return;
    scroller.scrollTo({
      left: inX ? scroller.scrollLeft : x - scroller.clientWidth / 2,
      top: inY ? scroller.scrollTop : y - scroller.clientHeight / 2,
      behavior: reduced ? "auto" : "smooth",
    });
  }, [focusNode, diagram, reduced]);

  if (!flow || !step || !event) {
    return (
      <section className={styles.journey} aria-labelledby={headingId}>
        <h2 id={headingId}>Packet journey</h2>
        <p>There is no trace to show.</p>
      </section>
    );
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    const target = e.target as HTMLElement;
    const tag = target.tagName;
    const typing = tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA";
    if (e.key === " " || e.key === "Spacebar") {
      // Buttons, links and summaries keep Space for themselves.
      if (typing || tag === "BUTTON" || tag === "SUMMARY" || tag === "A") return;
      e.preventDefault();
      togglePlay();
    } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      if (typing) return;
      e.preventDefault();
      setPlaying(false);
      move(e.key === "ArrowRight" ? 1 : -1);
    }
  }

  const route = state.node === null ? [] : state.from !== null ? routeBetween(diagram, state.from, state.node) : routeBetween(diagram, state.node, state.node);
  const outcome = flow.outcome;
  const delivered = outcome.disposition === "DELIVERED";

  return (
    <section className={styles.journey} aria-labelledby={headingId} tabIndex={0} onKeyDown={onKeyDown} data-testid="journey-section">
      <div className={styles.head}>
        <h2 id={headingId} className={styles.heading}>
          Packet journey
        </h2>
        <p className={styles.keys}>
          <kbd>Space</kbd> play/pause · <kbd>←</kbd> <kbd>→</kbd> previous/next
        </p>
      </div>

      <div className={styles.toolbar}>
        {flows.length > 1 ? (
          <label className={styles.flowPicker}>
            <span>Flow</span>
            <select
              value={flow.id}
              onChange={(e) => {
                const next = flows.findIndex((f) => f.id === e.target.value);
                setFlowIndex(Math.max(0, next));
                setStepIndex(0);
                setPlaying(false);
              }}
            >
              {flows.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className={styles.flowTitle}>{flow.title}</p>
        )}
        <p className={delivered ? styles.outcomeOk : styles.outcomeDrop} data-testid="flow-outcome">
          {delivered ? `Delivered to ${labels.get(outcome.node) ?? outcome.node}` : `Dropped at ${labels.get(outcome.node) ?? outcome.node}: ${outcome.disposition}`}
        </p>
      </div>

      <div ref={frameRef}>
        <TopologyDiagram
        diagram={diagram}
        maxHeight="min(34rem, 70vh)"
        minScale={0.8}
        label={flow.title}
        highlights={{ visited: state.visited, current: step.node, crossed: state.crossed, active: state.active, drop: state.drop }}
        overlay={
          state.node !== null && !state.drop ? (
            <PacketDot route={route} runKey={`${flow.id}/${event.key}/${stepIndex}`} animate={!reduced && state.from !== null} durationMs={MOVE_MS} />
          ) : null
          }
        />
      </div>

      <div className={styles.controls} role="group" aria-label="Step through the journey">
        <button type="button" className={styles.control} onClick={() => { setPlaying(false); move(-1); }} disabled={position === 0} aria-label="Previous step">
          ‹ Prev
        </button>
        <button type="button" className={`${styles.control} ${styles.play}`} onClick={togglePlay} aria-pressed={playing} data-testid="play">
          {playing ? "Pause" : "Play"}
        </button>
        <button type="button" className={styles.control} onClick={() => { setPlaying(false); move(1); }} disabled={position >= visible.length - 1} aria-label="Next step">
          Next ›
        </button>
        <input
          className={styles.slider}
          type="range"
          min={0}
          max={Math.max(0, visible.length - 1)}
          value={position}
          onChange={(e) => {
            setPlaying(false);
            const target = visible[Number(e.target.value)];
            if (target) goTo(target.index);
          }}
          aria-label="Step"
          aria-valuetext={`Step ${position + 1} of ${visible.length}: ${step.title}`}
        />
        <span className={styles.counter} aria-hidden="true">
          {position + 1} / {visible.length}
        </span>
        <label className={styles.toggle}>
          <input type="checkbox" checked={packetsOnly} onChange={(e) => setPacketsOnly(e.target.checked)} /> Packets only
        </label>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {playing ? "" : `Step ${position + 1} of ${visible.length}: ${step.title}`}
      </p>

      <div className={styles.panes}>
        <nav className={styles.stepsPane} aria-label="Steps of this flow">
          <ol className={styles.steps} ref={listRef} data-testid="journey-steps">
            {visible.map((s) => (
              <li key={`${s.index}`}>
                <button
                  type="button"
                  className={styles.stepButton}
                  data-tone={s.tone}
                  aria-current={s.index === stepIndex ? "step" : undefined}
                  onClick={() => {
                    setPlaying(false);
                    setStepIndex(s.index);
                  }}
                >
                  <span className={styles.badge} data-tone={s.tone}>
                    {s.badge}
                  </span>
                  <span className={styles.stepText}>
                    <span className={styles.stepTitle}>{s.title}</span>
                    <span className={styles.stepDetail}>{s.detail}</span>
                  </span>
                  <span className={styles.stepTime}>{formatTime(s.t)}</span>
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <LayerInspector event={event} step={step} nodeLabel={labels.get(event.node) ?? event.node} />
      </div>
    </section>
  );
}

export default JourneySection;
