// A unified parser for Markdown sources: remark-parse with remark-frontmatter
// (YAML) and remark-gfm (tables, footnotes, autolinks). As with the raw-text
// parser, the editor's corrections and CRLF line ends are made as string
// edits first (offset-map.ts keeps the way back); then every node's position
// is turned into its raw `line:column`, and every text node gets its origin in
// the edited document (raw-position.ts), so corrections, typography, notes and
// names work on a Markdown text as on a plain one.
//
// What Markdown states beyond CommonMark and GFM, as Pandoc reads it:
// `^sup^` and `~sub~` (no spaces inside), `---` as an em dash and `--` as an
// en dash (the typography stage then sets the house style). The front matter
// leaves the tree: the manifest loader read its metadata, and the keys it does
// not use are reported here at their line (never printed). Raw HTML, images
// and links that lead nowhere in a book are reported and left out (their text
// is kept).
import type { Nodes, Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { Data } from "unist";
import type { Options as ToMarkdownOptions } from "mdast-util-to-markdown";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified, type Plugin } from "unified";
import { visit, SKIP } from "unist-util-visit";
import type { VFile } from "vfile";
import { applyEdits, type Edit } from "./offset-map.js";
import { rawPoint, rawPointOfRawOffset, rewriteText, sliceText } from "./raw-position.js";
import { maxNesting, nestingCuts } from "../manifest/markdown-nesting.js";
import { lineEndEdits } from "./raw-text-parser.js";
import { readFrontMatter } from "./front-matter.js";
import { recordRemoval } from "../restore/removals.js";
import { splitText, type TextPiece } from "./split-text.js";

export interface MarkdownParserOptions {
  /** The edits to make on a raw document before it is parsed (corrections); they may not overlap. */
  edits?: (raw: string, file: VFile) => Edit[];
  /** The language front-matter author lists are joined in (`A and B`). */
  language?: string;
}

/** Pandoc's superscript and subscript, for the renderers (`<sup>`, `<sub>`). */
export interface Superscript extends Parent {
  type: "superscript";
  children: PhrasingContent[];
  data?: Data & { hName?: string };
}
export interface Subscript extends Parent {
  type: "subscript";
  children: PhrasingContent[];
  data?: Data & { hName?: string };
}

declare module "mdast" {
  interface PhrasingContentMap {
    superscript: Superscript;
    subscript: Subscript;
  }
  interface RootContentMap {
    superscript: Superscript;
    subscript: Subscript;
  }
}

/** Superscript and subscript written back as Pandoc writes them (`edition check --diff`). */
export const scriptsToMarkdown: ToMarkdownOptions = {
  handlers: {
    superscript: (node: Superscript, _parent, state, info) => `^${state.containerPhrasing(node, { ...info, before: "^", after: "^" })}^`,
    subscript: (node: Subscript, _parent, state, info) => `~${state.containerPhrasing(node, { ...info, before: "~", after: "~" })}~`,
  } as ToMarkdownOptions["handlers"],
};

const source = "markdown";
const markdown = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm, { singleTilde: false });

/** How far past the last matched character the next one is looked for. */
const alignWindow = 256;

/**
 * The origin of a text node's value in the document: each character is
 * matched, in order, with the next equal character of the node's source
 * (`document` from `start` to `end`); characters Markdown dropped between
 * them (a block quote's `> `, an escape's backslash) are skipped. A character
 * the source does not hold as such (a character reference) takes the place
 * where the match stopped.
 */
function alignOrigin(value: string, document: string, start: number, end: number): number[] {
  const origin: number[] = [];
  let cursor = start;
  let expected = -1;
  for (let index = 0; index < value.length; index++) {
    // Markup between two characters of a value is short (a line's container markers, an escape, a character reference).
    const limit = Math.min(end, cursor + alignWindow);
    let found = cursor;
    while (found < limit && document[found] !== value[index]) found++;
    const at = found < limit ? found : cursor;
    if (at !== expected) origin.push(index, at);
    expected = at + 1;
    if (found < limit) cursor = found + 1;
  }
  return origin.length ? origin : [0, start];
}

const dashes = (value: string) => value.replace(/---/g, "—").replace(/--/g, "–");

/** Links that lead somewhere outside the book; others (relative, fragments) cannot be followed in it. */
const outsideLink = /^(?:https?:|mailto:)/i;

/** Superscript `^th^` and subscript `~2~`: no white space inside, as Pandoc reads them. */
const scripts = /\^([^\s^[\]]+)\^|~([^\s~[\]]+)~/g;

function scriptsOf(file: VFile, tree: Root): void {
  visit(tree, "text", (node, index, parent) => {
    if (!parent || index === undefined) return;
    const pieces: TextPiece[] = [];
    for (const match of node.value.matchAll(scripts)) {
      pieces.push({
        start: match.index,
        end: match.index + match[0].length,
        make: (text): PhrasingContent => {
          const inner = sliceText(file, text, 1, text.value.length - 1);
          const type = match[1] !== undefined ? "superscript" : "subscript";
          return { type, children: [inner], data: { hName: type === "superscript" ? "sup" : "sub" }, ...(text.position ? { position: text.position } : {}) } as Superscript | Subscript;
        },
      });
    }
    if (!pieces.length) return;
    return index + splitText(file, parent as { children: PhrasingContent[] }, node, pieces);
  });
}

export const markdownParser: Plugin<[MarkdownParserOptions?], string, Root> = function (options = {}) {
  this.parser = (raw, file) => {
    const corrections = options.edits?.(raw, file) ?? [];
    // Block quotes and list items nested past what a book needs are cut (remark would recurse once per level).
    const cuts = nestingCuts(raw).filter((cut) => !corrections.some((edit) => edit.start < cut.end && cut.start < edit.end));
    for (const cut of cuts) {
      file.message(`a line opens more than ${maxNesting} block quotations or list items inside one another; cut to ${maxNesting}`, { place: rawPointOfRawOffset(file, cut.start), ruleId: "markdown-nesting", source });
    }
    const taken = [...corrections, ...cuts.map((cut) => ({ start: cut.start, end: cut.end, text: "" }))];
    const { value: document, map } = applyEdits(raw, [...taken, ...lineEndEdits(raw, taken)]);
    file.data.offsetMap = map;
    const tree = markdown.parse(document) as Root;

    // Raw places for every node; origins for text.
    visit(tree, (node: Nodes) => {
      const position = node.position;
      if (!position) return;
      const start = position.start.offset ?? 0;
      const end = position.end.offset ?? start;
      if (node.type === "text") {
        const origin = alignOrigin(node.value, document, start, end);
        node.data = { ...node.data, origin };
      }
      node.position = { start: rawPoint(file, start), end: rawPoint(file, end) };
    });
    // A dash takes the place of the hyphens it replaces.
    visit(tree, "text", (node) => rewriteText(node, dashes(node.value)));
    scriptsOf(file, tree);
    frontMatterOut(file, tree, document, options.language);
    leaveOut(file, tree);
    return tree;
  };
};

/** The front matter leaves the tree; keys it does not use are reported at their line. */
function frontMatterOut(file: VFile, tree: Root, document: string, language = "en"): void {
  const index = tree.children.findIndex((node) => (node.type as string) === "yaml");
  if (index === -1) return;
  const node = tree.children[index] as RootContent & { value: string };
  tree.children.splice(index, 1);
  // For the word ledger: its values that the book uses stand in the text's heading, the rest is left out.
  recordRemoval(file, { rule: "markdown-front-matter", line: node.position?.start.line ?? 1, endLine: node.position?.end.line ?? 1, text: node.value });
  const start = document.indexOf("\n", 0) + 1;
  const matter = readFrontMatter(node.value, start, language);
  if (matter.error) {
    file.message(`front matter is not valid YAML (${matter.error.reason}); none of it is used`, { place: rawPoint(file, matter.error.offset), ruleId: "markdown-front-matter-yaml", source });
    return;
  }
  const given = new Set(file.data.metadataFromFrontMatter ?? []);
  for (const [field, key] of Object.entries(matter.sources)) {
    const value = matter.metadata[field as keyof typeof matter.metadata];
    const [reason, ruleId] = given.has(field as never)
      ? [`front matter gives the text's ${field}: \`${value}\``, "markdown-front-matter-used"]
      : [`the manifest gives the text's ${field}; front-matter \`${key.key}\` is not used`, "markdown-front-matter-overridden"];
    file.info(reason, { place: rawPoint(file, key.offset), ruleId, source });
  }
  for (const key of matter.keys.filter((candidate) => !candidate.used)) {
    file.info(`front-matter key \`${key.key}\` is not used (only title, subtitle, author or authors, and date are); left out`, {
      place: rawPoint(file, key.offset),
      ruleId: "markdown-front-matter-unused",
      source,
    });
  }
}

/** Raw HTML, images and links a book cannot follow: reported; text kept where there is text. */
function leaveOut(file: VFile, tree: Root): void {
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    const replace = (nodes: RootContent[]): [typeof SKIP, number] => {
      (parent as Parent).children.splice(index, 1, ...(nodes as Parent["children"]));
      return [SKIP, index];
    };
    if (node.type === "html") {
      file.message(`raw HTML in the Markdown is left out: \`${node.value.slice(0, 60)}\``, { place: node.position, ruleId: "markdown-html", source });
      recordRemoval(file, { rule: "markdown-html", line: node.position?.start.line ?? 0, endLine: node.position?.end.line ?? 0, text: node.value });
      return replace([]);
    }
    if (node.type === "image" || node.type === "imageReference") {
      file.message(`an image is left out (the edition prints no images)${node.alt ? `: \`${node.alt}\`` : ""}`, { place: node.position, ruleId: "markdown-image", source });
      recordRemoval(file, { rule: "markdown-image", line: node.position?.start.line ?? 0, endLine: node.position?.end.line ?? 0, text: String(file.value).slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0) });
      return replace([]);
    }
    if (node.type === "link" && !outsideLink.test(node.url)) {
      file.info(`a link to \`${node.url}\` leads nowhere in the book; its text is kept`, { place: node.position, ruleId: "markdown-link", source });
      return replace(node.children as RootContent[]);
    }
    return undefined;
  });
}
