// All texts become one hast tree: front matter, contents, the texts, then the
// back matter. Both renderers serialise this same tree.
import type { Element, ElementContent, Root } from "hast";
import type { VFile } from "vfile";
import "../restore/text-data.js";
import { typesetLine } from "../restore/typography-rules.js";
import { h } from "hastscript";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { Manifest, TextEntry } from "../manifest/manifest-schema.js";
import { contentsDivision } from "./contents.js";
import { divisionOf, type Division } from "./division.js";
import { copyrightPage, halfTitle, titlePage } from "./front-matter.js";

export interface BookText {
  entry: TextEntry;
  /** The restored text as hast (the children of its division). */
  tree: Root;
  /** The text's vfile, with what restoration learnt about it (source note, reviewed work…). */
  file?: VFile;
}

/** Back-matter slots in book order; later stages fill them, empty ones are left out. */
export interface BackMatter {
  chronology?: ElementContent[];
  bibliography?: ElementContent[];
  editorialNote?: ElementContent[];
  index?: ElementContent[];
}

const backMatterSlots: { key: keyof BackMatter; id: string; title: string; attributes: Record<string, string> }[] = [
  { key: "chronology", id: "chronology", title: "Chronology", attributes: { "epub:type": "appendix", role: "doc-appendix" } },
  { key: "bibliography", id: "bibliography", title: "Works cited", attributes: { "epub:type": "bibliography", role: "doc-bibliography" } },
  { key: "editorialNote", id: "editorial-note", title: "Editorial note", attributes: { "epub:type": "afterword", role: "doc-afterword" } },
  { key: "index", id: "index", title: "Index of names", attributes: { "epub:type": "index", role: "doc-index" } },
];

export function textDivisionId(entry: TextEntry): string {
  return `text-${entry.id}`;
}

/** Where the text came from, as its own lines said (publication line, credits), closing the text. */
function sourceNote(file: VFile | undefined): ElementContent[] {
  const lines = [...(file?.data.sourceNote ?? [])].sort((a, b) => a.line - b.line).map((entry) => entry.text);
  if (!lines.length) return [];
  const text = typesetLine(lines.map((line) => (/[.!?]$/.test(line) ? line : `${line}.`)).join(" "));
  return [h("footer", { className: ["source-note"] }, [h("p", text)])];
}

function textDivision({ entry, tree, file }: BookText): Element {
  const id = textDivisionId(entry);
  const chapter = file?.data.chapterNumber;
  const node = h("section", { id, className: ["division", "text", `text-${entry.kind}`], "epub:type": "chapter", role: "doc-chapter", ariaLabelledBy: `${id}-title` }, [
    h("header", { className: ["text-header"] }, [
      ...(chapter ? [h("p", { className: ["chapter-number"] }, `Chapter ${chapter}`)] : []),
      h("h1", { id: `${id}-title`, className: ["text-title"] }, entry.title),
      h("p", { className: ["text-author"] }, entry.author),
    ]),
    ...(tree.children as ElementContent[]),
    ...sourceNote(file),
  ]);
  node.data = { division: { id, part: "body", title: entry.title, author: entry.author, inContents: true } };
  return node;
}

function backMatterDivisions(back: BackMatter): Element[] {
  return backMatterSlots.flatMap(({ key, id, title, attributes }) => {
    const content = back[key];
    if (!content?.length) return [];
    const node = h("section", { id, className: ["division", "back-matter", id], ...attributes, ariaLabelledBy: `${id}-title` }, [
      h("h1", { id: `${id}-title`, className: ["back-matter-title"] }, title),
      ...content,
    ]);
    node.data = { division: { id, part: "back", title, inContents: true } };
    return [node];
  });
}

const markdownNote = unified().use(remarkParse).use(remarkRehype);

/** The editorial note from the manifest's `note`, written in Markdown by the editors. */
export async function editorialNoteFromManifest(manifest: Manifest): Promise<ElementContent[]> {
  const tree = await markdownNote.run(markdownNote.parse(manifest.note));
  return tree.children.filter((node): node is Element => node.type === "element");
}

export function assembleBook(manifest: Manifest, texts: BookText[], back: BackMatter): Root {
  const body = texts.map(textDivision);
  const backMatter = backMatterDivisions(back);
  const listed = [...body, ...backMatter].map((node) => divisionOf(node)).filter((d): d is Division => Boolean(d?.inContents));
  return {
    type: "root",
    children: [halfTitle(manifest), titlePage(manifest), copyrightPage(manifest), contentsDivision(listed), ...body, ...backMatter],
  };
}
