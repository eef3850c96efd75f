/**
 * The worked explanation of any address a learner types ("10.37.200.9/22", or an address and a
 * netmask): the same subnet facts, class and special range the drills explain, for their own numbers.
 */
import { maskOf } from "../net/cidr";
import { classfulClass } from "../net/classify";
import { formatIpv4, parseIpv4, type Ipv4 } from "../net/ipv4";
import { categoryExplanation } from "./address-category";
import { describeAnswer } from "./answers";
import { classfulExplanation } from "./classful-class";
import { describeMask } from "./explain";
import { subnetFactsFor } from "./subnet-facts";

/** Why a typed address could not be read; each has its own message. */
export type AddressQueryError = "empty" | "too-long" | "no-prefix" | "bad-address" | "bad-prefix" | "bad-mask";

export type AddressQuery =
  | { readonly ok: true; readonly address: Ipv4; readonly prefix: number }
  | { readonly ok: false; readonly error: AddressQueryError; readonly message: string };

const MAX_QUERY = 64;

const failure = (error: AddressQueryError, message: string): AddressQuery => ({ ok: false, error, message });

/** The prefix length of a contiguous netmask (255.255.252.0 -> 22), or null when its ones have gaps. */
export function prefixOfMask(mask: Ipv4): number | null {
  for (let prefix = 0; prefix <= 32; prefix++) if (maskOf(prefix) === mask) return prefix;
  return null;
}

/**
 * Reads "address/prefix", "address/netmask" or "address netmask". Never throws: bad input gets a
 * named error and a message a learner can act on.
 */
export function parseAddressQuery(input: unknown): AddressQuery {
  if (typeof input !== "string" || input.trim() === "") {
    return failure("empty", "Type an address and a prefix, like 10.37.200.9/22.");
  }
  const text = input.trim();
  if (text.length > MAX_QUERY) return failure("too-long", "That is too long to be an address and a prefix.");
  const parts = text.split(/\s*\/\s*|\s+/);
  if (parts.length === 1) {
    return failure("no-prefix", `Add a prefix length or a netmask after the address, like ${text}/24 or ${text} 255.255.255.0.`);
  }
  if (parts.length !== 2) return failure("bad-address", `"${text}" is not an address and a prefix: write one address, "/", and a prefix length.`);
  const [addressText, prefixText] = parts as [string, string];
  const address = parseIpv4(addressText);
  if (!address.ok) return failure("bad-address", capitalise(address.error) + ".");
  if (/^\d{1,2}$/.test(prefixText)) {
    const prefix = Number(prefixText);
    if (prefix > 32) return failure("bad-prefix", `A prefix length is 0-32; ${prefix} is over 32.`);
    return { ok: true, address: address.value, prefix };
  }
  if (!prefixText.includes(".")) return failure("bad-prefix", `"${prefixText}" is not a prefix length: write a number 0-32 or a netmask like 255.255.252.0.`);
  const mask = parseIpv4(prefixText);
  if (!mask.ok) return failure("bad-mask", `The netmask is not readable: ${mask.error}.`);
  const prefix = prefixOfMask(mask.value);
  if (prefix === null) {
    return failure("bad-mask", `${prefixText} is not a netmask: a netmask's one-bits all come first, with no zero between them.`);
  }
  return { ok: true, address: address.value, prefix };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One explained fact about a typed address. */
export interface AddressFact {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly explanation: string;
}

export interface AddressExplanation {
  /** The block as typed, "10.37.200.9/22". */
  readonly given: string;
  readonly facts: readonly AddressFact[];
}

/** The worked explanation of an address under a prefix (0-32): the subnet facts, mask, class and range. */
export function explainAddress(address: Ipv4, prefix: number): AddressExplanation {
  const subnet = subnetFactsFor(address, prefix).blanks.map((b) => ({
    id: b.id,
    label: b.label,
    value: describeAnswer(b.expected, b.format),
    explanation: b.explanation,
  }));
  const category = categoryExplanation(address);
  return {
    given: `${formatIpv4(address)}/${prefix}`,
    facts: [
      { id: "netmask", label: "Netmask", value: formatIpv4(maskOf(prefix)), explanation: describeMask(prefix) },
      ...subnet,
      { id: "class", label: "Classful class", value: `Class ${classfulClass(address)}`, explanation: classfulExplanation(address) },
      { id: "category", label: "Kind of address", value: category.label, explanation: category.explanation },
    ],
  };
}
