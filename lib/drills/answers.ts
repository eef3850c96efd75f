/**
 * Learner answers: reading them (with the lib/net parsers, so a drill accepts exactly what the rest
 * of the app accepts), comparing them as values, and writing them back out.
 */
import { formatIpv4, parseIpv4, type Ipv4 } from "../net/ipv4";
import { parseHostAddress } from "../net/cidr";
import { fail, ok, type Parsed } from "../net/result";
import type { AnswerFormat, AnswerValue, ChoiceOption } from "./types";

/** What a learner may type to say "there is no such address". */
const NONE_SPELLINGS = new Set(["none", "n/a", "na", "-", "no", "no broadcast", "null"]);
/** Longer than any sensible answer; checked before any other work so huge input costs nothing. */
const MAX_ANSWER = 100;

/** Reads a learner's raw answer for a blank; unreadable input is a format error, never a throw. */
export function parseAnswer(format: AnswerFormat, raw: unknown): Parsed<AnswerValue> {
  if (raw === undefined || raw === null) return fail("no answer given");
  if (typeof raw === "string") {
    if (raw.length > MAX_ANSWER * 10) return fail("that answer is far too long");
    if (raw.trim().length === 0) return fail("no answer given");
  }
  switch (format.type) {
    case "ipv4":
      return parseIpv4Answer(raw, format.noneAllowed);
    case "integer":
      return parseIntegerAnswer(raw);
    case "cidr":
      return parseCidrAnswer(raw);
    case "prefix":
      return parsePrefixAnswer(raw);
    case "choice":
      return parseChoiceAnswer(raw, format.options);
  }
}

function parseIpv4Answer(raw: unknown, noneAllowed: boolean): Parsed<AnswerValue> {
  if (typeof raw === "string" && NONE_SPELLINGS.has(raw.trim().toLowerCase())) {
    return noneAllowed ? ok({ type: "ipv4", address: null }) : fail("an address is needed here, not \"none\"");
  }
  const parsed = parseIpv4(raw);
  if (!parsed.ok) return fail(noneAllowed ? `${parsed.error} (or "none" if there is no such address)` : parsed.error);
  return ok({ type: "ipv4", address: parsed.value });
}

function parseIntegerAnswer(raw: unknown): Parsed<AnswerValue> {
  if (typeof raw === "number") {
    if (!Number.isSafeInteger(raw) || raw < 0) return fail("write a whole number, like 254");
    return ok({ type: "integer", value: raw });
  }
  if (typeof raw !== "string") return fail("write a whole number, like 254");
  const text = raw.trim();
  if (text.length > 20) return fail("that is too long to be a count of addresses");
  // Thousands separators are welcome (16,777,214 or 16 777 214) as long as they group by three.
  if (!/^\d+$/.test(text) && !/^\d{1,3}([,_ \u00a0\u202f]\d{3})+$/.test(text)) {
    return fail(`"${text}" is not a whole number: write digits only, like 254 or 16,777,214`);
  }
  const value = Number(text.replace(/[^\d]/g, ""));
  if (!Number.isSafeInteger(value)) return fail("that number is too large");
  return ok({ type: "integer", value });
}

function parseCidrAnswer(raw: unknown): Parsed<AnswerValue> {
  // Host bits are allowed through on purpose: "10.1.2.3/24" is a wrong block, not bad notation,
  // and parseCidr's error for it would name the right answer.
  const parsed = parseHostAddress(raw);
  if (!parsed.ok) return fail(parsed.error.replace("an interface address", "a CIDR block"));
  return ok({ type: "cidr", address: parsed.value.ip, prefix: parsed.value.prefix });
}

function parsePrefixAnswer(raw: unknown): Parsed<AnswerValue> {
  if (typeof raw === "number") {
    if (!Number.isInteger(raw) || raw < 0 || raw > 32) return fail("a prefix length is a whole number 0-32");
    return ok({ type: "prefix", prefix: raw });
  }
  if (typeof raw !== "string") return fail("write a prefix length like /24");
  const text = raw.trim();
  if (text.length > 20) return fail("that is too long to be a prefix length");
  if (parseIpv4(text).ok) return fail("that is a dotted netmask: write the prefix length instead, like /24");
  const match = /^\/?(\d{1,2})$/.exec(text);
  if (!match) return fail(`"${text}" is not a prefix length: write it like /24 or 24`);
  const prefix = Number(match[1]);
  if (prefix > 32) return fail(`/${prefix} is longer than 32: an IPv4 prefix length is 0-32`);
  return ok({ type: "prefix", prefix });
}

function parseChoiceAnswer(raw: unknown, options: readonly ChoiceOption[]): Parsed<AnswerValue> {
  const ids = options.map((o) => o.id).join(", ");
  if (typeof raw !== "string") return fail(`choose one of: ${ids}`);
  const text = raw.trim().toLowerCase();
  const chosen = options.find((o) => o.id.toLowerCase() === text || o.label.toLowerCase() === text);
  if (chosen === undefined) return fail(`choose one of: ${ids}`);
  return ok({ type: "choice", option: chosen.id });
}

/** True when two answers are the same value (addresses compared as integers). */
export function sameAnswer(a: AnswerValue, b: AnswerValue): boolean {
  switch (a.type) {
    case "ipv4":
      return b.type === "ipv4" && a.address === b.address;
    case "integer":
      return b.type === "integer" && a.value === b.value;
    case "cidr":
      return b.type === "cidr" && a.address === b.address && a.prefix === b.prefix;
    case "prefix":
      return b.type === "prefix" && a.prefix === b.prefix;
    case "choice":
      return b.type === "choice" && a.option === b.option;
  }
}

/** Writes an answer the way a learner would type it (choices as their option id). */
export function formatAnswer(answer: AnswerValue): string {
  switch (answer.type) {
    case "ipv4":
      return answer.address === null ? "none" : formatIpv4(answer.address);
    case "integer":
      return String(answer.value);
    case "cidr":
      return `${formatIpv4(answer.address)}/${answer.prefix}`;
    case "prefix":
      return `/${answer.prefix}`;
    case "choice":
      return answer.option;
  }
}

/** Writes an answer for people to read: counts with separators, choices by their label. */
export function describeAnswer(answer: AnswerValue, format: AnswerFormat): string {
  if (answer.type === "integer") return groupThousands(answer.value);
  if (answer.type === "choice" && format.type === "choice") {
    return format.options.find((o) => o.id === answer.option)?.label ?? answer.option;
  }
  return formatAnswer(answer);
}

/** Answer constructors, so generators read as data. */
export const answer = {
  ipv4: (address: Ipv4 | number | null): AnswerValue => ({ type: "ipv4", address: address as Ipv4 | null }),
  integer: (value: number): AnswerValue => ({ type: "integer", value }),
  cidr: (address: Ipv4 | number, prefix: number): AnswerValue => ({ type: "cidr", address: address as Ipv4, prefix }),
  prefix: (prefix: number): AnswerValue => ({ type: "prefix", prefix }),
  choice: (option: string): AnswerValue => ({ type: "choice", option }),
};

/** 16777214 -> "16,777,214" (by hand: toLocaleString depends on the runtime's locale data). */
export function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
