// A Markdown source's footnotes (`[^n]` calls, `[^n]: …` definitions, read
// by remark-gfm) in the notes model of notes.ts: one footnoteDefinition per
// note inside one `noteSection` at the end of the text, ids
// `<text id>-note-<n>`, each call with its own `callId` and every note with
// the `callIds` of its calls, so both formats render them as they render a
// plain text's notes, linked both ways. Notes are numbered in the order of
// their first call, as Pandoc and GitHub number them (a label is a name, not
// a number: `[^intro]` is as good as `[^1]`); a note may be called more than
// once. A call whose label no definition has (remark-gfm leaves it as text),
// a definition that no call reaches (kept, after the called notes) and a
// label defined twice are warnings at their raw line; nothing is dropped.
import type { FootnoteDefinition, FootnoteReference, Parent, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { pointIn } from "../ingest/raw-position.js";
import type { NoteCount, NoteSection } from "./notes.js";
import "./text-data.js";

const source = "notes";
/** A call remark-gfm did not take: its label has no definition. */
const undefinedCall = /\[\^([^\]\s]+)\]/g;

export const restoreMarkdownNotes: Plugin<[], Root> = () => (tree, file) => {
  const definitions: FootnoteDefinition[] = [];
  visit(tree, "footnoteDefinition", (node, index, parent) => {
    definitions.push(node);
    (parent as Parent).children.splice(index!, 1);
    return [SKIP, index!];
  });
  const textId = file.data.textId ?? file.data.entry?.id ?? "text";
  const byIdentifier = new Map<string, FootnoteDefinition>();
  for (const definition of definitions) {
    const first = byIdentifier.get(definition.identifier);
    if (first) {
      file.message(`footnote \`[^${definition.label ?? definition.identifier}]\` is defined twice (first at line ${first.position?.start.line}); calls go to the first, this one is kept as a note without a call`, {
        place: definition.position,
        ruleId: "notes-duplicate-note",
        source,
      });
    } else byIdentifier.set(definition.identifier, definition);
  }

  const numbered: FootnoteDefinition[] = [];
  const numberOf = new Map<FootnoteDefinition, number>();
  const callIdsOf = new Map<FootnoteDefinition, string[]>();
  const secondCalls = new Map<FootnoteDefinition, FootnoteReference>();
  const count: NoteCount = { notes: { numbered: definitions.length, starred: 0 }, linked: 0, nested: 0, withoutCall: [], callsWithoutNote: [], convention: "footnotes" };

  const linkCalls = (scope: Parent, nested: boolean) =>
    visit(scope as Root, (node, index, parent) => {
      if (node.type === "text") {
        for (const match of node.value.matchAll(undefinedCall)) {
          count.callsWithoutNote.push(match[1]!);
          file.message(`footnote call \`[^${match[1]}]\` has no definition \`[^${match[1]}]: …\`; left as it stands`, { place: pointIn(file, node, match.index), ruleId: "notes-call-without-note", source });
        }
        return;
      }
      if (node.type !== "footnoteReference") return;
      const definition = byIdentifier.get(node.identifier);
      if (!definition) return;
      if (!numberOf.has(definition)) {
        numberOf.set(definition, numbered.length + 1);
        numbered.push(definition);
      }
      const number = String(numberOf.get(definition));
      const noteId = `${textId}-note-${number}`;
      const calls = callIdsOf.get(definition) ?? [];
      const callId = `${textId}-noteref-${number}${calls.length ? `-${calls.length + 1}` : ""}`;
      if (calls.length === 1) secondCalls.set(definition, node);
      calls.push(callId);
      callIdsOf.set(definition, calls);
      if (nested) count.nested++;
      const previous = index ? (parent as Parent).children[index - 1] : undefined;
      node.identifier = noteId;
      node.label = number;
      node.data = { ...node.data, noteLabel: number, callId, noteId, ...(previous?.type === "footnoteReference" ? { followsCall: true } : {}) };
    });

  // Calls in the body first, then calls inside the notes (a note may call a note not called before).
  linkCalls(tree, false);
  for (let at = 0; at < numbered.length; at++) linkCalls(numbered[at]!, true);
  for (const definition of definitions) {
    if (numberOf.has(definition)) continue;
    numberOf.set(definition, numbered.length + 1);
    numbered.push(definition);
    linkCalls(definition, true);
  }

  for (const definition of numbered) {
    const number = String(numberOf.get(definition));
    const noteId = `${textId}-note-${number}`;
    const callIds = callIdsOf.get(definition) ?? [];
    if (callIds.length > 1) {
      file.info(`note ${number} is called ${callIds.length} times (again here first); it links back to each call`, { place: secondCalls.get(definition)!.position, ruleId: "notes-repeated-call", source });
    }
    if (callIds.length) count.linked++;
    else {
      count.withoutCall.push(number);
      file.message(`footnote \`[^${definition.label ?? definition.identifier}]\` has no call in the text; kept as note ${number} at the end of the text`, {
        place: definition.position,
        ruleId: "notes-note-without-call",
        source,
      });
    }
    definition.identifier = noteId;
    definition.label = number;
    definition.data = { ...definition.data, noteLabel: number, noteId, callIds };
  }

  if (numbered.length) {
    const section: NoteSection = { type: "noteSection", children: numbered, data: { textId } };
    tree.children.push(section as RootContent);
    file.info(`${count.linked} of ${numbered.length} notes linked to their calls (footnotes)`, { place: numbered[0]!.position, ruleId: "notes-linked", source });
    file.data.notes = count;
  } else if (count.callsWithoutNote.length) file.data.notes = count;
};
