// The one language layer: every block of phrasing content (paragraph,
// heading, table cell) parsed by retext-english into sentences and words,
// with each word's offsets in the block's text and its raw place. Each
// block's layer is kept packed (numbers, not an object per word): on every
// block of a long text at once, objects were most of the text's memory.
// The block's text is its text nodes in order (name mentions, emphasis and
// links walked through; a note call adds nothing), so wrapping a word later
// leaves these offsets valid. Places go through the text nodes' origins
// (raw-position.ts), never through nlcst's own line/column, which count from
// the edited value and would drift after a correction or on a hard-wrapped
// paragraph.
import type { Parent, Root, Text } from "mdast";
import type { Paragraph as NlcstParagraph, Root as NlcstRoot, Sentence as NlcstSentence } from "nlcst";
import { toString as nlcstToString } from "nlcst-to-string";
import retextEnglish from "retext-english";
import { unified } from "unified";
import type { Node, Point } from "unist";
import type { VFile } from "vfile";
import { pointIn } from "../ingest/raw-position.js";

export interface Word {
  /** Offsets in the block's text. */
  start: number;
  end: number;
  value: string;
  /** A word of several parts (`labour-saving`, `don’t`): its parts as retext-english found them, for the spelling check. */
  parts?: WordPart[];
}

export interface WordPart {
  type: "TextNode" | "PunctuationNode" | "SymbolNode";
  value: string;
}

export interface Sentence {
  start: number;
  end: number;
  words: Word[];
}

export interface BlockLanguage {
  /** The block's text: its text nodes' values joined. */
  text: string;
  sentences: Sentence[];
}

export interface LanguageOptions {
  /** Lower-case words a full stop does not end a sentence after (`st`, `pp`, `ibid`), from the lexicon. */
  abbreviations?: string[];
}

const isParent = (node: Node): node is Parent => Array.isArray((node as Parent).children);

/** The text nodes of a block with where each starts in the block's text. */
export function textSegments(block: Parent): { node: Text; start: number }[] {
  const segments: { node: Text; start: number }[] = [];
  let length = 0;
  const walk = (node: Node) => {
    if (node.type === "text") {
      segments.push({ node: node as Text, start: length });
      length += (node as Text).value.length;
    } else if (isParent(node)) for (const child of node.children) walk(child);
  };
  for (const child of block.children) walk(child);
  return segments;
}

/** The raw point of offset `offset` of a block's text, through the text node that holds it. */
export function rawPointInBlock(file: VFile, block: Parent, offset: number): Point | undefined {
  const segments = textSegments(block);
  let found = segments[0];
  for (const segment of segments) {
    if (segment.start > offset) break;
    if (segment.node.value.length || segment.start === offset) found = segment;
  }
  if (!found) return block.position?.start;
  return pointIn(file, found.node, Math.min(offset - found.start, Math.max(found.node.value.length - 1, 0))) ?? block.position?.start;
}

const english = unified().use(retextEnglish).freeze();

const offsetOf = (node: { position?: { start: Point; end: Point } }, edge: "start" | "end") => node.position![edge].offset!;

/** The sentences of `text` as retext-english finds them, before the post-steps. */
function parsedSentences(text: string): Sentence[] {
  const tree = english.parse(text) as NlcstRoot;
  const sentences: Sentence[] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== "ParagraphNode") continue;
    for (const sentence of (paragraph as NlcstParagraph).children) {
      if (sentence.type !== "SentenceNode") continue;
      const words: Word[] = [];
      for (const child of (sentence as NlcstSentence).children) {
        if (child.type !== "WordNode") continue;
        const word: Word = { start: offsetOf(child, "start"), end: offsetOf(child, "end"), value: nlcstToString(child) };
        if (child.children.length > 1) word.parts = child.children.map((part) => ({ type: part.type, value: nlcstToString(part) }) as WordPart);
        words.push(word);
      }
      sentences.push({ start: offsetOf(sentence, "start"), end: offsetOf(sentence, "end"), words });
    }
  }
  return sentences;
}

/** The letters that stand right before offset `end` (a full stop): `pp` of `pp.`, `S` of `U.S.`. */
const stemBeforeStop = (text: string, end: number) => /([A-Za-z]+)$/.exec(text.slice(Math.max(0, end - 40), end))?.[1] ?? "";

/** A stop inside a sentence, before a space and a capital or a digit (after an opening quote or bracket). */
// The lookbehind starts a match only at the first stop of a run, so a long run of dots stays linear.
const innerStop = /(?<![.!?…])[.!?…]+[”’"')\]]*(?=\s+[“‘"'(\[]?[A-Z0-9])/g;

/**
 * The post-steps where retext-english reads our texts otherwise than a
 * reader: a full stop after a listed abbreviation or a single capital
 * (`Ibid., pp. 51–52.`) ends no sentence, and any other stop before a space
 * and a capital or a digit ends one: retext-english keeps a stop after a
 * number inside the word (`1918–23. The war`) and reads some stops after a
 * capitalised word as an abbreviation's (`the First World War. The years`).
 */
function readerSentences(text: string, parsed: Sentence[], abbreviations: Set<string>): Sentence[] {
  const isAbbreviation = (stem: string) => /^[A-Z]$/.test(stem) || abbreviations.has(stem.toLowerCase());
  // Scans back from the sentence's end only, so a long block of many sentences stays linear.
  const closer = /[”’"')\]]/;
  const endsOnAbbreviation = (sentence: Sentence) => {
    let stop = sentence.end;
    while (stop > sentence.start && closer.test(text[stop - 1]!)) stop--;
    if (stop <= sentence.start || text[stop - 1] !== ".") return false;
    while (stop > 0 && (text[stop - 1] === "." || closer.test(text[stop - 1]!))) stop--;
    return isAbbreviation(stemBeforeStop(text, stop));
  };
  const joined: Sentence[] = [];
  for (const sentence of parsed) {
    const previous = joined.at(-1);
    if (previous && endsOnAbbreviation(previous)) {
      previous.end = sentence.end;
      previous.words.push(...sentence.words);
    } else joined.push({ ...sentence, words: [...sentence.words] });
  }
  const split: Sentence[] = [];
  for (const sentence of joined) {
    const cuts: number[] = [];
    const body = text.slice(sentence.start, sentence.end);
    for (const match of body.matchAll(innerStop)) {
      const at = sentence.start + match.index;
      if (match[0].startsWith(".") && isAbbreviation(stemBeforeStop(text, at))) continue;
      cuts.push(at + match[0].length);
    }
    let start = sentence.start;
    for (const end of [...cuts, sentence.end]) {
      split.push({ start, end, words: sentence.words.filter((word) => word.start >= start && word.start < end) });
      start = end;
      while (/\s/.test(text[start] ?? "")) start++;
    }
  }
  return split;
}

/**
 * A block's language kept small: each sentence and word as numbers in one
 * array (`[start, end, words' end]` per sentence, then `[start, end]` per
 * word), a word's value cut from the text when asked for, and the parts of
 * only the words that have several. The `sentences` are made from it at each
 * read (a reader takes them once per block). A word as an object with its
 * own value string took about six times the room, and a 10 MB text has some
 * 1.5 million words.
 */
class PackedLanguage implements BlockLanguage {
  declare readonly sentences: Sentence[];

  constructor(
    readonly text: string,
    private readonly sentenceCount: number,
    private readonly numbers: number[],
    private readonly parts: Map<number, WordPart[]> | undefined,
    private readonly values: Map<number, string> | undefined,
  ) {
    // An own property, so a copy of the tree (structuredClone: the watch cache) holds the sentences themselves.
    Object.defineProperty(this, "sentences", { get: unpackSentences, enumerable: true });
  }

  unpack(): Sentence[] {
    const { numbers, text, parts, values } = this;
    const sentences: Sentence[] = [];
    let word = 0;
    const wordsAt = this.sentenceCount * 3;
    for (let index = 0; index < this.sentenceCount; index++) {
      const words: Word[] = [];
      for (const end = numbers[index * 3 + 2]!; word < end; word++) {
        const start = numbers[wordsAt + word * 2]!;
        const stop = numbers[wordsAt + word * 2 + 1]!;
        const value: Word = { start, end: stop, value: values?.get(word) ?? text.slice(start, stop) };
        const wordParts = parts?.get(word);
        if (wordParts) value.parts = wordParts;
        words.push(value);
      }
      sentences.push({ start: numbers[index * 3]!, end: numbers[index * 3 + 1]!, words });
    }
    return sentences;
  }
}

function unpackSentences(this: PackedLanguage): Sentence[] {
  return this.unpack();
}

function packed(text: string, sentences: Sentence[]): BlockLanguage {
  const numbers: number[] = [];
  const words: Word[] = [];
  for (const sentence of sentences) {
    for (const word of sentence.words) words.push(word);
    numbers.push(sentence.start, sentence.end, words.length);
  }
  let parts: Map<number, WordPart[]> | undefined;
  // A word's value is the text it spans (retext-english's nodes are cut from the text); any other is kept as it is.
  let values: Map<number, string> | undefined;
  words.forEach((word, index) => {
    if (word.value !== text.slice(word.start, word.end)) (values ??= new Map()).set(index, word.value);
    numbers.push(word.start, word.end);
    if (word.parts) (parts ??= new Map()).set(index, word.parts);
  });
  return new PackedLanguage(text, sentences.length, numbers, parts, values);
}

/** The sentences and words of one block's text. */
export function blockLanguage(block: Parent, options: LanguageOptions = {}): BlockLanguage {
  const text = textSegments(block).map((segment) => segment.node.value).join("");
  return packed(text, readerSentences(text, parsedSentences(text), new Set(options.abbreviations ?? [])));
}

const phrasing = new Set(["text", "emphasis", "strong", "delete", "link", "linkReference", "nameMention", "inlineCode", "break", "footnoteReference", "image", "imageReference"]);

/** Whether `node` holds phrasing content directly: a block of the language layer, unless it stands inside another. */
export const isLanguageBlock = (node: Node): boolean =>
  isParent(node) && node.type !== "root" && !phrasing.has(node.type) && node.children.some((child) => phrasing.has(child.type));

/** The blocks of a tree: the parents whose children are phrasing content, in reading order. */
export function languageBlocks(tree: Root): Parent[] {
  const blocks: Parent[] = [];
  const walk = (node: Node) => {
    if (!isParent(node)) return;
    if (isLanguageBlock(node)) {
      blocks.push(node);
      return;
    }
    for (const child of node.children) walk(child);
  };
  walk(tree);
  return blocks;
}

declare module "mdast" {
  interface ParagraphData {
    /** Sentences and words, from the language layer. */
    language?: BlockLanguage;
  }
  interface HeadingData {
    language?: BlockLanguage;
  }
}

/**
 * The language layer as a plugin, early in the enrich stage: every block's
 * sentences and words, once per text, on the block's `data.language` for the
 * enrichers after it to read.
 */
export function enrichLanguage(options: LanguageOptions = {}) {
  return (tree: Root) => {
    for (const block of languageBlocks(tree)) {
      block.data = { ...(block.data ?? {}), language: blockLanguage(block, options) } as Parent["data"];
    }
  };
}

/**
 * Plugin: the language layer let go, once its last reader in the text
 * processor has run (a reader after it makes a block's layer again, as
 * `blockLanguage` does). On a long text the layer of every block is tens of
 * MiB per MB that the conversion to hast would otherwise hold too.
 */
export function releaseLanguage() {
  return (tree: Root) => {
    for (const block of languageBlocks(tree)) if (block.data && "language" in block.data) delete (block.data as { language?: BlockLanguage }).language;
  };
}
