/**
 * Option ids and the order of orderings, keyed by a secret. An option's id is an HMAC of the
 * attempt's salt, the blank and the item (never its position in the answer), so the ids of an
 * attempt look random, differ between attempts of the same variant, and stay the same for one
 * attempt (its salt is stored with it). Ordering items are shown sorted by another HMAC: a
 * shuffle nobody can undo without the salt. Grading maps ids back to values.
 *
 * Catalogue variants (the public study routes) use a public salt: their answers are public anyway.
 * `legacy` reproduces the ids of attempts started before salts existed, so their saved answers
 * still grade; those ids encoded the answer, which is why new attempts never use them.
 */
import { hashString, rngFor } from "../random";
import { hmacSha256Hex } from "../scenario/digest";

export type OptionKeying = { readonly salt: string } | { readonly legacy: true };

/** The keying of a catalogue variant (public: anyone may compute it, as anyone may grade that variant). */
export function catalogueKeying(scenarioId: string, seed: number): OptionKeying {
  return { salt: `catalogue:${scenarioId}:${seed}` };
}

export interface KeyedChoices {
  readonly options: readonly { readonly id: string; readonly text: string }[];
  /** Option id -> the value grading compares (a disposition, a component id, a cache status). */
  readonly values: Readonly<Record<string, string>>;
}

function idFor(salt: string, blankId: string, item: string): string {
  return `o${hmacSha256Hex(salt, `id\n${blankId}\n${item}`).slice(0, 12)}`;
}

/**
 * A choice's options with keyed ids, in the given (answer-independent) order: the list is the same
 * for every variant (all dispositions, all components sorted by id), so its order gives nothing away
 * and stays easy to scan.
 */
export function keyChoices(keying: OptionKeying, blankId: string, choices: readonly { readonly value: string; readonly text: string }[]): KeyedChoices {
  const values: Record<string, string> = {};
  const options = choices.map((c) => {
    const id = "legacy" in keying ? c.value : idFor(keying.salt, blankId, c.value);
    values[id] = c.value;
    return { id, text: c.text };
  });
  return { options, values };
}

export interface OrderItem {
  /** Stable identity of the item within its blank (its index in the trace), never shown. */
  readonly key: string;
  readonly text: string;
}

/**
 * An ordering's items: `expected` holds their ids in the right order, `options` the same items as
 * shown (keyed shuffle). `seed` is only used by the legacy keying.
 */
export function keyOrder(keying: OptionKeying, blankId: string, questionId: string, flowId: string, seed: number, items: readonly OrderItem[]): { expected: string[]; options: { id: string; text: string }[] } {
  if ("legacy" in keying) {
    const withIds = items.map((it, i) => ({ id: `s${(hashString(`${seed}:${questionId}:${i}`) % 0xfffff).toString(36)}${i}`, text: it.text }));
    return { expected: withIds.map((x) => x.id), options: rngFor(seed, `order:${flowId}:${questionId}`).shuffle(withIds) };
  }
  const withIds = items.map((it) => ({ id: idFor(keying.salt, blankId, it.key), text: it.text, rank: hmacSha256Hex(keying.salt, `order\n${blankId}\n${it.key}`) }));
  let shown = [...withIds].sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  // A shuffle that happens to show the answer would hand it over: rotate it by one instead.
  if (shown.length > 1 && shown.every((x, i) => x === withIds[i])) shown = [...shown.slice(1), shown[0]!];
  return { expected: withIds.map((x) => x.id), options: shown.map(({ id, text }) => ({ id, text })) };
}
