/**
 * Join codes: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
 * "ABCD-EFGH" so they can be read aloud or copied from a projector. Pure: the random bytes come in.
 *
 * 31^8 is about 8.5e11 codes (39 bits): enough that guessing an open code is hopeless at the rate
 * limits the site applies, and a code can be regenerated (the old one stops working) at any time.
 */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

// Bytes at or above this are skipped so every character is equally likely (248 = 8 x 31).
const UNBIASED_LIMIT = Math.floor(256 / JOIN_CODE_ALPHABET.length) * JOIN_CODE_ALPHABET.length;

/** A new join code from a source of random bytes (node:crypto randomBytes in the app). */
export function newJoinCode(randomBytes: (size: number) => Uint8Array): string {
  const chars: string[] = [];
  while (chars.length < JOIN_CODE_LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte >= UNBIASED_LIMIT) continue;
      chars.push(JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length]!);
      if (chars.length === JOIN_CODE_LENGTH) break;
    }
  }
  return formatJoinCode(chars.join(""));
}

function formatJoinCode(bare: string): string {
  return `${bare.slice(0, 4)}-${bare.slice(4)}`;
}

/**
 * The stored form of a code someone typed ("abcd efgh", "ABCDEFGH", "abcd-efgh"), or null when it
 * cannot be a join code at all (so a mistyped code is refused without a database read).
 */
export function normaliseJoinCode(input: string): string | null {
  if (input.length > 40) return null;
  const bare = input.toUpperCase().replace(/[\s-]/g, "");
  if (bare.length !== JOIN_CODE_LENGTH) return null;
  for (const char of bare) if (!JOIN_CODE_ALPHABET.includes(char)) return null;
  return formatJoinCode(bare);
}
