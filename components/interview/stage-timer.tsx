"use client";

/** The stage's clock: counts down locally from the server's remaining time; paused and over-time are said in words. */
import type { StageTimer as Timer } from "@/lib/interview/timer";
import { clock } from "./clock";
import { useCountdown } from "./use-session-stream";
import styles from "./interview.module.css";

export function StageTimer({ timer, serverNow, paused }: { timer: Timer; serverNow: number; paused: boolean }) {
  const left = useCountdown(timer.remainingMs, timer.running && !paused, serverNow);
  const state = paused ? "paused" : timer.running ? (left === 0 ? "time up" : "left") : "stopped";
  return (
    <p className={styles.timer} data-testid="stage-timer" aria-live="off">
      <span className={styles.timerValue}>{clock(left)}</span> <span>{state}</span> <span className={styles.muted}>of {clock(timer.budgetMs)}</span>
    </p>
  );
}
