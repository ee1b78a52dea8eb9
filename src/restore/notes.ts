// Notes: the calls in the text and the notes they call become mdast
// footnoteReference / footnoteDefinition nodes, grouped at the end of the
// text in one `noteSection`. The convention is read from the text's own
// evidence, the call numbers and the notes agreeing (note-markers.ts has the
// marks, blocks.ts finds the closing list):
// - the notes: a list closing the text (`12. …`, `[12] …`, `¹² …`,
//   `[Footnote 12: …]`), possibly followed by site furniture, or notes set
//   after their paragraph or at a chapter's end (`[12] …`, `[Footnote 12: …]`,
//   each answering a call made before it);
// - the calls: `[12]` / `[2*]` (a starred series for the author's notes),
//   which may also stand inside a note; `(2)` glued to the punctuation before
//   it (a parenthesised number after a space is a page reference); superscript
//   digits glued to a word (`word¹²`).
// Ids are `<text id>-note-<n>` (`-<n>s` for a starred note), unique across the
// book; where the numbering starts again (a book's chapters) they are
// `<text id>-note-<run>-<n>`, the run counted from 1. A call goes to the next
// note of its number (the last before it if none follows). Calls without
// notes, notes without calls (kept), repeated numbers and gaps are warnings at
// their raw line; nothing is dropped. A tree whose notes are already notes (a
// Markdown source's footnotes) is left alone.
import type { Data, FootnoteDefinition, FootnoteReference, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import { cutText, pointIn } from "../ingest/raw-position.js";
import { splitText, type TextPiece } from "../ingest/split-text.js";
import { visit } from "unist-util-visit";
import { blockMarker, closingNotes } from "./blocks.js";
import { callKindsOf, callsIn, noteKey, openFootnoteMarker, type CallKind, type MarkerKind, type NoteMarker } from "./note-markers.js";
import "./text-data.js";

export { noteKey };

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
  /** Notes found, by series (`numbered`, `starred`). */
  notes: { numbered: number; starred: number };
  /** Notes reached by at least one call. */
  linked: number;
  /** Calls that stand inside another note. */
  nested: number;
  /** Notes that no call reaches. */
  withoutCall: string[];
  /** Calls whose number has no note. */
  callsWithoutNote: string[];
  /** How the calls stand in the text; `footnotes` for notes that came as footnotes (Markdown). */
  convention: CallKind | "footnotes" | "none";
  /** How many times the numbering runs from its start (a book whose chapters number their notes afresh has one per chapter). */
  runs?: number;
}

declare module "vfile" {
  interface DataMap {
    notes: NoteCount;
  }
}

export function noteIdOf(textId: string, label: string, run?: number): string {
  return `${textId}-note-${run ? `${run}-` : ""}${label.replace("*", "s")}`;
}

function callIdOf(textId: string, label: string, occurrence: number, run?: number): string {
  return `${textId}-noteref-${run ? `${run}-` : ""}${label.replace("*", "s")}${occurrence > 1 ? `-${occurrence}` : ""}`;
}

interface ListedNote {
  label: string;
  number: number;
  starred: boolean;
  /** Its first paragraph (where it is reported). */
  paragraph: Paragraph;
  /** All its paragraphs (a `[Footnote n: …]` may run over several). */
  paragraphs: Paragraph[];
  /** Its index among the text's top-level blocks, where it stood, and how many blocks it takes. */
  at: number;
  span: number;
  /** Which run of the numbering it belongs to, from 1. */
  run: number;
}

/** Cut the marker off a note's paragraphs: `[12] `, `12. `, and a footnote's closing `]` (in its last paragraph). */
function cutMarker(file: VFile, paragraphs: Paragraph[], marker: NoteMarker): void {
  const first = paragraphs[0]!.children[0] as Text;
  const last = paragraphs.at(-1)!.children.at(-1);
  if (marker.closing && last?.type === "text" && last !== first) cutText(file, last, 0, last.value.length - marker.closing);
  cutText(file, first, marker.length, first.value.length - (last === first ? marker.closing : 0));
}

/**
 * Notes set in the body after their paragraph or at a chapter's end: runs of
 * `[n] …` (or `[Footnote n: …]`, `¹ …`) blocks of which at least half answer
 * a call made before them and not yet answered. Numbered `n.` blocks in the
 * body are a list, never notes.
 */
/** Most paragraphs a `[Footnote n: …]` may run over. */
const maxFootnoteParagraphs = 8;

/** A note in the body starting at `index`: its marker and how many blocks it takes. */
function bodyNoteAt(children: RootContent[], index: number, end: number): { marker: NoteMarker; span: number } | undefined {
  const marker = blockMarker(children[index]);
  if (marker) return { marker, span: 1 };
  const first = children[index];
  const open = first?.type === "paragraph" && first.children[0]?.type === "text" ? openFootnoteMarker(first.children[0].value) : undefined;
  if (!open) return undefined;
  for (let next = index + 1; next < Math.min(end, index + maxFootnoteParagraphs); next++) {
    const node = children[next]!;
    const last = node.type === "paragraph" ? node.children.at(-1) : undefined;
    if (node.type !== "paragraph" || blockMarker(node) || (node.children[0]?.type === "text" && openFootnoteMarker(node.children[0].value))) return undefined;
    const closing = last?.type === "text" ? /\]\s*$/.exec(last.value)?.[0].length : undefined;
    if (closing) return { marker: { ...open, closing }, span: next - index + 1 };
  }
  return undefined;
}

function notesInBody(children: RootContent[], end: number): Map<number, { marker: NoteMarker; span: number }> {
  const pending: Record<CallKind, Set<string>> = { brackets: new Set(), superscript: new Set(), parentheses: new Set() };
  const found = new Map<number, { marker: NoteMarker; span: number }>();
  const collect = (node: RootContent) =>
    visit(node, "text", (text) => {
      for (const kind of ["brackets", "superscript"] as const) for (const call of callsIn(text.value, kind)) pending[kind].add(call.label);
    });
  let index = 0;
  while (index < end) {
    const note = bodyNoteAt(children, index, end);
    if (!note || note.marker.kind === "dot") {
      collect(children[index]!);
      index++;
      continue;
    }
    // The run of notes of this kind that stand together.
    const run: { at: number; marker: NoteMarker; span: number }[] = [];
    let stop = index;
    for (let next: typeof note | undefined = note; next && next.marker.kind === note.marker.kind; next = stop < end ? bodyNoteAt(children, stop, end) : undefined) {
      run.push({ at: stop, ...next });
      stop += next.span;
    }
    const calls = pending[callKindsOf(note.marker.kind)[0]!];
    const answered = run.filter((one) => calls.has(one.marker.label)).length;
    if (answered && answered * 2 >= run.length) {
      for (const one of run) {
        found.set(one.at, { marker: one.marker, span: one.span });
        calls.delete(one.marker.label);
      }
    } else for (const node of children.slice(index, stop)) collect(node);
    index = stop;
  }
  return found;
}

/** Which calls the text uses: the first kind that goes with its notes and names one of them. */
function conventionOf(tree: Root, end: number, kinds: MarkerKind[], labels: Set<string>): NoteCount["convention"] {
  if (!labels.size) return "none";
  const candidates = [...new Set(kinds.flatMap(callKindsOf))];
  const body = { type: "root", children: tree.children.slice(0, end) } as Root;
  for (const kind of candidates) {
    let named = false;
    visit(body, "text", (node) => {
      for (const call of callsIn(node.value, kind)) if (labels.has(call.label)) named = true;
    });
    if (named) return kind;
  }
  // No call names a note: the list's own kind says what its calls would have been (`n.` lists: `(n)`, as in a scrape that lost them).
  return candidates.length === 1 ? candidates[0]! : "parentheses";
}

/** The notes of a tree that already holds them (a Markdown source's footnotes), counted. */
function countHeldNotes(tree: Root): NoteCount | undefined {
  const definitions: FootnoteDefinition[] = [];
  const called = new Set<string>();
  visit(tree, (node) => {
    if (node.type === "footnoteDefinition") definitions.push(node);
    if (node.type === "footnoteReference") called.add(node.identifier);
  });
  const hasSection = tree.children.some((node) => (node.type as string) === "noteSection");
  if (!hasSection && !definitions.length) return undefined;
  const label = (definition: FootnoteDefinition) => definition.data?.noteLabel ?? definition.label ?? definition.identifier;
  const withoutCall = definitions.filter((definition) => !called.has(definition.identifier)).map(label);
  return {
    notes: { numbered: definitions.length, starred: 0 },
    linked: definitions.length - withoutCall.length,
    nested: 0,
    withoutCall,
    callsWithoutNote: [],
    convention: "footnotes",
  };
}

export const restoreNotes: Plugin<[], Root> = () => (tree, file) => {
  const textId = file.data.textId ?? file.data.entry?.id ?? "text";
  // Notes that are notes already (a reader made them): leave the tree alone.
  const held = countHeldNotes(tree);
  if (held) {
    file.data.notes ??= held;
    return;
  }
  const closing = closingNotes(tree);
  const inBody = notesInBody(tree.children, closing.start);
  const placed: { at: number; marker: NoteMarker; span: number }[] = [...inBody].map(([at, note]) => ({ at, ...note }));
  for (let at = closing.start; at < closing.end; at++) placed.push({ at, marker: blockMarker(tree.children[at])!, span: 1 });

  // The notes in reading order, each in its run of the numbering: it starts again where a number does not grow after body text.
  const notes: ListedNote[] = [];
  let run = 1;
  let last = { numbered: 0, starred: 0 };
  let previousAt = -1;
  for (const { at, marker, span } of placed) {
    const series = marker.starred ? "starred" : "numbered";
    if (previousAt >= 0 && marker.number <= last[series] && at > previousAt + 1) {
      run++;
      last = { numbered: 0, starred: 0 };
    }
    last[series] = Math.max(last[series], marker.number);
    previousAt = at + span - 1;
    const paragraphs = tree.children.slice(at, at + span) as Paragraph[];
    cutMarker(file, paragraphs, marker);
    notes.push({ label: marker.label, number: marker.number, starred: marker.starred, paragraph: paragraphs[0]!, paragraphs, at, span, run });
  }
  const runs = run;
  const runOf = (note: ListedNote) => (runs > 1 ? note.run : undefined);

  const primary = new Map<string, ListedNote>();
  const key = (note: ListedNote) => `${note.run}:${note.label}`;
  const definitions = new Map<ListedNote, FootnoteDefinition>();
  const callsOf = new Map<ListedNote, string[]>();
  const count: NoteCount = {
    notes: { numbered: 0, starred: 0 },
    linked: 0,
    nested: 0,
    withoutCall: [],
    callsWithoutNote: [],
    convention: conventionOf(tree, closing.start, [...new Set(placed.map((note) => note.marker.kind))], new Set(notes.map((note) => note.label))),
    ...(runs > 1 ? { runs } : {}),
  };

  // The notes: repeated numbers and gaps, per run and series.
  let seen = { numbered: 0, starred: 0 };
  let currentRun = 1;
  for (const note of notes) {
    const series = note.starred ? "starred" : "numbered";
    if (note.run !== currentRun) {
      currentRun = note.run;
      seen = { numbered: 0, starred: 0 };
    }
    count.notes[series]++;
    if (primary.has(key(note))) {
      file.message(`note ${note.label} is listed twice; both are kept, calls go to the first`, { place: note.paragraph.position, ruleId: "notes-duplicate-note", source });
    } else primary.set(key(note), note);
    if (note.number !== seen[series] + 1 && note.number > seen[series]) {
      file.message(`note ${note.label} follows note ${seen[series] || "(none)"}${note.starred ? "*" : ""}: a gap in the numbering`, { place: note.paragraph.position, ruleId: "notes-gap", source });
    }
    seen[series] = Math.max(seen[series], note.number);
    const noteId = noteIdOf(textId, note.label, runOf(note)) + (primary.get(key(note)) === note ? "" : `-${count.notes[series]}`);
    definitions.set(note, {
      type: "footnoteDefinition",
      identifier: noteId,
      label: note.label,
      children: note.paragraphs,
      position: note.paragraphs.length > 1 ? { start: note.paragraph.position!.start, end: note.paragraphs.at(-1)!.position!.end } : note.paragraph.position,
      data: { noteLabel: note.label, noteId, callIds: [] },
    });
  }

  // A call goes to the next note of its number, else to the last one before it.
  const byLabel = new Map<string, ListedNote[]>();
  for (const note of primary.values()) byLabel.set(note.label, [...(byLabel.get(note.label) ?? []), note]);
  const noteFor = (label: string, at: number) => {
    const candidates = byLabel.get(label) ?? [];
    return candidates.find((note) => note.at > at) ?? candidates.findLast((note) => note.at <= at);
  };

  const callKind = count.convention === "none" || count.convention === "footnotes" ? undefined : count.convention;
  const replaceCalls = (node: Text, index: number, parent: { children: PhrasingContent[] }, at: number, nested: boolean) => {
    if (!callKind) return;
    const pieces: TextPiece[] = [];
    let previousCallEnd = -1;
    for (const call of callsIn(node.value, callKind)) {
      const { label, token } = call;
      const place = pointIn(file, node, call.markIndex);
      const note = noteFor(label, at);
      if (!note) {
        count.callsWithoutNote.push(label);
        file.message(`note call ${token} has no note in the list; left as it stands`, { place, ruleId: "notes-call-without-note", source });
        continue;
      }
      const calls = callsOf.get(note) ?? [];
      if (calls.length) file.message(`note ${label} is called a second time here`, { place, ruleId: "notes-duplicate-call", source });
      const noteId = definitions.get(note)!.data!.noteId!;
      const callId = callIdOf(textId, label, calls.length + 1, runOf(note));
      calls.push(callId);
      callsOf.set(note, calls);
      if (nested) count.nested++;
      // Two calls side by side (`[20] [1*]`) print as `20,1*`: the style sheets set the comma, so the space between goes.
      const followsCall = call.spaced && call.index === previousCallEnd;
      pieces.push({
        start: call.index,
        end: call.end,
        make: (text): PhrasingContent[] => [
          {
            type: "footnoteReference",
            identifier: noteId,
            label,
            ...(text.position ? { position: text.position } : {}),
            data: { noteLabel: label, callId, noteId, ...(followsCall ? { followsCall: true } : {}) },
          } satisfies FootnoteReference,
        ],
      });
      previousCallEnd = call.end;
    }
    if (!pieces.length) return;
    return index + splitText(file, parent, node, pieces);
  };

  // Calls in reading order: in the body, and inside the notes where they stand.
  const noteAt = new Map(notes.flatMap((note) => note.paragraphs.map((_, offset) => [note.at + offset, note] as const)));
  const body: RootContent[] = [];
  for (let at = 0; at < closing.end; at++) {
    const node = tree.children[at]!;
    const note = noteAt.get(at);
    if (!note) body.push(node);
    visit(node, "text", (text, index, parent) => replaceCalls(text, index!, parent as { children: PhrasingContent[] }, at, Boolean(note)));
  }
  if (!notes.length) reportCallsWithoutList(file, { type: "root", children: body }, count);

  for (const note of notes) {
    const definition = definitions.get(note)!;
    const calls = primary.get(key(note)) === note ? (callsOf.get(note) ?? []) : [];
    definition.data!.callIds = calls;
    if (calls.length) count.linked++;
    else {
      count.withoutCall.push(note.label);
      file.message(`note ${note.label} has no call in the text (lost in the scrape?); kept at the end of the text`, { place: note.paragraph.position, ruleId: "notes-note-without-call", source });
    }
  }

  if (notes.length) {
    const section: NoteSection = { type: "noteSection", children: [...definitions.values()], data: { textId } };
    tree.children = [...body, section as RootContent, ...tree.children.slice(closing.end)];
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
    for (const call of callsIn(node.value, "brackets")) {
      const place = pointIn(file, node, call.markIndex);
      places.push({ label: call.label, line: place?.line ?? 1, column: place?.column ?? 1 });
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
