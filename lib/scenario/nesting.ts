/**
 * How deeply a YAML text nests, bounded from above before the YAML library builds a document: its
 * composer recurses once per level, and a few thousand levels (`[[[[...`, 2 KB of text) exhaust the
 * stack, or worse, crash the process from inside V8's regexp compiler. The lexer is iterative, so
 * the bound is computed from its tokens and stops as soon as the limit is passed.
 *
 * The bound over-estimates and never under-estimates: a block collection starts at a column greater
 * than its parent's, so a collection at column c has at most c ancestors: an indicator (`-`, `?`,
 * `:`) at column c is at most c + 1 levels deep, and a flow collection opened at column c at most c
 * plus its own `[`/`{` depth.
 */
import { CST, Lexer } from "yaml";

/** Deeper than this is refused: the scenarios in content/ stay under 25 (columns of indentation count as levels). */
export const MAX_YAML_NESTING = 100;

/** The first line where the nesting bound passes `limit`, or null when the text stays within it. */
export function lineTooDeep(text: string, limit: number = MAX_YAML_NESTING): number | null {
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  let flowDepth = 0;
  let flowBase = 0;
  let afterScalarMarker = false;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    // Markers the lexer adds (document, scalar, flow-error-end) are not part of the source text.
    if (type === "doc-mode" || type === "scalar" || type === "flow-error-end") {
      afterScalarMarker = type === "scalar";
      continue;
    }
    const structural = !afterScalarMarker;
    afterScalarMarker = false;
    const column = offset - lineStart;
    if (structural && (type === "flow-seq-start" || type === "flow-map-start")) {
      if (flowDepth === 0) flowBase = column;
      flowDepth += 1;
      if (flowBase + flowDepth > limit) return line;
    } else if (structural && (type === "flow-seq-end" || type === "flow-map-end")) {
      flowDepth = Math.max(0, flowDepth - 1);
    } else if (structural && flowDepth === 0 && (type === "seq-item-ind" || type === "explicit-key-ind" || type === "map-value-ind")) {
      if (column + 1 > limit) return line;
    }
    const newlines = countNewlines(token);
    if (newlines > 0) {
      line += newlines;
      lineStart = offset + token.lastIndexOf("\n") + 1;
    }
    offset += token.length;
  }
  return null;
}

function countNewlines(token: string): number {
  let n = 0;
  for (let i = token.indexOf("\n"); i !== -1; i = token.indexOf("\n", i + 1)) n += 1;
  return n;
}
