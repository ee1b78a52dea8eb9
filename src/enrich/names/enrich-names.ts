// Enrichment: every person named in a text (body, quotations and notes)
// becomes a `nameMention` node with a unique id, the anchor of its index
// locator. Names the authority file does not know are still marked, under
// their own form, and listed for the editors with their count and first place.
import type { Parent, PhrasingContent, Root, Text } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Options as ToMarkdownOptions } from "mdast-util-to-markdown";
import type { Plugin } from "unified";
import { SKIP } from "unist-util-visit";
import { visitParents } from "unist-util-visit-parents";
import type { VFile } from "vfile";
import { pointIn, rewriteText } from "../../ingest/raw-position.js";
import { splitText, type TextPiece } from "../../ingest/split-text.js";
import { blockLanguage, isLanguageBlock, textSegments, type BlockLanguage, type LanguageOptions, type Sentence } from "../../language/language-layer.js";

/** A raw `line:column`. */
export interface Place {
  line: number;
  column: number;
}
import type { CompiledAuthority } from "./authority.js";
import { NameFinder, type FoundName, type NameVocabulary, type LearnedText, type TextContext, type TextWord } from "./find-names.js";

export interface NameMention extends Parent {
  type: "nameMention";
  children: PhrasingContent[];
  data: { hName: "span"; hProperties: { id: string; className: string[]; dataPerson: string } };
}

declare module "mdast" {
  interface PhrasingContentMap {
    nameMention: NameMention;
  }
  interface RootContentMap {
    nameMention: NameMention;
  }
}

/** Writing a restored tree as Markdown (`check --diff`): a mention is its text. */
export const nameMentionToMarkdown: ToMarkdownOptions = {
  handlers: { nameMention: (node, _parent, state, info) => state.containerPhrasing(node as NameMention, info) },
};

/** One mention, as the index needs it. */
export interface MentionRecord {
  id: string;
  heading: string;
  surface: string;
  known: boolean;
  /** The section heading the mention stands under, if the text has sections. */
  section?: string;
  /** The note the mention stands in (its label, `4`), for a locator in a note (`19n4`). */
  note?: string;
  place?: Place;
}

declare module "vfile" {
  interface DataMap {
    /** The persons named in the text, in reading order. */
    nameMentions: MentionRecord[];
  }
}

export interface EnrichNamesOptions {
  authority: CompiledAuthority;
  /** The lexicon's words that are evidence of a person (titles); none by default. */
  lexicon?: NameVocabulary & LanguageOptions;
}

/** The language layer's words that lie in a block's text node, with offsets in the node's value (a word across a node's edge is cut at it). */
function wordsOfNode(sentences: Sentence[], start: number, node: Text) {
  const end = start + node.value.length;
  return sentences.flatMap((sentence, index) =>
    sentence.words
      .filter((word) => word.end > start && word.start < end)
      .map((word) => ({ start: Math.max(word.start, start) - start, end: Math.min(word.end, end) - start, sentence: index })),
  );
}

export const enrichNames: Plugin<[EnrichNamesOptions], Root> = ({ authority, lexicon }) => (tree, file) => {
  const finder = new NameFinder(authority, lexicon);
  const prefix = `${file.data.textId ?? "text"}-name-`;
  const mentions: MentionRecord[] = [];
  let section: string | undefined;

  // The block being read: its sentences (enrichLanguage's, or made here when the plugin runs alone) and where its
  // text nodes start in it. A block's text nodes come one after another, so only the current block is kept.
  let current: { block: Parent; sentences: Sentence[]; starts: Map<Text, number> } | undefined;
  const blockOf = (ancestors: Parent[]) => {
    const block = ancestors.findLast((ancestor) => (ancestor.data as { language?: BlockLanguage } | undefined)?.language) ?? ancestors.find(isLanguageBlock) ?? ancestors.at(-1)!;
    if (current?.block !== block) {
      const language = (block.data as { language?: BlockLanguage } | undefined)?.language ?? blockLanguage(block, lexicon);
      current = { block, sentences: language.sentences, starts: new Map(textSegments(block).map((segment) => [segment.node, segment.start])) };
    }
    return current;
  };

  // Two passes: every paragraph is read for evidence of persons before any is marked, so a surname met alone
  // before its full name (or in the text's only note that names the person in full) is still found.
  const read = new Map<Text, { words: TextWord[]; context: TextContext; learned: LearnedText }>();
  visitParents(tree, (node, ancestors) => {
    if (node.type === "nameMention") return SKIP;
    if (node.type !== "text") return;
    const block = blockOf(ancestors as Parent[]);
    const start = block.starts.get(node) ?? 0;
    const words = wordsOfNode(block.sentences, start, node);
    const context = { inNote: ancestors.some((ancestor) => ancestor.type === "footnoteDefinition"), blockStart: start === 0 };
    read.set(node, { words, context, learned: finder.learn(node.value, words, context) });
  });
  finder.settle();

  visitParents(tree, (node, ancestors) => {
    const parent = ancestors.at(-1) as Parent | undefined;
    const index = parent?.children.indexOf(node as never);
    // A heading opens the section its own mentions and the following ones stand under.
    if (node.type === "heading") section = toString(node);
    if (node.type === "nameMention") return SKIP;
    if (node.type !== "text" || !parent || index === undefined) return;
    const known = read.get(node);
    const definition = (ancestors as Parent[]).findLast((ancestor) => ancestor.type === "footnoteDefinition") as { label?: string | null; identifier?: string } | undefined;
    const note = definition ? (definition.label ?? definition.identifier) : undefined;
    const names = known ? finder.find(node.value, known.words, known.context, known.learned) : [];
    if (!names.length) return;
    const pieces: TextPiece[] = names.map((name) => {
      const id = `${prefix}${mentions.length + 1}`;
      const point = pointIn(file, node, name.start);
      const place = point ? { line: point.line, column: point.column } : undefined;
      mentions.push({ id, heading: name.heading, surface: name.surface, known: name.known, section, place, ...(note ? { note } : {}) });
      if (name.ambiguous) ambiguous(file, name, place);
      return {
        start: name.start,
        end: name.end,
        make: (surface) => {
          rewriteText(surface, name.surface);
          return {
            type: "nameMention",
            data: { hName: "span", hProperties: { id, className: ["name-mention"], dataPerson: name.heading } },
            children: [surface],
          } as NameMention;
        },
      };
    });
    return [SKIP, index + splitText(file, parent as { children: PhrasingContent[] }, node, pieces)];
  });

  file.data.nameMentions = mentions;
  reportUnknown(file, mentions);
};

function ambiguous(file: VFile, name: FoundName, place: Place | undefined): void {
  file.message(`\`${name.surface}\` may be ${name.ambiguous!.map((h) => `\`${h}\``).join(" or ")}: indexed under \`${name.heading}\`; write the full name nearby or add a variant`, {
    place,
    ruleId: "names-ambiguous",
    source: "names",
  });
}

/** One message per unknown person: how often, and where first, so an editor can add them. */
function reportUnknown(file: VFile, mentions: MentionRecord[]): void {
  const unknown = new Map<string, MentionRecord[]>();
  for (const mention of mentions) {
    if (mention.known) continue;
    unknown.set(mention.heading, [...(unknown.get(mention.heading) ?? []), mention]);
  }
  for (const [heading, list] of unknown) {
    const forms = [...new Set(list.map((mention) => mention.surface))].map((form) => `\`${form}\``).join(", ");
    file.message(`${forms} is not in the name authority file (${list.length}×): indexed as \`${heading}\``, {
      place: list[0]!.place,
      ruleId: "names-unknown",
      source: "names",
    });
  }
}
