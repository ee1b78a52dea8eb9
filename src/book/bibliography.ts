// The works cited, once each, in the back matter: every text's cited works
// (CSL-JSON, see src/citations/) merged by id and formatted by citation-js
// with the manifest's CSL style. Each entry carries the work's id, the
// target of the links in the notes and of the page references, and lists
// where the work is cited: per text (its short title), each citation a link
// back to it whose text print and the EPUB built with the PDF replace with
// its page number (the back matter's `page-ref` machinery).
import { citationJs } from "../citations/citation-js.js";
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { CslItem } from "../citations/works.js";
import type { CslStyle } from "../manifest/csl-style.js";
import { pageRefClasses } from "./schema.js";
import { Memo, memoKey } from "../watch/render-memo.js";

/** citeproc's HTML kept by the works and the style it formatted: the same works cited are not formatted again. */
export const formattedBibliographies = new Memo<string>("bibliographies", 16 * 1024 * 1024);

/** Where a work is cited: per text, its label and the ids of its citation links. */
export type CitedAt = Map<string, { label: string; anchors: string[] }[]>;

/**
 * One name per author across the list, so the style groups their works: the
 * fullest given name (`Tony` over `T.`, `L.` over none) where all the given
 * names of that family name agree on their initial; otherwise left as cited.
 */
function unifyAuthors(works: CslItem[]): void {
  const givens = new Map<string, Set<string>>();
  for (const name of works.flatMap((item) => item.author ?? [])) {
    givens.set(name.family, (givens.get(name.family) ?? new Set()).add(name.given ?? ""));
  }
  for (const name of works.flatMap((item) => item.author ?? [])) {
    const known = [...givens.get(name.family)!].filter(Boolean);
    if (!known.length || new Set(known.map((given) => given[0])).size > 1) continue;
    name.given = known.sort((a, b) => b.length - a.length)[0];
  }
}

/** Every text's works (each text's list as the citations stage gave it), merged by id; the fullest record of a work wins a field. */
export function worksCited(texts: Iterable<CslItem>[]): CslItem[] {
  const works = new Map<string, CslItem>();
  for (const cited of texts) {
    for (const item of cited) {
      const known = works.get(item.id);
      works.set(item.id, structuredClone(known ? { ...item, ...known } : item));
    }
  }
  unifyAuthors([...works.values()]);
  return [...works.values()];
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0" };
const decode = (text: string) =>
  text.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) =>
    name.startsWith("#") ? String.fromCodePoint(parseInt(name.slice(name[1] === "x" ? 2 : 1), name[1] === "x" ? 16 : 10)) : (entities[name] ?? whole),
  );

/** citeproc's HTML for one entry (text, `<i>`, `<b>`, `<span>`, entities) as hast. */
export function entryContent(html: string): ElementContent[] {
  const root: Element = h("span");
  const stack: Element[] = [root];
  for (const token of html.split(/(<[^>]+>)/)) {
    if (!token) continue;
    const tag = /^<(\/?)(\w+)/.exec(token);
    if (!tag) {
      stack.at(-1)!.children.push({ type: "text", value: decode(token) });
    } else if (tag[1]) {
      if (stack.length > 1) stack.pop();
    } else if (tag[2] === "i" || tag[2] === "b" || tag[2] === "span") {
      const element = h(tag[2] === "span" ? "span" : tag[2] === "i" ? "i" : "b");
      stack.at(-1)!.children.push(element);
      stack.push(element);
    }
  }
  return root.children;
}

export interface BibliographyOptions {
  /** The house form of a title's ranges (`1917–1923`), given by the typography stage. */
  rangeDashes?: (title: string) => string;
  /** Where each work is cited (by work id): listed after its entry. */
  citedAt?: CitedAt;
  /** Put before each entry's id (a text's own works cited: `textid-`). */
  idPrefix?: string;
  /** The word before the back-references: `Cited`. */
  citedWord?: string;
}

/** `Cited: Cliff 1, 2; Sherry 1`, each number a link back to the citation. */
function backReferences(groups: { label: string; anchors: string[] }[], word: string): ElementContent[] {
  if (!groups.length) return [];
  // With texts named: `Cited: Cliff 1, 2`; a text's own list: `Cited: 1, 2`, in print `Cited, 28, 30` as the index writes its pages.
  const named = groups.some(({ label }) => label);
  const children: ElementContent[] = [{ type: "text", value: named ? `${word}: ` : word }];
  groups.forEach(({ label, anchors }, index) => {
    if (index) children.push({ type: "text", value: "; " });
    // A text's own list names no text.
    if (label) children.push(h("span", { className: ["work-cited-text"] }, label));
    // One list of folios per text, as the index's locators: print (and the EPUB made with it) writes `, 28, 29–34`, each page once.
    const list: ElementContent[] = [];
    anchors.forEach((anchor, n) => {
      list.push({ type: "text", value: n ? ", " : label ? " " : ": " });
      list.push(h("a", { className: [pageRefClasses.ref, "work-backref"], href: `#${anchor}` }, String(n + 1)));
    });
    children.push(h("span", { className: ["work-cited-pages", pageRefClasses.list] }, list));
  });
  return [{ type: "text", value: " " }, h("span", { className: ["work-cited-at"] }, children)];
}

/** Titles keep their authors' capitals (citeproc would title-case them) and the house range dash. */
export function forFormatting(item: CslItem, rangeDashes: (title: string) => string): CslItem {
  const copy = structuredClone(item);
  if (copy.title) copy.title = `<span class="nocase">${rangeDashes(copy.title)}</span>`;
  if (copy["container-title"]) copy["container-title"] = `<span class="nocase">${copy["container-title"]}</span>`;
  return copy;
}

export function bibliography(works: CslItem[], style: CslStyle | undefined, options: BibliographyOptions = {}): ElementContent[] {
  const dashes = options.rangeDashes ?? ((title: string) => title);
  if (!works.length) return [];
  const template = style ? `edition-${style.name}` : "apa";
  const items = works.map((item) => forFormatting(item, dashes));
  const html = formattedBibliographies.through(memoKey(template, style?.xml ?? "", JSON.stringify(items)), () => {
    if (style) citationJs().plugins.config.get("@csl").styles.add(template, style.xml);
    return new (citationJs().Cite)(items).format("bibliography", { format: "html", template, lang: "en-US" }) as string;
  });
  const entries = [...html.matchAll(/<div data-csl-entry-id="([^"]+)" class="csl-entry">([\s\S]*?)<\/div>\s*(?=<div data-csl|<\/div>\s*$)/g)];
  return [
    h(
      "ul",
      { className: ["works-cited"] },
      entries.map(([, id, content]) =>
        h("li", { id: `${options.idPrefix ?? ""}${id}`, className: ["work"] }, [...entryContent(content!.trim()), ...backReferences(options.citedAt?.get(id!) ?? [], options.citedWord ?? "Cited")]),
      ),
    ),
  ];
}

/** Where each work is cited, from every text's citation records (in reading order), labelled with the texts' short titles. */
export function citedAtOf(texts: { label: string; citations: { work?: string; anchor?: string }[] }[]): CitedAt {
  const cited: CitedAt = new Map();
  for (const { label, citations } of texts) {
    for (const { work, anchor } of citations) {
      if (!work || !anchor) continue;
      const groups = cited.get(work) ?? [];
      const group = groups.find((one) => one.label === label) ?? (groups.push({ label, anchors: [] }), groups.at(-1)!);
      group.anchors.push(anchor);
      cited.set(work, groups);
    }
  }
  return cited;
}
