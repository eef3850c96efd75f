"use client";

/**
 * An ordering question: the learner puts the items in order with the Up/Down buttons, or by
 * focusing an item and pressing Alt+ArrowUp / Alt+ArrowDown. Every move is announced. Until the
 * learner moves something (or keeps the order as shown), the question counts as unanswered.
 */
import { type KeyboardEvent, useRef, useState } from "react";
import type { PublicBlank } from "@/lib/grader/types";
import styles from "./answer-form.module.css";

interface OrderBlankProps {
  readonly domId: string;
  readonly blank: PublicBlank;
  readonly value: readonly string[] | undefined;
  readonly disabled: boolean;
  readonly onChange: (value: readonly string[]) => void;
}

/** The saved order if it is a permutation of the options, else the options as given. */
function currentOrder(options: readonly { id: string }[], value: readonly string[] | undefined): string[] {
  const ids = options.map((o) => o.id);
  if (value && value.length === ids.length && ids.every((id) => value.includes(id))) return [...value];
  return ids;
}

export function OrderBlank({ domId, blank, value, disabled, onChange }: OrderBlankProps) {
  const options = blank.options ?? [];
  const text = new Map(options.map((o) => [o.id, o.text]));
  const order = currentOrder(options, value);
  const [announcement, setAnnouncement] = useState("");
  const items = useRef(new Map<string, HTMLLIElement>());
  const answered = value !== undefined && value.length > 0;

  function move(index: number, delta: -1 | 1, focus: "item" | "up" | "down") {
    const to = index + delta;
    if (disabled || to < 0 || to >= order.length) return;
    const next = [...order];
    const [id] = next.splice(index, 1);
    next.splice(to, 0, id!);
    onChange(next);
    setAnnouncement(`"${text.get(id!)}" moved to position ${to + 1} of ${next.length}.`);
    // Keep the focus on the item that moved (on the same button unless it just became useless).
    requestAnimationFrame(() => {
      const li = items.current.get(id!);
      const atEdge = (focus === "up" && to === 0) || (focus === "down" && to === next.length - 1);
      const target = focus === "item" || atEdge ? li : li?.querySelector<HTMLButtonElement>(`[data-move="${focus}"]`);
      target?.focus();
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLLIElement>, index: number) {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    if (e.target !== e.currentTarget) return;
    e.preventDefault();
    move(index, e.key === "ArrowUp" ? -1 : 1, "item");
  }

  return (
    <div className={styles.order} data-blank={blank.id}>
      <p className={styles.fieldLabel} id={`${domId}-label`}>
        {blank.label}
      </p>
      <p className={styles.fieldNote} id={`${domId}-help`}>
        Move a step with its Up and Down buttons, or focus it and press Alt+↑ / Alt+↓.
      </p>
      <ol className={styles.orderList} aria-labelledby={`${domId}-label`} aria-describedby={`${domId}-help`}>
        {order.map((id, i) => (
          <li
            key={id}
            ref={(el) => {
              if (el) items.current.set(id, el);
              else items.current.delete(id);
            }}
            className={styles.orderItem}
            tabIndex={disabled ? -1 : 0}
            aria-label={`${i + 1}. ${text.get(id)}`}
            onKeyDown={(e) => onKeyDown(e, i)}
            data-item={id}
          >
            <span className={styles.orderIndex} aria-hidden="true">
              {i + 1}
            </span>
            <span className={styles.orderText}>{text.get(id)}</span>
            <span className={styles.orderButtons}>
              <button
                type="button"
                className={styles.smallButton}
                data-move="up"
                aria-label={`Move "${text.get(id)}" up`}
                aria-disabled={i === 0 || disabled}
                onClick={() => move(i, -1, "up")}
              >
                ↑ Up
              </button>
              <button
                type="button"
                className={styles.smallButton}
                data-move="down"
                aria-label={`Move "${text.get(id)}" down`}
                aria-disabled={i === order.length - 1 || disabled}
                onClick={() => move(i, 1, "down")}
              >
                ↓ Down
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p className={styles.orderStatus}>
        {answered ? (
          <span>Your order is saved as shown.</span>
        ) : (
          <>
            <span>Not answered yet. </span>
            <button type="button" className="link-button" disabled={disabled} onClick={() => onChange(order)}>
              Keep this order as my answer
            </button>
          </>
        )}
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="order-announcement">
        {announcement}
      </p>
    </div>
  );
}
