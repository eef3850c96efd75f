/**
 * TCP numbers and flags: a sequence number counts from its sender's ISN, an acknowledgement from
 * the peer's ISN, and a SYN or FIN uses one sequence number each (RFC 9293 3.4).
 */
import { coreLabel, join, protocolRule, symbolOf, type ExplainInput, type Explanation } from "./context";

/** "client's initial sequence number (browse) (given)" -> "the client". */
function ownerOf(label: string): string {
  const m = /^(\w+)'s initial sequence number/.exec(label);
  return m ? `the ${m[1]}` : "its sender";
}

function beyondIsn(offset: number): string {
  if (offset === 1) return "a SYN uses one sequence number, so the next one after the SYN is ISN + 1";
  return `the SYN used one sequence number and ${offset - 1} more have been sent since (each data byte and each FIN uses one)`;
}

export function explainSequence(input: ExplainInput): Explanation {
  const v = input.blank.expected;
  const ref = symbolOf(input, "tcp.seq");
  const provenance = protocolRule("RFC 9293 3.4: sequence numbers count from the ISN; a SYN uses one");
  if (!ref) return { reason: join(`Sequence number ${v}: the sender's next sequence number, counted from its initial sequence number (ISN)`), provenance };
  const isn = ref.symbol.value;
  const who = ownerOf(ref.symbol.label);
  if (ref.offset === 0) {
    return { reason: join(`Sequence number ${v} is ${who}'s initial sequence number (ISN): a SYN carries the ISN itself, and every later segment counts from it`), provenance };
  }
  return { reason: join(`Sequence number ${v} = ${who}'s ISN ${isn} + ${ref.offset}: ${beyondIsn(ref.offset)}`), provenance };
}

export function explainAcknowledgement(input: ExplainInput): Explanation {
  const v = input.blank.expected;
  const ref = symbolOf(input, "tcp.ack");
  const provenance = protocolRule("RFC 9293 3.4: the acknowledgement is the next sequence number expected from the peer");
  if (!ref) {
    return { reason: join(`Acknowledgement number ${v}: a first SYN acknowledges nothing (its ACK flag is off), so the field carries no peer ISN`), provenance };
  }
  const who = ownerOf(ref.symbol.label);
  return {
    reason: join(`Acknowledgement number ${v} = ${who}'s ISN ${ref.symbol.value} + ${ref.offset}: an acknowledgement names the next sequence number expected from the peer, and ${beyondIsn(ref.offset)}`),
    provenance,
  };
}

const FLAG_RULES: Readonly<Record<string, string>> = {
  "tcp.syn": "the first segment of the three-way handshake: SYN asks to open a connection and carries the client's ISN",
  "tcp.syn-ack": "the second segment of the three-way handshake: the server's SYN (its own ISN) and an ACK of the client's SYN",
  "tcp.ack": "the third segment of the three-way handshake: only ACK, acknowledging the server's SYN",
  "tcp.fin": "FIN starts to close this side of the connection; ACK acknowledges what the peer sent",
  "tcp.fin-ack": "the other side's FIN, closing its direction, with an ACK of the first FIN",
  "tcp.last-ack": "the final ACK acknowledges the peer's FIN, and the connection is closed",
  "tcp.rst": "RST resets the connection: nothing listens on that port, or the connection is unknown",
};

export function explainFlags(input: ExplainInput): Explanation {
  const v = input.blank.expected;
  const rule = FLAG_RULES[coreLabel(input.event)];
  const provenance = protocolRule("RFC 9293 3.5: the three-way handshake and connection close");
  if (rule) return { reason: join(`Flags ${v}: ${rule}`), provenance };
  return { reason: join(`Flags ${v}: after the three-way handshake every segment carries ACK, acknowledging the data received so far${v.includes("PSH") ? "; PSH asks the receiver to hand the data to the application now" : ""}`), provenance };
}
