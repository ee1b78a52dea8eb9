// Notes: the calls in the text and the numbered list that closes it become
// mdast footnoteReference / footnoteDefinition nodes, grouped at the end of
// the text in one `noteSection`. The convention is read from the text:
// - `[12]` / `[2*]` calls (a starred series for the author's notes), which may
//   also stand inside a note;
// - `(2)` calls glued to the punctuation before them (`expedient.(2)`); a
//   parenthesised number after a space is something else (a page reference).
// Ids are `<text id>-note-<n>` (`-<n>s` for a starred note), so they are
// unique across the book. Calls without notes, notes without calls (kept),
// repeated numbers and gaps are warnings; nothing is dropped.
import type { Data, FootnoteDefinition, FootnoteReference, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import { cutText, pointIn } from "../ingest/raw-position.js";
import { splitText, type TextPiece } from "../ingest/split-text.js";
import { visit } from "unist-util-visit";
import { notesStart } from "./blocks.js";
import "./text-data.js";

const source = "notes";

/** The notes of a text, grouped where the list stood. */
export interface NoteSection extends Parent {
  type: "noteSection";
  children: FootnoteDefinition[];
  data?: Data & { textId?: string };
}

declare module "mdast" {
  interface RootContentMap {
    noteSection: NoteSection;
  }
  interface FootnoteReferenceData {
    /** The note's number as the source prints it: `12`, `2*`. */
    noteLabel?: string;
    /** The id of this call (a note called twice has two). */
    callId?: string;
    /** The id of the note it calls. */
    noteId?: string;
    /** The call stands right after another call (`[20] [1*]`): styles set a separator. */
    followsCall?: boolean;
  }
  interface FootnoteDefinitionData {
    noteLabel?: string;
    noteId?: string;
    /** The ids of the calls of this note, in reading order; empty when its call was lost. */
    callIds?: string[];
  }
}

export interface NoteCount {
  /** Notes in the list, by series (`numbered`, `starred`). */
  notes: { numbered: number; starred: number };
  /** Notes reached by at least one call. */
  linked: number;
  /** Calls that stand inside another note. */
  nested: number;
  /** Notes that no call reaches. */
  withoutCall: string[];
  /** Calls whose number has no note. */
  callsWithoutNote: string[];
  convention: "brackets" | "parentheses" | "footnotes" | "none";
}

declare module "vfile" {
  interface DataMap {
    notes: NoteCount;
  }
}

/** A note in the closing list: `12. text`, `2*. text`. */
const noteItem = /^\s*(\d+)(\*?)\.\s+/;
/** A bracket call, with the space before it (typography made it no-break). */
const bracketCall = /[ \u00A0]?\[(\d+)(\*?)\]/g;
/** A parenthesised call glued to the punctuation before it. */
const parenCall = /(?<=[.!?,;:’”"])\((\d+)\)/g;

export function noteKey(number: string, starred: boolean): string {
  return `${number}${starred ? "*" : ""}`;
}

export function noteIdOf(textId: string, label: string): string {
  return `${textId}-note-${label.replace("*", "s")}`;
}

function callIdOf(textId: string, label: string, occurrence: number): string {
  return `${textId}-noteref-${label.replace("*", "s")}${occurrence > 1 ? `-${occurrence}` : ""}`;
}

interface ListedNote {
  label: string;
  number: number;
  starred: boolean;
  paragraph: Paragraph;
}

function listedNotes(file: VFile, tree: Root, start: number): ListedNote[] {
  return tree.children.slice(start).map((node) => {
    const paragraph = node as Paragraph;
    const first = paragraph.children[0] as Text;
    const match = noteItem.exec(first.value)!;
    cutText(file, first, match[0].length);
    return { label: noteKey(match[1]!, match[2] === "*"), number: Number(match[1]), starred: match[2] === "*", paragraph };
  });
}

/** Which call convention the text uses: brackets if any bracket call names a listed note. */
function conventionOf(tree: Root, end: number, labels: Set<string>): NoteCount["convention"] {
  if (!labels.size) return "none";
  let brackets = false;
  visit({ type: "root", children: tree.children.slice(0, end) } as Root, "text", (node) => {
    for (const match of node.value.matchAll(bracketCall)) if (labels.has(noteKey(match[1]!, match[2] === "*"))) brackets = true;
  });
  return brackets ? "brackets" : "parentheses";
}

export const restoreNotes: Plugin<[], Root> = () => (tree, file) => {
  // Notes that are notes already (a reader made them: Markdown footnotes): leave the tree alone.
  if (tree.children.some((node) => (node.type as string) === "noteSection")) return;
  const textId = file.data.textId ?? file.data.entry?.id ?? "text";
  const start = notesStart(tree);
  const notes = listedNotes(file, tree, start);
  const byLabel = new Map<string, ListedNote>();
  const definitions = new Map<ListedNote, FootnoteDefinition>();
  const callsOf = new Map<string, string[]>();
  const count: NoteCount = {
    notes: { numbered: 0, starred: 0 },
    linked: 0,
    nested: 0,
    withoutCall: [],
    callsWithoutNote: [],
    convention: conventionOf(tree, start, new Set(notes.map((note) => note.label))),
  };

  // The list: repeated numbers and gaps, per series.
  const last = { numbered: 0, starred: 0 };
  for (const note of notes) {
    const series = note.starred ? "starred" : "numbered";
    count.notes[series]++;
    if (byLabel.has(note.label)) {
      file.message(`note ${note.label} is listed twice; both are kept, calls go to the first`, { place: note.paragraph.position, ruleId: "notes-duplicate-note", source });
    } else byLabel.set(note.label, note);
    if (note.number !== last[series] + 1 && note.number > last[series]) {
      file.message(`note ${note.label} follows note ${last[series] || "(none)"}${note.starred ? "*" : ""}: a gap in the numbering`, { place: note.paragraph.position, ruleId: "notes-gap", source });
    }
    last[series] = Math.max(last[series], note.number);
    const noteId = noteIdOf(textId, note.label) + (byLabel.get(note.label) === note ? "" : `-${count.notes[series]}`);
    definitions.set(note, {
      type: "footnoteDefinition",
      identifier: noteId,
      label: note.label,
      children: [note.paragraph],
      position: note.paragraph.position,
      data: { noteLabel: note.label, noteId, callIds: [] },
    });
  }

  const pattern = count.convention === "brackets" ? bracketCall : count.convention === "parentheses" ? parenCall : undefined;
  const replaceCalls = (node: Text, index: number, parent: { children: PhrasingContent[] }, nested: boolean) => {
    if (!pattern) return;
    const pieces: TextPiece[] = [];
    let previousCallEnd = -1;
    for (const match of node.value.matchAll(pattern)) {
      const label = noteKey(match[1]!, match[2] === "*");
      const token = count.convention === "brackets" ? `[${label}]` : `(${label})`;
      const place = pointIn(file, node, match.index + match[0].indexOf(token[0]!));
      const note = byLabel.get(label);
      if (!note) {
        count.callsWithoutNote.push(label);
        file.message(`note call ${token} has no note in the list; left as it stands`, { place, ruleId: "notes-call-without-note", source });
        continue;
      }
      const calls = callsOf.get(label) ?? [];
      if (calls.length) file.message(`note ${label} is called a second time here`, { place, ruleId: "notes-duplicate-call", source });
      const noteId = definitions.get(note)!.data!.noteId!;
      const callId = callIdOf(textId, label, calls.length + 1);
      calls.push(callId);
      callsOf.set(label, calls);
      if (nested) count.nested++;
      // Keep the space between two calls side by side (`[20] [1*]`), drop it before a word's call.
      const keepSpace = /^[ \u00A0]/.test(match[0]) && match.index === previousCallEnd;
      const end = match.index + match[0].length;
      pieces.push({
        start: match.index,
        end,
        make: (text): PhrasingContent[] => [
          ...(keepSpace ? [{ type: "text", value: " " } as const] : []),
          {
            type: "footnoteReference",
            identifier: noteId,
            label,
            ...(text.position ? { position: text.position } : {}),
            data: { noteLabel: label, callId, noteId, ...(keepSpace ? { followsCall: true } : {}) },
          } satisfies FootnoteReference,
        ],
      });
      previousCallEnd = end;
    }
    if (!pieces.length) return;
    return index + splitText(file, parent, node, pieces);
  };

  // Calls in the body, then calls inside the notes.
  const body: Root = { type: "root", children: tree.children.slice(0, start) };
  if (!notes.length) reportCallsWithoutList(file, body, count);
  visit(body, "text", (node, index, parent) => replaceCalls(node, index!, parent as { children: PhrasingContent[] }, false));
  for (const note of notes) {
    visit(note.paragraph, "text", (node, index, parent) => replaceCalls(node, index!, parent as { children: PhrasingContent[] }, true));
  }

  for (const note of notes) {
    const definition = definitions.get(note)!;
    const calls = byLabel.get(note.label) === note ? (callsOf.get(note.label) ?? []) : [];
    definition.data!.callIds = calls;
    if (calls.length) count.linked++;
    else {
      count.withoutCall.push(note.label);
      file.message(`note ${note.label} has no call in the text (lost in the scrape?); kept at the end of the text`, { place: note.paragraph.position, ruleId: "notes-note-without-call", source });
    }
  }

  if (notes.length) {
    const section: NoteSection = { type: "noteSection", children: [...definitions.values()], data: { textId } };
    tree.children = [...body.children, section as RootContent];
    file.info(`${count.linked} of ${notes.length} notes linked to their calls (${count.convention})`, { place: notes[0]!.paragraph.position, ruleId: "notes-linked", source });
  }
  file.data.notes = count;
};

/**
 * A text with bracket calls (`[12]`) but no note list: its calls have no
 * notes. One warning at the first call names how many there are and where the
 * first few stand (10,000 calls make one message, not 10,000); the calls are
 * left as they stand.
 */
function reportCallsWithoutList(file: VFile, body: Root, count: NoteCount): void {
  const places: { label: string; line: number; column: number }[] = [];
  visit(body, "text", (node) => {
    for (const match of node.value.matchAll(bracketCall)) {
      const place = pointIn(file, node, match.index + match[0].indexOf("["));
      places.push({ label: noteKey(match[1]!, match[2] === "*"), line: place?.line ?? 1, column: place?.column ?? 1 });
    }
  });
  if (!places.length) return;
  count.callsWithoutNote.push(...places.map((place) => place.label));
  const shown = places.slice(0, 5).map((place) => `[${place.label}] at ${place.line}:${place.column}`).join(", ");
  const more = places.length > 5 ? ` and ${places.length - 5} more` : "";
  file.message(`${places.length} note call${places.length === 1 ? "" : "s"} but the text has no note list: ${shown}${more}; left as they stand`, {
    place: { line: places[0]!.line, column: places[0]!.column },
    ruleId: "notes-call-without-note",
    source,
  });
}
