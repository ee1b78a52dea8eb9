// The passage around each mention of a person, read from the texts' hast
// trees for the index's sub-entries: the block's text (a paragraph, a list
// item, a note, a heading), its sentences, the persons it names and the works
// it cites (`cite`), each with its place in the text. A note inside a
// paragraph is a passage of its own; a paragraph that ends in a colon keeps
// the block quotation it introduces. Data only: ./index-topics.ts says what a
// passage is about.
import type { Element, Root, RootContent } from "hast";
import { toString } from "hast-util-to-string";

export interface PassageBlock {
  /** The block's text, soft hyphens removed. */
  text: string;
  /** A heading or a caption: its words name no topic (a sub-entry is never a heading). */
  heading: boolean;
  /** The persons named: heading and offset in `text`. */
  persons: { heading: string; at: number }[];
  /** The works cited in `cite` elements: title and offset. */
  cites: { title: string; at: number }[];
  /** The sentences, as [start, end) offsets. */
  sentences: [number, number][];
  /** The block quotation a paragraph ending in a colon introduces (`Trotsky explained how:`): what the passage is about is said there. */
  quotation?: string;
}

export interface Passage {
  block: PassageBlock;
  /** Where the mention stands in the block's text. */
  at: number;
  /** The mention stands in a cited work's title (`Trotsky, Stalin, pages 242–3`: the book, not the man): no locator. */
  title?: boolean;
}

const blockTags = new Set(["p", "li", "dd", "dt", "td", "th", "caption", "figcaption", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "aside"]);
const headingTags = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption"]);
const classes = (node: Element) => (Array.isArray(node.properties.className) ? (node.properties.className as string[]) : []);
/** A note set inline in its paragraph (`span.footnote`) is a passage of its own. */
const isBlock = (node: Element) => blockTags.has(node.tagName) || classes(node).includes("footnote");
const isMention = (node: Element) => classes(node).includes("name-mention") && typeof node.properties.id === "string";

/** The passage of every mention in `trees`, by the mention's id. */
export function mentionPassages(trees: Root[], language = "en"): Map<string, Passage> {
  const passages = new Map<string, Passage>();
  const segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
  const blocks: PassageBlock[] = [];
  const newBlock = (heading: boolean): PassageBlock => {
    const block: PassageBlock = { text: "", heading, persons: [], cites: [], sentences: [] };
    blocks.push(block);
    return block;
  };
  const walk = (node: Root | Element, block: PassageBlock, parent?: Element) => {
    // The block made of the element before this one, for a quotation it introduces.
    let before: PassageBlock | undefined;
    for (const child of node.children as RootContent[]) {
      if (child.type === "text") block.text += child.value.replace(/\u00AD/g, "");
      else if (child.type === "element") {
        if (isBlock(child)) {
          before = newBlock(headingTags.has(child.tagName));
          walk(child, before);
          continue;
        }
        if (child.tagName === "blockquote" && before && !before.heading && /:\s*$/.test(before.text)) before.quotation = toString(child).replace(/\u00AD/g, "");
        before = undefined;
        if (isMention(child)) {
          const heading = String(child.properties.dataPerson ?? "");
          block.persons.push({ heading, at: block.text.length });
          // A note's link to the work it cites holds the work's title: a name there is the title's (`Stalin and Socialism`).
          const title = parent !== undefined && parent.tagName === "a" && classes(parent).includes("work-ref");
          passages.set(String(child.properties.id), { block, at: block.text.length, ...(title ? { title } : {}) });
        } else if (child.tagName === "cite") block.cites.push({ title: toString(child).replace(/\u00AD/g, "").trim(), at: block.text.length });
        walk(child, block, child);
      }
    }
  };
  for (const tree of trees) walk(tree, newBlock(false));
  for (const block of blocks) {
    if (!block.persons.length) continue;
    block.sentences = [...segmenter.segment(block.text)].map((segment) => [segment.index, segment.index + segment.segment.length]);
  }
  return passages;
}

/** The sentence of `block` that holds offset `at`. */
export function sentenceAt(block: PassageBlock, at: number): [number, number] {
  return block.sentences.find(([start, end]) => at >= start && at < end) ?? [0, block.text.length];
}
