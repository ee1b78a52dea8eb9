// An anchor where each correction was made, so the editorial note can give the
// page of each one (print, and the EPUB when it carries the print pages). The
// anchor is an empty span like the chronology's; it goes before the corrected
// reading in the text node whose raw place holds the correction. A correction
// in a place the book does not print (removed furniture) gets no anchor, and
// the note lists it without a page.
import type { Parent, PhrasingContent, Root, Text } from "mdast";
import type { Plugin } from "unified";
import type { Point } from "unist";
import { visitParents } from "unist-util-visit-parents";
import { splitText } from "../ingest/split-text.js";
import "./text-data.js";

/** The id of the anchor at a text's `index`-th correction made (in the order of the corrections file, then of the text). */
export const correctionAnchorId = (textId: string, index: number) => `${textId}-correction-${index + 1}`;

function anchorNode(id: string): PhrasingContent {
  return { type: "text", value: "", data: { hName: "span", hProperties: { id, className: ["correction-anchor"] } } } as PhrasingContent;
}

const before = (a: Point, b: Point) => a.line < b.line || (a.line === b.line && a.column <= b.column);

export const anchorCorrections: Plugin<[], Root> = () => (tree, file) => {
  const textId = file.data.textId ?? "text";
  const made = (file.data.corrections ?? []).flatMap((applied, correction) => (applied.places ?? []).map((place) => ({ place, right: applied.correction.right, correction })));
  const wanted = made.map((entry, index) => ({ ...entry, id: correctionAnchorId(textId, index) }));
  const anchored = new Set<string>();
  if (!wanted.length) return;
  // The anchors of each correction, in the order of file.data.corrections: what the editorial note links to.
  file.data.correctionAnchors = (file.data.corrections ?? []).map(() => []);
  const found: { node: Text; parent: Parent; id: string; right: string }[] = [];
  visitParents(tree, "text", (node, ancestors) => {
    const position = node.position;
    if (!position || !node.value) return;
    for (const entry of wanted) {
      if (anchored.has(entry.id) || !before(position.start, entry.place) || before(position.end, entry.place)) continue;
      anchored.add(entry.id);
      file.data.correctionAnchors![entry.correction]!.push(entry.id);
      found.push({ node, parent: ancestors.at(-1) as Parent, id: entry.id, right: entry.right });
    }
  });
  for (const entry of wanted) {
    if (anchored.has(entry.id)) continue;
    file.info(`no printed text holds this correction to \`${entry.right}\`; the editorial note gives it without a page`, { place: entry.place, ruleId: "correction-unanchored", source: "corrections" });
  }
  // Split each node once, at every anchor it holds, before the corrected reading (or at its start when typography changed it).
  const byNode = new Map<Text, typeof found>();
  for (const entry of found) byNode.set(entry.node, [...(byNode.get(entry.node) ?? []), entry]);
  for (const [node, entries] of byNode) {
    const parent = entries[0]!.parent as { children: PhrasingContent[] };
    let from = 0;
    const pieces = entries.map(({ id, right }) => {
      const at = node.value.indexOf(right, from);
      const start = at === -1 ? from : at;
      from = at === -1 ? from : at + right.length;
      return { start, end: start, make: () => anchorNode(id) };
    });
    pieces.sort((a, b) => a.start - b.start);
    splitText(file, parent, node, pieces);
  }
};
