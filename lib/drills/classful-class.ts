/**
 * Drill: the classful class (A-E) of an address, read from the leading bits of its first octet.
 * CIDR retired classes in 1993, but interviewers still ask, and class D is still multicast.
 */
import { classfulClass } from "../net/classify";
import { formatIpv4, type Ipv4 } from "../net/ipv4";
import type { Rng } from "../random";
import { answer } from "./answers";
import { bits } from "./explain";
import { weighted } from "./pick";
import { mistakes, type DrillParts } from "./parts";
import type { ChoiceOption } from "./types";

type Class = "A" | "B" | "C" | "D" | "E";

const CLASSES: Readonly<Record<Class, { lead: string; first: number; last: number; note: string }>> = {
  A: { lead: "0", first: 0, last: 127, note: "its default mask was /8 (255.0.0.0)" },
  B: { lead: "10", first: 128, last: 191, note: "its default mask was /16 (255.255.0.0)" },
  C: { lead: "110", first: 192, last: 223, note: "its default mask was /24 (255.255.255.0)" },
  D: { lead: "1110", first: 224, last: 239, note: "it is multicast and has no default mask" },
  E: { lead: "1111", first: 240, last: 255, note: "it is reserved and has no default mask" },
};

/** The options of a classful question. */
export const CLASS_OPTIONS: readonly ChoiceOption[] = (Object.keys(CLASSES) as Class[]).map((c) => ({
  id: c,
  label: `Class ${c}`,
}));

/** First octets on either side of a class boundary, where guessing goes wrong. */
const BOUNDARY_OCTETS = [0, 1, 126, 127, 128, 129, 190, 191, 192, 193, 222, 223, 224, 225, 238, 239, 240, 241, 254, 255];

/** Why an address is in its classful class, read from the leading bits of the first octet. */
export function classfulExplanation(address: Ipv4): string {
  const first = address >>> 24;
  const cls = classfulClass(address);
  const info = CLASSES[cls];
  return (
    `The first octet, ${first}, is ${bits(first)} in binary. It starts with ${info.lead}, so it is class ${cls} ` +
    `(first octets ${info.first}-${info.last}); ${info.note}.`
  );
}

/** Builds a classful-class drill for a seeded random address. */
export function classfulClassDrill(rng: Rng): DrillParts {
  const first = weighted<() => number>(rng, [
    [() => rng.pick(BOUNDARY_OCTETS), 2],
    [() => rng.int(0, 255), 3],
  ])();
  const address = (first * 2 ** 24 + Math.floor(rng.next() * 2 ** 24)) as Ipv4;
  const cls = classfulClass(address);
  const expected = answer.choice(cls);
  const wrong = (Object.keys(CLASSES) as Class[]).filter((c) => c !== cls);
  return {
    given: { kind: "classful-class", address },
    prompt: `Which classful class (A, B, C, D or E) does ${formatIpv4(address)} belong to?`,
    blanks: [
      {
        id: "class",
        label: "Class",
        format: { type: "choice", options: CLASS_OPTIONS },
        expected,
        explanation: classfulExplanation(address),
        mistakes: mistakes(
          expected,
          wrong.map((c) => [answer.choice(c), `Class ${c} covers first octets ${CLASSES[c].first}-${CLASSES[c].last}; ${first} is outside that.`] as const),
        ),
      },
    ],
  };
}
