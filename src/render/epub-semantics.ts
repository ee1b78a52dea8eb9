// EPUB-only structure on a division's copy: every `epub:type` with a DPUB-ARIA
// counterpart gets its role and the reverse, remark-rehype's footnote
// attributes (which epub-gen-memory would strip as `data-*`) become
// `epub:type` and roles, section headings get ids for the nested contents,
// and heading levels never skip one.
import type { Element, Root } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { visitParents } from "unist-util-visit-parents";

/** `epub:type` → DPUB-ARIA role, for the semantics that have one (deprecated roles left out). */
const roleOfType: Record<string, string> = {
  abstract: "doc-abstract",
  acknowledgments: "doc-acknowledgments",
  afterword: "doc-afterword",
  appendix: "doc-appendix",
  backlink: "doc-backlink",
  bibliography: "doc-bibliography",
  chapter: "doc-chapter",
  colophon: "doc-colophon",
  conclusion: "doc-conclusion",
  credits: "doc-credits",
  dedication: "doc-dedication",
  endnotes: "doc-endnotes",
  epigraph: "doc-epigraph",
  epilogue: "doc-epilogue",
  errata: "doc-errata",
  footnote: "doc-footnote",
  foreword: "doc-foreword",
  glossary: "doc-glossary",
  index: "doc-index",
  introduction: "doc-introduction",
  noteref: "doc-noteref",
  pagebreak: "doc-pagebreak",
  part: "doc-part",
  preface: "doc-preface",
  prologue: "doc-prologue",
  pullquote: "doc-pullquote",
  subtitle: "doc-subtitle",
  toc: "doc-toc",
};
const typeOfRole = Object.fromEntries(Object.entries(roleOfType).map(([type, role]) => [role, type]));

/** Elements on which ARIA in HTML allows none of these roles. */
const noRoleElements = new Set(["li", "ol", "ul", "body", "html", "tr", "td", "th", "tbody", "thead", "table", "dd", "dt"]);

/** remark-rehype's footnote attributes → their EPUB semantics. */
const footnoteAttributes: [string, string][] = [
  ["dataFootnoteRef", "noteref"],
  ["dataFootnoteBackref", "backlink"],
  ["dataFootnotes", "endnotes"],
];

function types(node: Element): string[] {
  const value = node.properties["epub:type"] ?? node.properties.epubType;
  return typeof value === "string" ? value.split(/\s+/).filter(Boolean) : [];
}

export function pairTypesAndRoles(tree: Element | Root): void {
  visit(tree, "element", (node) => {
    for (const [attribute, type] of footnoteAttributes) {
      if (node.properties[attribute] !== undefined && !types(node).includes(type)) node.properties["epub:type"] = [...types(node), type].join(" ");
    }
    const role = typeof node.properties.role === "string" ? node.properties.role : undefined;
    const nodeTypes = types(node);
    if (role && typeOfRole[role] && !nodeTypes.includes(typeOfRole[role]!)) {
      node.properties["epub:type"] = [...nodeTypes, typeOfRole[role]!].join(" ");
    }
    if (!role && !noRoleElements.has(node.tagName)) {
      const paired = nodeTypes.find((type) => roleOfType[type]);
      if (paired) node.properties.role = roleOfType[paired];
    }
  });
}

const headingLevel = (node: Element) => (/^h[1-6]$/.test(node.tagName) ? Number(node.tagName[1]) : 0);

/** Lower any heading that skips a level below the previous one (h1 → h3 becomes h1 → h2). */
export function closeHeadingGaps(tree: Element | Root): void {
  let previous = 0;
  visit(tree, "element", (node) => {
    const level = headingLevel(node);
    if (!level) return;
    const fitted = Math.min(level, previous + 1);
    node.tagName = `h${fitted}`;
    previous = fitted;
  });
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 48) || "section";
}

/** Notes and asides are not sections of the text. */
const outsideSections = (ancestors: (Element | Root)[]) =>
  ancestors.some((node) => node.type === "element" && (["aside", "nav"].includes(node.tagName) || types(node).some((type) => /notes$|^footnote$/.test(type))));

/** Give every section heading (h2) without an id one made from the division id and its words, unique in `taken`. */
export function identifySections(division: Element, taken: Set<string>): Element[] {
  const headings: Element[] = [];
  const prefix = String(division.properties.id);
  visitParents(division, "element", (node, ancestors) => {
    if (node.tagName !== "h2" || outsideSections(ancestors as (Element | Root)[])) return;
    if (typeof node.properties.id !== "string") {
      const base = `${prefix}-${slug(hastToString(node))}`;
      let id = base;
      for (let count = 2; taken.has(id); count++) id = `${base}-${count}`;
      node.properties.id = id;
    }
    taken.add(String(node.properties.id));
    headings.push(node);
  });
  return headings;
}
