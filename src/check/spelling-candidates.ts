// Spelling candidates for editors: words of a restored text that the English
// dictionary does not know, each with how often it stands there and where it
// first stands in the RAW file. A report only: it never changes a text and
// never fails a build; an editor decides what goes into corrections.yaml.
// The texts are British and American, so a word either the American or the
// British dictionary knows is not a candidate (`labour` and `favored` alike).
import dictionaryUs from "dictionary-en";
import dictionaryGb from "dictionary-en-gb";
import type { Root as MdastRoot } from "mdast";
import type { Root as NlcstRoot, Word as NlcstWord } from "nlcst";
import retextSpell from "retext-spell";
import { unified } from "unified";
import { VFile } from "vfile";
import { blockLanguage, languageBlocks, rawPointInBlock, type BlockLanguage } from "../language/language-layer.js";

/** A raw `line:column`. */
export interface Place {
  line: number;
  column: number;
}

export interface SpellingCandidate {
  word: string;
  /** How many times the word stands in the restored text. */
  count: number;
  /** Where it first stands in the raw file. */
  place: Place;
}

export interface TextSpellingCandidates {
  textId: string;
  /** The raw file's path, as the other reports print it. */
  path: string;
  candidates: SpellingCandidate[];
}

/**
 * Names are the name index's business and a capital is usually a name;
 * a word with digits is a number, a date or a scanning slip the eye sees.
 */
function worthChecking(word: string): boolean {
  return !/^\p{Lu}/u.test(word) && !/\d/.test(word);
}

// Quoted words are prose too (retext-spell skips them by default).
// Suggestions cost about half a second a word (two minutes over the five
// texts), so retext-spell makes them for one word only (`max: 1`) and the
// report leaves them out.
const checkers = [dictionaryUs, dictionaryGb].map((dictionary) => unified().use(retextSpell, { dictionary, ignoreLiteral: false, max: 1 }).freeze());

interface Unknown {
  word: string;
  /** Offset of the word in the block's text. */
  offset: number;
}

const at = (offset: number) => ({ line: 1, column: offset + 1, offset });

/** The language layer's words of a block as the nlcst tree retext-spell reads (words only; their places are offsets in the block's text). */
function wordTree(language: BlockLanguage): NlcstRoot {
  const words: NlcstWord[] = language.sentences.flatMap((sentence) =>
    sentence.words.map((word) => ({
      type: "WordNode",
      children: (word.parts ?? [{ type: "TextNode" as const, value: word.value }]).map((part) => ({ ...part })),
      position: { start: at(word.start), end: at(word.end) },
    })),
  );
  return { type: "RootNode", children: [{ type: "ParagraphNode", children: [{ type: "SentenceNode", children: words }] }] };
}

async function unknownTo(checker: (typeof checkers)[number], language: BlockLanguage): Promise<Unknown[]> {
  const file = new VFile(language.text);
  await checker.run(wordTree(language), file);
  return file.messages.flatMap((message) => {
    const word = (message.actual ?? "") as string;
    const offset = message.place && "start" in message.place ? message.place.start.offset : undefined;
    if (message.source !== "retext-spell" || !word || offset === undefined || !worthChecking(word)) return [];
    return [{ word, offset }];
  });
}

/** The words of a block that no dictionary knows, in order. */
async function unknownWords(language: BlockLanguage): Promise<Unknown[]> {
  const [first, ...others] = await Promise.all(checkers.map((checker) => unknownTo(checker, language)));
  const unknownToOthers = others.map((unknown) => new Set(unknown.map((word) => word.offset)));
  return first!.filter((word) => unknownToOthers.every((offsets) => offsets.has(word.offset)));
}

/** A pattern for `word` standing whole, whichever apostrophe the raw text used. */
function wholeWord(word: string): RegExp {
  const body = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "['’]");
  return new RegExp(`(?<![\\p{L}\\p{N}'’])${body}(?![\\p{L}\\p{N}])`, "gu");
}

/** The candidates of one restored text, in the order they first stand; the words are the language layer's, places through the text nodes' origins. */
export async function spellingCandidates(tree: MdastRoot, rawFile: VFile): Promise<SpellingCandidate[]> {
  const found = new Map<string, SpellingCandidate>();
  for (const block of languageBlocks(tree)) {
    const language = (block.data as { language?: BlockLanguage } | undefined)?.language ?? blockLanguage(block);
    for (const unknown of await unknownWords(language)) {
      const known = found.get(unknown.word);
      if (known) {
        known.count++;
        continue;
      }
      const point = rawPointInBlock(rawFile, block, unknown.offset);
      found.set(unknown.word, { word: unknown.word, count: 1, place: point ? { line: point.line, column: point.column } : { line: 1, column: 1 } });
    }
  }
  return [...found.values()];
}

/** Every text's candidates, in the manifest's order. */
export async function editionSpellingCandidates(edition: {
  manifest: { texts: { id: string }[] };
  texts: VFile[];
  restored: Map<string, MdastRoot>;
}): Promise<TextSpellingCandidates[]> {
  const reports: TextSpellingCandidates[] = [];
  for (const [index, entry] of edition.manifest.texts.entries()) {
    const file = edition.texts[index]!;
    const tree = edition.restored.get(entry.id);
    if (!tree) continue;
    reports.push({ textId: entry.id, path: file.path, candidates: await spellingCandidates(tree, file) });
  }
  return reports;
}

/** The report as editors read it: grouped by text, one candidate a line. */
export function formatSpellingCandidates(reports: TextSpellingCandidates[], correctionsPath = "the corrections file"): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(`${report.textId} (${report.path}): ${report.candidates.length} candidate${report.candidates.length === 1 ? "" : "s"}`);
    for (const candidate of report.candidates) {
      lines.push(`  ${report.path}:${candidate.place.line}:${candidate.place.column}  ${candidate.word}  ×${candidate.count}`);
    }
    lines.push("");
  }
  lines.push(`Spelling candidates only: nothing was changed. Add a confirmed slip to ${correctionsPath}.`);
  return `${lines.join("\n")}\n`;
}
