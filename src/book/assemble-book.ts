// All texts become one hast tree: front matter, contents, the texts, then the
// back matter. Both renderers serialise this same tree.
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { newQuoteState, typesetLine } from "../restore/typography-rules.js";
import type { Manifest, TextEntry } from "../manifest/manifest-schema.js";
import { contentsDivision } from "./contents.js";
import { divisionOf, type Division } from "./division.js";
import { copyrightPage, halfTitle, titlePage } from "./front-matter.js";
import { BookIds } from "./ids.js";
import { backMatterSemantics } from "./schema.js";
import { interfaceWords, type InterfaceWords } from "./words.js";

export interface BookText {
  entry: TextEntry;
  /** The restored text as hast (the children of its division). */
  tree: Root;
  /** Where the text came from, as its own lines said (joinSourceLines), typeset. */
  sourceNote?: string;
  /** The chapter number a book chapter carried (`16`). */
  chapterNumber?: string;
}

/** Back-matter slots in book order; later stages fill them, empty ones are left out. */
export interface BackMatter {
  chronology?: ElementContent[];
  bibliography?: ElementContent[];
  editorialNote?: ElementContent[];
  index?: ElementContent[];
}

const backMatterSlots: { key: keyof BackMatter; id: string; title: keyof InterfaceWords }[] = [
  { key: "chronology", id: "chronology", title: "chronology" },
  { key: "bibliography", id: "bibliography", title: "worksCited" },
  { key: "editorialNote", id: "editorial-note", title: "editorialNote" },
  { key: "index", id: "index", title: "index" },
];

/** The ids of the front and back matter, which texts' ids must not take. */
const fixedDivisionIds = ["half-title", "title-page", "copyright", "contents", ...backMatterSlots.flatMap(({ id }) => [id, `${id}-title`])];

/** The division id of each text: `text-` and its manifest id, from the book's one slugger (so `t` and `t-title` never share an id). */
export function textDivisionIds(entries: TextEntry[]): Map<TextEntry, { id: string; titleId: string }> {
  const ids = new BookIds();
  for (const id of fixedDivisionIds) ids.reserve(id);
  return new Map(
    entries.map((entry) => {
      const id = ids.unique(`text-${entry.id}`);
      return [entry, { id, titleId: ids.unique(`${id}-title`) }];
    }),
  );
}

/** The publication and credit lines restoration moved out of the body, in the order of the source, as one run of sentences. */
export function joinSourceLines(lines: string[]): string {
  return lines.map((line) => (/[.!?]$/.test(line) ? line : `${line}.`)).join(" ");
}

/** Where the text came from, closing the text. */
function sourceNote(text: string | undefined): ElementContent[] {
  return text ? [h("footer", { className: ["source-note"] }, [h("p", text)])] : [];
}

function textDivision({ entry, tree, sourceNote: note, chapterNumber: chapter }: BookText, { id, titleId }: { id: string; titleId: string }, words: InterfaceWords): Element {
  const node = h("section", { id, className: ["division", "text", `text-${entry.kind}`], "epub:type": "chapter", role: "doc-chapter", ariaLabelledBy: titleId }, [
    h("header", { className: ["text-header"] }, [
      ...(chapter ? [h("p", { className: ["chapter-number"] }, words.chapter(chapter))] : []),
      h("h1", { id: titleId, className: ["text-title"] }, entry.title),
      ...(entry.subtitle ? [h("p", { className: ["text-subtitle"], role: "doc-subtitle" }, inlineMarkdown(entry.subtitle))] : []),
      ...(entry.author ? [h("p", { className: ["text-author"] }, entry.author)] : []),
    ]),
    ...(tree.children as ElementContent[]),
    ...sourceNote(note),
  ]);
  node.data = { division: { id, part: "body", title: entry.title, author: entry.author, inContents: true } };
  return node;
}

function backMatterDivisions(back: BackMatter, words: InterfaceWords): Element[] {
  return backMatterSlots.flatMap(({ key, id, title: word }) => {
    const content = back[key];
    if (!content?.length) return [];
    const title = words[word] as string;
    const node = h("section", { id, className: ["division", "back-matter", id], ...backMatterSemantics[key], ariaLabelledBy: `${id}-title` }, [
      h("h1", { id: `${id}-title`, className: ["back-matter-title"] }, title),
      ...content,
    ]);
    node.data = { division: { id, part: "back", title, inContents: true } };
    return [node];
  });
}

const markdownNote = unified().use(remarkParse).use(remarkRehype);

/** A line of inline Markdown (a text's subtitle: `Reconsidering _The Revolution Betrayed_`) as phrasing, in the house style. */
export function inlineMarkdown(markdown: string): ElementContent[] {
  const tree = markdownNote.parse(markdown);
  const state = newQuoteState();
  visit(tree, "text", (node) => {
    node.value = typesetLine(node.value, state);
  });
  const paragraph = (markdownNote.runSync(tree) as Root).children.find((node): node is Element => node.type === "element" && node.tagName === "p");
  return paragraph?.children ?? [{ type: "text", value: markdown }];
}

/** The editorial note from the manifest's `note`, written in Markdown by the editors. */
export async function editorialNoteFromManifest(manifest: Manifest): Promise<ElementContent[]> {
  if (manifest.note === undefined) return [];
  const tree = await markdownNote.run(markdownNote.parse(manifest.note));
  return tree.children.filter((node): node is Element => node.type === "element");
}

export function assembleBook(manifest: Manifest, texts: BookText[], back: BackMatter): Root {
  const words = interfaceWords(manifest.language);
  const ids = textDivisionIds(texts.map((text) => text.entry));
  const body = texts.map((text) => textDivision(text, ids.get(text.entry)!, words));
  const backMatter = backMatterDivisions(back, words);
  const listed = [...body, ...backMatter].map((node) => divisionOf(node)).filter((d): d is Division => Boolean(d?.inContents));
  return {
    type: "root",
    children: [halfTitle(manifest), titlePage(manifest, words), copyrightPage(manifest, words), contentsDivision(listed, words), ...body, ...backMatter],
  };
}
