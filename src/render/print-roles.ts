// Print only: ARIA roles where Chromium's tagged PDF would otherwise say
// nothing. Chromium tags a definition list as NonStruct soup; a `dl` whose
// terms and definitions stand in `div` groups, given the list roles, is
// tagged as a list (L) with an item (LI) per group, whose term and
// definition the PDF post-pass (./pdf-structure.ts) makes Lbl and LBody.
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

const elements = (node: Element) => node.children.filter((child): child is Element => child.type === "element");

export function rehypeDefinitionListRoles() {
  return (tree: Root) => {
    visit(tree, "element", (node) => {
      if (node.tagName !== "dl" || node.properties.role) return;
      const groups = elements(node);
      if (!groups.length || !groups.every((group) => group.tagName === "div" && elements(group).some((child) => child.tagName === "dt"))) return;
      node.properties.role = "list";
      for (const group of groups) group.properties.role = "listitem";
    });
  };
}
