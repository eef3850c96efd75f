"use client";

/** The autosave state in words, announced politely as it changes. */
import type { SaveStatus } from "./use-autosave";
import styles from "./answer-form.module.css";

const TEXT: Record<SaveStatus["state"], string> = {
  idle: "Answers save automatically as you type.",
  saving: "Saving…",
  saved: "Saved",
  retrying: "Not saved: retrying",
  failed: "Not saved",
  submitted: "This attempt has been submitted.",
};

export function SaveStatusLine({ status }: { status: SaveStatus }) {
  const text = status.state === "failed" ? `Not saved: ${status.message}` : TEXT[status.state];
  return (
    <p className={styles.saveStatus} data-state={status.state} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </p>
  );
}
