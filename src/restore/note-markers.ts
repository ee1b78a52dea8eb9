// The marks a text uses for its notes, read from the text itself: how a note
// in a list begins (`12.`, `[12]`, `[Footnote 12: …]`, `¹²`) and how a call
// stands in the running text (`[12]`, `expedient.(2)`, `word¹²`). Pure
// string rules; which of them a text uses is decided where calls and notes
// are compared (notes.ts, blocks.ts).

/** How a note in a list begins. */
export type MarkerKind = "dot" | "bracket" | "footnote" | "superscript";

/** How calls stand in the running text. */
export type CallKind = "brackets" | "superscript" | "parentheses";

export interface NoteMarker {
  kind: MarkerKind;
  number: number;
  starred: boolean;
  /** `12`, `2*`. */
  label: string;
  /** Characters the marker takes at the start of the block's text. */
  length: number;
  /** Characters the marker takes at its end (`]` closing a `[Footnote 1: …]`). */
  closing: number;
}

const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** `¹²` -> `12`. */
export function fromSuperscript(digits: string): string {
  return [...digits].map((digit) => String(superscripts.indexOf(digit))).join("");
}

export function noteKey(number: string, starred: boolean): string {
  return `${number}${starred ? "*" : ""}`;
}

const markerForms: { kind: MarkerKind; pattern: RegExp }[] = [
  { kind: "dot", pattern: /^\s*(\d+)(\*?)\.\s+/ },
  { kind: "bracket", pattern: /^\s*\[(\d+)(\*?)\]\s+/ },
  { kind: "footnote", pattern: /^\s*\[Footnote\s+(\d+)(\*?)\s*:\s*/i },
  { kind: "superscript", pattern: /^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(\*?)\s*(?=\S)/ },
];

/** The note marker a block's text opens with, if any. A `[Footnote n: …]` must close with its bracket. */
export function noteMarker(text: string): NoteMarker | undefined {
  for (const { kind, pattern } of markerForms) {
    const match = pattern.exec(text);
    if (!match) continue;
    const closing = kind === "footnote" ? (/\]\s*$/.exec(text)?.[0].length ?? 0) : 0;
    if (kind === "footnote" && !closing) return undefined;
    const digits = kind === "superscript" ? fromSuperscript(match[1]!) : match[1]!;
    const starred = match[2] === "*";
    return { kind, number: Number(digits), starred, label: noteKey(digits, starred), length: match[0].length, closing };
  }
  return undefined;
}

/**
 * The opening of a `[Footnote n: …` whose closing bracket stands in a later
 * paragraph (a note of several paragraphs); undefined for anything else.
 */
export function openFootnoteMarker(text: string): NoteMarker | undefined {
  const match = /^\s*\[Footnote\s+(\d+)(\*?)\s*:\s*/i.exec(text);
  if (!match || /\]\s*$/.test(text)) return undefined;
  const starred = match[2] === "*";
  return { kind: "footnote", number: Number(match[1]), starred, label: noteKey(match[1]!, starred), length: match[0].length, closing: 0 };
}

/** The calls a list of this kind is called by. */
export function callKindsOf(kind: MarkerKind): CallKind[] {
  if (kind === "bracket" || kind === "footnote") return ["brackets"];
  if (kind === "superscript") return ["superscript"];
  return ["brackets", "superscript", "parentheses"];
}

/** A bracket call, with the space before it (typography made it no-break). */
const bracketCall = /[ \u00A0]?\[(\d+)(\*?)\]/g;
/** A parenthesised call glued to the punctuation before it. */
const parenCall = /(?<=[.!?,;:’”"])\((\d+)\)/g;
/** Superscript digits glued to a word, a closing mark or punctuation; not a unit's power after a number (`40 m²`). */
const superscriptCall = /(?<=[\p{L}\p{N}.,;:!?’”"')\]])(?<!\d[ \u00A0]?\p{L}{1,2})([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(\*?)/gu;

export const callPatterns: Record<CallKind, RegExp> = { brackets: bracketCall, superscript: superscriptCall, parentheses: parenCall };
/** Whether a string holds the mark every call of the kind has. */
const mayHold: Record<CallKind, (value: string) => boolean> = {
  brackets: (value) => value.includes("["),
  superscript: (value) => /[⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(value),
  parentheses: (value) => value.includes("("),
};

export interface FoundCall {
  label: string;
  /** Where the match starts (the space before a bracket call included). */
  index: number;
  /** Where the call's own mark starts (`[`, `(` or the first digit). */
  markIndex: number;
  end: number;
  /** The match began with the space before the call. */
  spaced: boolean;
  /** The call as the source prints it: `[12]`, `(2)`, `¹²`. */
  token: string;
}

/** The calls of one kind in a string. */
export function* callsIn(value: string, kind: CallKind): Generator<FoundCall> {
  // Each pattern needs its mark; a lookbehind that opens a pattern is tried at every character of a long text.
  if (!mayHold[kind](value)) return;
  for (const match of value.matchAll(callPatterns[kind])) {
    const spaced = kind === "brackets" && /^[ \u00A0]/.test(match[0]);
    const digits = kind === "superscript" ? fromSuperscript(match[1]!) : match[1]!;
    const label = noteKey(digits, match[2] === "*");
    const markIndex = match.index + (spaced ? 1 : 0);
    const token = match[0].slice(spaced ? 1 : 0);
    yield { label, index: match.index, markIndex, end: match.index + match[0].length, spaced, token };
  }
}
