/**
 * Where the simulator deliberately differs from the Linux kernel, and why. `npm run test:kernel`
 * compares every case with the kernel and accepts a difference only when it is declared here;
 * docs/simulator-vs-kernel.md shows learners the same list (a test keeps the two in step).
 */

export interface Simplification {
  readonly id: string;
  /** What differs, for learners. */
  readonly title: string;
  /** Why the simulator does it this way, for learners. */
  readonly explanation: string;
  /** The kernel cases ("*" for every case) and compared fields it covers. */
  readonly cases: readonly string[];
  readonly fields: readonly string[];
}

export const SIMPLIFICATIONS: readonly Simplification[] = [
  {
    id: "tcp-close-fin-ack",
    title: "The server's ACK of the client's FIN and its own FIN travel as one segment",
    explanation:
      "Hopwise closes a connection in three segments: FIN from the client, FIN-ACK from the server, ACK from the client. " +
      "That is what the wire shows when the server application closes at once. Linux acknowledges the FIN as soon as it " +
      "arrives, so when the application closes a moment later you see four segments: FIN, ACK, FIN-ACK, ACK. Sequence and " +
      "acknowledgement numbers are the same either way.",
    cases: ["*"],
    fields: ["tcp-close"],
  },
];

/** The declared simplification that covers a difference, if any. */
export function declaredFor(caseId: string, d: { readonly field: string }): Simplification | null {
  return SIMPLIFICATIONS.find((s) => (s.cases.includes("*") || s.cases.includes(caseId)) && s.fields.includes(d.field)) ?? null;
}
