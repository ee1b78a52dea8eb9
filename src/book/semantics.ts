// Structure every format shares, as rehype plugins over the book tree (run
// once in the book stage, so the EPUB and the print HTML read the same
// tree): every `epub:type` with a DPUB-ARIA counterpart gets its role and the
// reverse, remark-rehype's footnote attributes become `epub:type` and roles,
// and heading levels never skip one within a division.
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import { divisionOf } from "./division.js";
import { roleOfType, typeOfRole } from "./schema.js";

/** Elements on which ARIA in HTML allows none of these roles. */
const noRoleElements = new Set(["li", "ol", "ul", "body", "html", "tr", "td", "th", "tbody", "thead", "table", "dd", "dt"]);

/** remark-rehype's footnote attributes → their EPUB semantics. */
const footnoteAttributes: [string, string][] = [
  ["dataFootnoteRef", "noteref"],
  ["dataFootnoteBackref", "backlink"],
  ["dataFootnotes", "endnotes"],
];

export function epubTypes(node: Element): string[] {
  const value = node.properties["epub:type"] ?? node.properties.epubType;
  return typeof value === "string" ? value.split(/\s+/).filter(Boolean) : [];
}

export function pairTypesAndRoles(tree: Element | Root): void {
  visit(tree, "element", (node) => {
    for (const [attribute, type] of footnoteAttributes) {
      if (node.properties[attribute] !== undefined && !epubTypes(node).includes(type)) node.properties["epub:type"] = [...epubTypes(node), type].join(" ");
    }
    const role = typeof node.properties.role === "string" ? node.properties.role : undefined;
    const nodeTypes = epubTypes(node);
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

const divisionsOf = (tree: Root) => tree.children.filter((node): node is Element => node.type === "element" && Boolean(divisionOf(node)));

/** Plugin: roles and `epub:type`s paired on every division. */
export function rehypePairRoles() {
  return (tree: Root) => {
    for (const division of divisionsOf(tree)) pairTypesAndRoles(division);
  };
}

/** Plugin: heading levels closed within each division (each division starts its own outline). */
export function rehypeCloseHeadingGaps() {
  return (tree: Root) => {
    for (const division of divisionsOf(tree)) closeHeadingGaps(division);
  };
}
