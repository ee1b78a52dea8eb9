// The one way to put nodes inside a text node: cut it at the pieces a plugin
// found (a note call, a name, a work's title, a page reference, a date's
// anchor) and put each piece's node in its place. The text between pieces
// stays text with its own raw position and origin (raw-position.ts), so
// later messages still name the raw `line:column`.
import type { PhrasingContent, Text } from "mdast";
import type { VFile } from "vfile";
import { sliceText } from "./raw-position.js";

export interface TextPiece {
  /** Where the piece starts and ends in the node's value (equal for a node put in between). */
  start: number;
  end: number;
  /** The node(s) that stand for the piece, made from its text (empty for a node put in between). */
  make: (text: Text) => PhrasingContent | PhrasingContent[];
}

/**
 * Replace `node` in `parent` by its value cut at `pieces` (in order, not
 * overlapping). Returns how many nodes now stand where `node` stood.
 */
export function splitText(file: VFile, parent: { children: PhrasingContent[] }, node: Text, pieces: TextPiece[]): number {
  const parts: PhrasingContent[] = [];
  let cursor = 0;
  for (const piece of pieces) {
    if (piece.start > cursor) parts.push(sliceText(file, node, cursor, piece.start));
    const made = piece.make(sliceText(file, node, piece.start, piece.end));
    parts.push(...(Array.isArray(made) ? made : [made]));
    cursor = piece.end;
  }
  if (cursor < node.value.length) parts.push(sliceText(file, node, cursor));
  parent.children.splice(parent.children.indexOf(node), 1, ...parts);
  return parts.length;
}
