// Section headings: a paragraph of one short line that is not a sentence.
// A short line that ends like a question is taken as a heading only with a
// warning, so an editor can look; a sentence (a full stop, a colon, a note
// call), a line of dialogue or a speaker line (dialogue.ts) never is.
//
// A book's divisions (division-headings.ts) are found first: `CHAPTER I:
// TITLE`, or a label standing alone and its title on the next line, make one
// heading that records its kind and number (`data-chapter`, `data-part`…).
// Their levels come from the kinds the text has: the highest kind is depth 2
// (`Part` above `Chapter`: parts h2, chapters h3), and a section heading
// after the first division sits one level below the deepest. Before the first
// division (a book's title page, imprint, an ebook's title block) a short
// line is a heading only when prose follows it. A run of labels with no text
// between them is a list of contents, not headings, and is reported.
import type { Heading, Paragraph, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import type { LoadedEdition, LoadedStructureHint } from "../manifest/load-edition.js";
import type { StructureHint } from "../manifest/editorial-data-schema.js";
import { notesStart, paragraphText, soleText } from "./blocks.js";
import { lineStart, sliceText } from "../ingest/raw-position.js";
import { isDialogue, isSpeakerLine } from "./dialogue.js";
import { divisionLabel, englishDivisionWords, isTitleLine, type DivisionKind, type DivisionLabel, type DivisionWords } from "./division-headings.js";
import { divisionHeadingClasses } from "../book/schema.js";

const source = "structure";
const maxWords = 10;
const maxLength = 70;

export type HeadingVerdict = "heading" | "question" | "no";

export function headingVerdict(line: string): HeadingVerdict {
  const text = line.trim();
  if (!text || text.includes("\n") || text.length > maxLength || text.split(/\s+/).length > maxWords) return "no";
  if (!/^[\p{Lu}\p{N}‘“'"]/u.test(text)) return "no";
  if (/^\(?\d+[.)*]/.test(text)) return "no"; // a numbered note or excerpt
  if (isDialogue(text) || isSpeakerLine(text)) return "no";
  if (/[.,;:!]$/.test(text) || /\[\d+\*?\]|\(\d+\)$/.test(text)) return "no";
  // A quotation standing alone, or a sentence closed inside its quotation marks, is a quotation, never a heading.
  if (/^[“"‘]/.test(text) && /[”"’]$/.test(text)) return "no";
  if (/[.,;:!?…][”"’]$/.test(text)) return "no";
  if (isMostlyPunctuation(text)) return "no";
  return text.endsWith("?") ? "question" : "heading";
}

/** `If . . . .`, `* * *`: a line whose dots, ellipses and stars outweigh its words is a trailing-off or a break, never a title. */
function isMostlyPunctuation(text: string): boolean {
  const letters = text.replace(/[^\p{L}\p{N}]/gu, "").length;
  const marks = text.replace(/[\p{L}\p{N}\s]/gu, "").length;
  return /(?:\.\s*){3,}$|…$/.test(text) || marks > letters;
}

/** The words run-in headings are found by, from the lexicon. */
export interface HeadingVocabulary {
  /** Words that start a sentence and are capitalised mid-sentence only at a seam: `The`, `In`. */
  sentenceStarts: string[];
  /** Words a heading never ends on: `the`, `of`, `said`. */
  danglingWords: string[];
}

const vocabularies = new WeakMap<HeadingVocabulary, { starts: Set<string>; dangling: Set<string> }>();
function compiled(vocabulary: HeadingVocabulary) {
  let found = vocabularies.get(vocabulary);
  if (!found) {
    found = { starts: new Set(vocabulary.sentenceStarts), dangling: new Set(vocabulary.danglingWords.map((word) => word.toLowerCase())) };
    vocabularies.set(vocabulary, found);
  }
  return found;
}

/**
 * A heading run into its paragraph, `Prison and Exile The authorities were…`:
 * a short title-like phrase, then a capitalised word that starts a sentence
 * and could not stand capitalised in the middle of one. Returns the heading's
 * length in characters, or 0.
 */
export function runInHeadingLength(text: string, vocabulary: HeadingVocabulary): number {
  const { starts: sentenceStarts, dangling } = compiled(vocabulary);
  const words = text.split(" ");
  if (!/^[\p{Lu}]/u.test(text)) return 0;
  for (let count = 1; count <= 7 && count < words.length - 2; count++) {
    const next = words[count]!;
    const last = words[count - 1]!;
    if (!sentenceStarts.has(next)) continue;
    const heading = words.slice(0, count).join(" ");
    // A sentence ends or goes on here: punctuation, a number, a verb in the past.
    if (/[,;:?!]/.test(heading) || /\d/.test(heading) || /\b\w+ed$|\b\w+ed /.test(heading)) return 0;
    if (dangling.has(/\w+$/.exec(heading)?.[0].toLowerCase() ?? "") || /[.]$/.test(last) || isMostlyPunctuation(heading)) return 0;
    return heading.length;
  }
  return 0;
}

export interface HeadingsOptions {
  /** Run-in headings an editor named in the structure file (for every text). */
  structureHints?: LoadedStructureHint[];
  /** The lexicon's words for finding run-in headings; without them none is found but the structure file's. */
  lexicon?: HeadingVocabulary;
  /** The label and number words of a book's divisions (default: English). */
  divisionWords?: DivisionWords;
}

const noWords: HeadingVocabulary = { sentenceStarts: [], danglingWords: [] };

/** The paragraph split after its first `length` characters into a heading and the rest. */
function setApart(file: VFile, node: RootContent, text: string, length: number, depth: Heading["depth"]): RootContent[] {
  const whole = soleText(node)!;
  const title = sliceText(file, whole, 0, length);
  const body = sliceText(file, whole, length + 1, text.length);
  const heading: Heading = { type: "heading", depth, children: [title], position: { start: node.position!.start, end: body.position?.start ?? node.position!.end } };
  const rest: Paragraph = { type: "paragraph", children: [body], position: { start: body.position?.start ?? node.position!.start, end: node.position!.end } };
  return [heading, rest];
}

/** The length of a run-in heading the structure file names at the start of `text`, or 0; records the hint as used. */
function hintedRunInLength(text: string, hints: LoadedStructureHint[], file: VFile): number {
  const hint = hints.find((entry) => "runInHeading" in entry && text.startsWith(`${entry.runInHeading} `));
  if (!hint || !("runInHeading" in hint)) return 0;
  (file.data.structureHintsUsed ??= []).push(hint);
  return hint.runInHeading.length;
}

/** A division heading found in the blocks: its label's block, and where its title is. */
interface FoundDivision {
  label: DivisionLabel;
  /** The title is the next block (the label stands alone on its line). */
  titleBlock?: number;
  /** The title is the second line of the label's block. */
  titleLine?: boolean;
}

/** The block after `index` that a division's label and title take, i.e. the next block of text. */
const afterDivision = (index: number, found: FoundDivision) => (found.titleBlock ?? index) + 1;

/** The division headings among the body's blocks, by block index (a contents list left out and reported). */
function findDivisions(file: VFile, children: RootContent[], bodyEnd: number, words: DivisionWords): Map<number, FoundDivision> {
  const found = new Map<number, FoundDivision>();
  for (let index = 0; index < bodyEnd - 1; index++) {
    const text = paragraphText(children[index]);
    if (text === undefined) continue;
    const lines = text.split("\n");
    if (lines.length > 2) continue;
    const label = divisionLabel(lines[0]!, words);
    if (!label) continue;
    if (lines.length === 2) {
      if (label.titleStart === undefined && isTitleLine(lines[1]!) && !divisionLabel(lines[1]!, words)) found.set(index, { label, titleLine: true });
      continue;
    }
    const next = paragraphText(children[index + 1]);
    const titled = label.titleStart === undefined && index + 1 < bodyEnd - 1 && next !== undefined && !next.includes("\n") && isTitleLine(next) && !divisionLabel(next, words);
    found.set(index, titled ? { label, titleBlock: index + 1 } : { label });
    if (titled) index++;
  }
  // Labels of one kind one after the other, with no text between them: a
  // list of contents. The last of such a run heads the body when its number
  // starts again (the contents are followed at once by `CHAPTER I`).
  const listed = new Set<number>();
  for (const [index, division] of found) {
    const at = afterDivision(index, division);
    const next = found.get(at);
    if (!next || next.label.kind !== division.label.kind) continue;
    listed.add(index);
    const runGoesOn = found.get(afterDivision(at, next))?.label.kind === next.label.kind;
    if (runGoesOn || (next.label.value ?? 0) > (division.label.value ?? 0)) listed.add(at);
  }
  if (listed.size) {
    const first = Math.min(...listed);
    file.message(`${listed.size} ${found.get(first)!.label.kind} labels with no text between them: read as a list of contents, not as headings`, {
      place: children[first]!.position?.start,
      ruleId: "structure-contents-list",
      source,
    });
    for (const index of listed) found.delete(index);
  }
  return found;
}

const rank: Record<DivisionKind, number> = { volume: 0, book: 1, part: 2, chapter: 3 };

/** The heading a division's label (and its title) make, with its kind and number for the renderers. */
function divisionHeading(file: VFile, children: RootContent[], index: number, found: FoundDivision, depth: Heading["depth"]): Heading {
  const node = children[index]!;
  const whole = soleText(node)!;
  const { label } = found;
  let headingChildren: Heading["children"];
  let end = node.position!.end;
  if (found.titleBlock !== undefined || found.titleLine) {
    // `Chapter IV` and `The Title` become `Chapter IV: The Title`.
    const labelText = sliceText(file, whole, 0, label.labelLength);
    const titleNode = found.titleBlock !== undefined ? soleText(children[found.titleBlock])! : whole;
    const titleFrom = found.titleLine ? lineStart(whole.value, 1) : 0;
    const titleText = sliceText(file, titleNode, titleFrom, titleNode.value.trimEnd().length);
    headingChildren = [labelText, { type: "text", value: ": " }, titleText];
    end = (found.titleBlock !== undefined ? children[found.titleBlock]!.position?.end : undefined) ?? end;
  } else {
    headingChildren = [whole];
  }
  const className = [divisionHeadingClasses[label.kind]];
  return {
    type: "heading",
    depth,
    children: headingChildren,
    position: { start: node.position!.start, end },
    data: { hProperties: { className, [`data${label.kind[0]!.toUpperCase()}${label.kind.slice(1)}`]: String(label.value), dataLabel: label.number } },
  };
}

/** A block of prose: what a heading before a book's first division must be followed by. */
function isProse(node: RootContent | undefined): boolean {
  const text = paragraphText(node);
  return text !== undefined && text.replace(/\s+/g, " ").length >= 150;
}

/** `Title: News from Nowhere`, `Language: English`: a field of a title block (a few words, a colon, a value). */
const fieldLine = /^\p{Lu}[\p{L}]*(?: [\p{L}]+){0,3}: \S/u;
/** A field line with another one close by: a title block's fields, never headings. */
function isTitleBlockField(children: RootContent[], index: number): boolean {
  const isField = (at: number) => {
    const text = paragraphText(children[at]);
    return text !== undefined && fieldLine.test(text.split("\n")[0]!);
  };
  if (!isField(index)) return false;
  for (let offset = 1; offset <= 3; offset++) if (isField(index - offset) || isField(index + offset)) return true;
  return false;
}

export const restoreHeadings: Plugin<[HeadingsOptions?], Root> = (options = {}) => (tree, file) => {
  const hints = (options.structureHints ?? []).filter((hint) => hint.text === file.data.textId);
  const bodyEnd = notesStart(tree);
  const divisions = findDivisions(file, tree.children, bodyEnd, options.divisionWords ?? englishDivisionWords);
  const kinds = [...new Set([...divisions.values()].map((division) => division.label.kind))].sort((a, b) => rank[a] - rank[b]);
  const depthOf = (kind: DivisionKind) => Math.min(6, 2 + kinds.indexOf(kind)) as Heading["depth"];
  const firstDivision = divisions.size ? Math.min(...divisions.keys()) : Infinity;
  const sectionDepth = Math.min(6, 2 + kinds.length) as Heading["depth"];
  const titles = new Set([...divisions.values()].flatMap((division) => (division.titleBlock === undefined ? [] : [division.titleBlock])));
  const original = tree.children;
  // A heading run into its paragraph ranks below the headings standing alone before it (a section within a chapter).
  let standingAlone = false;
  const runInDepth = (index: number) => {
    const depth = index > firstDivision ? sectionDepth : 2;
    return Math.min(6, standingAlone ? depth + 1 : depth) as Heading["depth"];
  };
  tree.children = original.flatMap((node, index): RootContent[] => {
    const division = divisions.get(index);
    if (division) return [divisionHeading(file, original, index, division, depthOf(division.label.kind))];
    if (titles.has(index)) return [];
    const text = index < bodyEnd ? paragraphText(node) : undefined;
    if (text === undefined) return [node];
    const hinted = text.includes("\n") ? 0 : hintedRunInLength(text, hints, file);
    if (hinted) {
      file.info(`a heading run into its paragraph, set apart as the structure file says: \`${text.slice(0, hinted)}\``, { place: node.position!.start, ruleId: "structure-run-in-heading-hint", source });
      return setApart(file, node, text, hinted, runInDepth(index));
    }
    const verdict = headingVerdict(text);
    if (verdict === "no") {
      const length = text.includes("\n") ? 0 : runInHeadingLength(text, options.lexicon ?? noWords);
      if (!length) return [node];
      file.info(`a heading run into its paragraph, set apart: \`${text.slice(0, length)}\``, { place: node.position!.start, ruleId: "structure-run-in-heading", source });
      return setApart(file, node, text, length, runInDepth(index));
    }
    // The last block of a text is never a heading: nothing follows it.
    if (index === bodyEnd - 1) return [node];
    // A title block's fields; a book's title page and imprint before its first division.
    if (isTitleBlockField(original, index)) return [node];
    if (index < firstDivision && divisions.size && !isProse(original[index + 1])) return [node];
    if (verdict === "question") {
      file.message(`a short question standing alone, taken as a heading: \`${text}\``, { place: node.position, ruleId: "structure-heading-question", source });
    }
    const depth = index > firstDivision ? sectionDepth : 2;
    standingAlone = true;
    const heading: Heading = { type: "heading", depth, children: (node as { children: Heading["children"] }).children, position: node.position };
    return [heading];
  });
};

/** A structure hint that named no paragraph start is an error at its line in the structure file. */
export function checkStructureHints(edition: Pick<LoadedEdition, "structureHints" | "structureFile" | "texts">): void {
  // By value: a text reused from the watch cache holds copies of the hints.
  const words = (hint: StructureHint) => ("runInHeading" in hint ? `the run-in heading \`${hint.runInHeading}\`` : `the block quotation \`${hint.blockQuotation}\``);
  const key = (hint: StructureHint) => `${hint.text}\u0000${words(hint)}`;
  const used = new Set(edition.texts.flatMap((text) => text.data.structureHintsUsed ?? []).map(key));
  for (const hint of edition.structureHints) {
    if (used.has(key(hint))) continue;
    const message = edition.structureFile!.message(`no paragraph of text \`${hint.text}\` starts with ${words(hint)}`, {
      place: hint.place,
      ruleId: "structure-hint-unmatched",
      source: "structure",
    });
    message.fatal = true;
  }
}
