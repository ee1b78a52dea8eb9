// Section headings: a paragraph of one short line that is not a sentence.
// A short line that ends like a question is taken as a heading only with a
// warning, so an editor can look; a sentence (a full stop, a colon, a note
// call) never is.
import type { Heading, Paragraph, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import type { LoadedEdition, LoadedStructureHint } from "../manifest/load-edition.js";
import { notesStart, paragraphText, soleText } from "./blocks.js";
import { sliceText } from "../ingest/raw-position.js";

const source = "structure";
const maxWords = 10;
const maxLength = 70;

export type HeadingVerdict = "heading" | "question" | "no";

export function headingVerdict(line: string): HeadingVerdict {
  const text = line.trim();
  if (!text || text.includes("\n") || text.length > maxLength || text.split(/\s+/).length > maxWords) return "no";
  if (!/^[\p{Lu}\p{N}‘“'"]/u.test(text)) return "no";
  if (/^\(?\d+[.)*]/.test(text)) return "no"; // a numbered note or excerpt
  if (/[.,;:!]$/.test(text) || /\[\d+\*?\]|\(\d+\)$/.test(text)) return "no";
  return text.endsWith("?") ? "question" : "heading";
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
    if (dangling.has(/\w+$/.exec(heading)?.[0].toLowerCase() ?? "") || (/[.]$/.test(last) && !/\. \.$/.test(heading))) return 0;
    return heading.length;
  }
  return 0;
}

export interface HeadingsOptions {
  /** Run-in headings an editor named in the structure file (for every text). */
  structureHints?: LoadedStructureHint[];
  /** The lexicon's words for finding run-in headings; without them none is found but the structure file's. */
  lexicon?: HeadingVocabulary;
}

const noWords: HeadingVocabulary = { sentenceStarts: [], danglingWords: [] };

/** The paragraph split after its first `length` characters into a heading and the rest. */
function setApart(file: VFile, node: RootContent, text: string, length: number): RootContent[] {
  const whole = soleText(node)!;
  const title = sliceText(file, whole, 0, length);
  const body = sliceText(file, whole, length + 1, text.length);
  const heading: Heading = { type: "heading", depth: 2, children: [title], position: { start: node.position!.start, end: body.position?.start ?? node.position!.end } };
  const rest: Paragraph = { type: "paragraph", children: [body], position: { start: body.position?.start ?? node.position!.start, end: node.position!.end } };
  return [heading, rest];
}

/** The length of a run-in heading the structure file names at the start of `text`, or 0; records the hint as used. */
function hintedRunInLength(text: string, hints: LoadedStructureHint[], file: VFile): number {
  const hint = hints.find((entry) => text.startsWith(`${entry.runInHeading} `));
  if (!hint) return 0;
  (file.data.structureHintsUsed ??= []).push(hint);
  return hint.runInHeading.length;
}

export const restoreHeadings: Plugin<[HeadingsOptions?], Root> = (options = {}) => (tree, file) => {
  const hints = (options.structureHints ?? []).filter((hint) => hint.text === file.data.textId);
  const bodyEnd = notesStart(tree);
  tree.children = tree.children.flatMap((node, index): RootContent[] => {
    const text = index < bodyEnd ? paragraphText(node) : undefined;
    if (text === undefined) return [node];
    const hinted = text.includes("\n") ? 0 : hintedRunInLength(text, hints, file);
    if (hinted) {
      file.info(`a heading run into its paragraph, set apart as the structure file says: \`${text.slice(0, hinted)}\``, { place: node.position!.start, ruleId: "structure-run-in-heading-hint", source });
      return setApart(file, node, text, hinted);
    }
    const verdict = headingVerdict(text);
    if (verdict === "no") {
      const length = text.includes("\n") ? 0 : runInHeadingLength(text, options.lexicon ?? noWords);
      if (!length) return [node];
      file.info(`a heading run into its paragraph, set apart: \`${text.slice(0, length)}\``, { place: node.position!.start, ruleId: "structure-run-in-heading", source });
      return setApart(file, node, text, length);
    }
    // The last block of a text is never a heading: nothing follows it.
    if (index === bodyEnd - 1) return [node];
    if (verdict === "question") {
      file.message(`a short question standing alone, taken as a heading: \`${text}\``, { place: node.position, ruleId: "structure-heading-question", source });
    }
    const heading: Heading = { type: "heading", depth: 2, children: (node as { children: Heading["children"] }).children, position: node.position };
    return [heading];
  });
};

/** A structure hint that named no paragraph start is an error at its line in the structure file. */
export function checkStructureHints(edition: Pick<LoadedEdition, "structureHints" | "structureFile" | "texts">): void {
  // By value: a text reused from the watch cache holds copies of the hints.
  const key = (hint: { text: string; runInHeading: string }) => `${hint.text}\u0000${hint.runInHeading}`;
  const used = new Set(edition.texts.flatMap((text) => text.data.structureHintsUsed ?? []).map(key));
  for (const hint of edition.structureHints) {
    if (used.has(key(hint))) continue;
    const message = edition.structureFile!.message(`no paragraph of text \`${hint.text}\` starts with the run-in heading \`${hint.runInHeading}\``, {
      place: hint.place,
      ruleId: "structure-hint-unmatched",
      source: "structure",
    });
    message.fatal = true;
  }
}
