// In an author-date style (Chicago author-date, APA), the in-text citations
// the citations stage recognised take that style's in-text form, rendered by
// citeproc (citation-js' plugin-csl) from the resolved work and the text's
// own page: `[Murphy, Preparing for Power, p. 172]` becomes `[Murphy 1934,
// 172]`, `(Zeman and Scharlau 1965: 64–7)` becomes `(Zeman and Scharlau
// 1965, 64–7)` in Chicago, `(Zeman & Scharlau, 1965, p. 64–7)` in APA. Only
// the words of the citation link change; the bracket or parenthesis around
// it and every other word stay the author's, and the link's title keeps the
// citation as the text gives it. Citations woven into a sentence (a source
// named in the prose, a page reference after the reviewed author's name)
// and a note style's citations are left as written.
import { citationJs } from "./citation-js.js";
import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import type { CslStyle } from "../manifest/csl-style.js";
import type { CitationRecord, CslItem } from "./works.js";

/** Whether the style cites in the text by author and date (its `citation-format`), so the in-text citations are its to form. */
export function isAuthorDateStyle(style: CslStyle | undefined): style is CslStyle {
  return Boolean(style && /<category\s+citation-format="author-date"/.test(style.xml));
}

/** The forms a style may restyle: the ones that stand apart from the sentence, in brackets or parentheses. */
const restylable = new Set<CitationRecord["form"]>(["bracket", "author-date"]);

export interface RestyleOutcome {
  restyled: number;
  /** Citations in the prose (sources named, page references) left as the author wrote them. */
  leftInProse: number;
}

/**
 * Restyle one text's recognised in-text citations. `format` gives citeproc's
 * in-text form of a work with a locator (its HTML split into hast), or
 * undefined when it cannot.
 */
export function restyleCitations(tree: Root | Element, records: CitationRecord[], format: (work: string, record: CitationRecord) => ElementContent[] | undefined): RestyleOutcome {
  const links = new Map<string, Element>();
  visit(tree, "element", (node: Element) => {
    if (node.tagName === "a" && node.properties.id) links.set(String(node.properties.id), node);
  });
  const outcome: RestyleOutcome = { restyled: 0, leftInProse: 0 };
  for (const record of records) {
    if (!record.work || !record.anchor) continue;
    if (!restylable.has(record.form)) {
      if (record.form === "source" || record.form === "page-reference") outcome.leftInProse++;
      continue;
    }
    const link = links.get(record.anchor);
    const content = link && format(record.work, record);
    if (!link || !content?.length) continue;
    const original = toString(link);
    // Already in the style's form (`Carr 1954`): nothing to change.
    if (toString({ type: "root", children: content }) === original) continue;
    link.children = keepAnchors(link, content);
    link.properties.title = `As the text gives it: ${original}`;
    link.properties.className = [...((link.properties.className as string[] | undefined) ?? []), "restyled"];
    outcome.restyled++;
  }
  return outcome;
}

/**
 * The new words, with the marks the old ones carried that others link to (a
 * name's index mark, `…-name-3`): around the same name where the style keeps
 * it, else empty at the start, so no link loses its target.
 */
function keepAnchors(link: Element, content: ElementContent[]): ElementContent[] {
  const marks: Element[] = [];
  visit(link, "element", (node: Element) => {
    if (node !== link && node.properties.id) marks.push(node);
  });
  const result = [...content];
  for (const mark of marks) {
    const words = toString(mark);
    const at = words ? result.findIndex((node) => node.type === "text" && node.value.includes(words)) : -1;
    const clone = (children: ElementContent[]): Element => ({ ...structuredClone({ ...mark, children: [] }), children });
    if (at < 0) {
      result.unshift(clone([]));
      continue;
    }
    const text = result[at] as { value: string };
    const start = text.value.indexOf(words);
    const pieces: ElementContent[] = [];
    if (start) pieces.push({ type: "text", value: text.value.slice(0, start) });
    pieces.push(clone([{ type: "text", value: words }]));
    if (start + words.length < text.value.length) pieces.push({ type: "text", value: text.value.slice(start + words.length) });
    result.splice(at, 1, ...pieces);
  }
  return result;
}

/**
 * citeproc's in-text citation of one work: the style's form with the text's
 * page (and volume, `31:53`) as its locator and a bracket citation's own
 * lead-in (`Pollitt, quoted by`) as its prefix, without the outer
 * parentheses, which the text's own bracket or parenthesis stands for.
 */
export function citeprocInText(items: CslItem[], style: CslStyle, toHast: (html: string) => ElementContent[]): (work: string, record: CitationRecord) => ElementContent[] | undefined {
  const template = `edition-${style.name}`;
  citationJs().plugins.config.get("@csl").styles.add(template, style.xml);
  const byId = new Map(items.map((item) => [item.id, item]));
  return (work, record) => {
    const item = byId.get(work);
    if (!item) return undefined;
    const locator = [record.volume, record.locator].filter(Boolean).join(":");
    const entry = { id: work, ...(locator ? { locator, label: "page" } : {}), ...(record.form === "bracket" && record.prefix ? { prefix: `${record.prefix} ` } : {}) };
    const cite = new (citationJs().Cite)([item]) as unknown as { format: (kind: string, options: Record<string, unknown>) => string };
    const html = String(cite.format("citation", { template, lang: "en-US", format: "html", entry: [entry] })).trim();
    const inner = /^\((.*)\)$/su.exec(html)?.[1] ?? html;
    return inner ? toHast(inner) : undefined;
  };
}
