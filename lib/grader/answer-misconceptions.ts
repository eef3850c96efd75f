/**
 * Misconceptions recognised by the answer itself, where no flipped world of the simulator produces
 * it: a unicast frame sent to the broadcast MAC.
 */
import type { KeyBlank, Misconception } from "./types";

const BROADCAST = "FF:FF:FF:FF:FF:FF";

export const BROADCAST_FOR_UNICAST: Misconception = {
  rule: "broadcast-for-unicast",
  name: "a frame to another host goes to the broadcast MAC",
  truth: "Only an ARP request (and other broadcasts, such as a DHCP discover) is sent to FF:FF:FF:FF:FF:FF. Once ARP has answered, every unicast frame, a TCP SYN included, is addressed to the next hop's own MAC.",
};

/** The misconception a learner's answer shows on its face, if any. `given` is in canonical form. */
export function answerMisconception(blank: KeyBlank, given: string): Misconception | null {
  if (blank.field === "eth.dst" && given.toUpperCase() === BROADCAST && blank.expected.toUpperCase() !== BROADCAST) return BROADCAST_FOR_UNICAST;
  return null;
}
