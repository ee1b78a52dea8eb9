// Emphasis written in plain text as `_words_` or `*words*` (the conventions of
// plain-text ebooks, e-mail and wiki text dumps) becomes emphasis. Only a pair that opens
// at a word's start counts (it may close inside a word: `_mis_managed`), so an
// underscore inside a word or an address (`lit_revo/index`) stays text; a lone one is a
// warning, never a guess. A `*…*` pair must open and close at a word's edges
// and stand in one line's paragraph; an asterisk after a digit or a bracket
// (`[1*]`, a starred note) or in a run (`***`) is no mark. Markdown texts have their emphasis from the parser.
import type { Emphasis, Root, Text } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import { pointIn, sliceText } from "../ingest/raw-position.js";
import { splitText, type TextPiece } from "../ingest/split-text.js";

const source = "typography";

/** `_…_` with no underscore inside, opening at a word's start; it may close inside a word (`_mis_managed`). */
const underscored = /(?<![\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?!_)/gu;
/** An underscore not inside a word. */
const loneUnderscore = /(?<![\p{L}\p{N}_/])_(?![\p{L}\p{N}_/])|(?<![\p{L}\p{N}_/])_(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])_(?![\p{L}\p{N}_/])/gu;

/** `*…*` with no asterisk inside, opening at a word's start and closing at a word's end. */
const starred = /(?<![\p{L}\p{N}*\\[])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\p{L}\p{N}*])/gu;
/** An asterisk against a word's start or end, outside a run of them and not after a digit (`1*`). */
const loneStar = /(?<![\p{L}\p{N}*\[])\*(?=\p{L})|(?<=\p{L})\*(?![\p{L}\p{N}*\]])/gu;

export const restorePlainEmphasis: Plugin<[], Root> = () => (tree, file) => {
  const found: { node: Text; parent: { children: Root["children"] } }[] = [];
  visit(tree, "text", (node, _index, parent) => {
    if (parent && (node.value.includes("_") || node.value.includes("*"))) found.push({ node, parent: parent as never });
  });
  for (const { node, parent } of found) {
    const pieces: TextPiece[] = [];
    const pairedAt = new Set<number>();
    for (const match of node.value.matchAll(underscored)) {
      const start = match.index;
      const end = start + match[0].length;
      pairedAt.add(start).add(end - 1);
      pieces.push({
        start,
        end,
        make: (text): Emphasis => ({ type: "emphasis", children: [sliceText(file, text, 1, text.value.length - 1)], ...(text.position ? { position: text.position } : {}) }),
      });
    }
    for (const match of node.value.matchAll(starred)) {
      const start = match.index;
      const end = start + match[0].length;
      // An underscore pair already holds it, or it holds one: the first found wins.
      if (pieces.some((piece) => start < piece.end && piece.start < end)) continue;
      pairedAt.add(start).add(end - 1);
      pieces.push({
        start,
        end,
        make: (text): Emphasis => ({ type: "emphasis", children: [sliceText(file, text, 1, text.value.length - 1)], ...(text.position ? { position: text.position } : {}) }),
      });
    }
    for (const match of node.value.matchAll(loneUnderscore)) {
      if (pairedAt.has(match.index)) continue;
      file.message("an underscore that opens or closes no emphasis; left as it stands", { place: pointIn(file, node, match.index), ruleId: "typography-lone-underscore", source });
    }
    for (const match of node.value.matchAll(loneStar)) {
      if (pairedAt.has(match.index) || pieces.some((piece) => piece.start < match.index && match.index < piece.end)) continue;
      file.message("an asterisk that opens or closes no emphasis; left as it stands", { place: pointIn(file, node, match.index), ruleId: "typography-lone-asterisk", source });
    }
    pieces.sort((a, b) => a.start - b.start);
    if (pieces.length) splitText(file, parent as never, node, pieces);
  }
};
