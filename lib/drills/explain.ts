/**
 * Worked reasoning shared by several drills: how a mask finds a network, in the steps a person
 * does on paper (the "block size" trick: 256 minus the mask octet).
 */
import { cidrOf, maskOf } from "../net/cidr";
import { formatIpv4, type Ipv4 } from "../net/ipv4";

const ORDINALS = ["first", "second", "third", "fourth"] as const;

/** "first" .. "fourth", for octet positions 0-3. */
export function ordinalOctet(index: number): string {
  return ORDINALS[index] ?? `#${index + 1}`;
}

/** The 8 bits of a byte, split in two nibbles for reading: 252 -> "1111 1100". */
export function bits(byte: number): string {
  const b = (byte & 255).toString(2).padStart(8, "0");
  return `${b.slice(0, 4)} ${b.slice(4)}`;
}

/** A netmask broken down octet by octet: which octets are full, and what the partial one is. */
export function describeMask(prefix: number): string {
  const full = Math.floor(prefix / 8);
  const rest = prefix % 8;
  const mask = formatIpv4(maskOf(prefix));
  if (prefix === 0) return `A /0 has no one-bits at all: the mask is ${mask}.`;
  const fullText = full === 0 ? "" : `${full} full octet${full === 1 ? "" : "s"} of ones (255)`;
  if (rest === 0) return `A /${prefix} is ${fullText}, then zeros: ${mask}.`;
  const partial = 256 - 2 ** (8 - rest);
  const lead = full === 0 ? "" : `${fullText}, then `;
  return `A /${prefix} is ${lead}${rest} more one-bit${rest === 1 ? "" : "s"} in the ${ordinalOctet(full)} octet: ${bits(partial)} = ${partial}. The mask is ${mask}.`;
}

/** How the network of an address under a prefix is found, with the numbers filled in. */
export function describeNetwork(address: Ipv4, prefix: number): string {
  const network = formatIpv4(cidrOf(address, prefix).network);
  if (prefix === 32) return `A /32 keeps all 32 bits: the block is ${formatIpv4(address)} alone.`;
  if (prefix === 0) return "A /0 keeps no bits: the block is the whole address space from 0.0.0.0.";
  if (prefix % 8 === 0) {
    const kept = prefix / 8;
    return `A /${prefix} keeps the first ${kept === 1 ? "octet" : `${kept} octets`} and zeroes the rest: ${network}.`;
  }
  const index = Math.floor(prefix / 8);
  const step = 2 ** (8 - (prefix % 8));
  const octet = (address >>> (24 - 8 * index)) & 255;
  const start = Math.floor(octet / step) * step;
  return (
    `The /${prefix} boundary falls inside the ${ordinalOctet(index)} octet, where the mask is ${256 - step}; ` +
    `256 - ${256 - step} = ${step}, so blocks there start at multiples of ${step}. ` +
    `${octet} falls in the block ${start}-${start + step - 1}: keep the octets before it, write ${start}, zero the rest: ${network}.`
  );
}
