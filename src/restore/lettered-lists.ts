// Lettered lists: consecutive paragraphs that begin `(a) `, `(b) `, … in
// order become one list. The letters stay in the text, as the author wrote
// them; the list only gives them their structure.
import type { List, ListItem, Paragraph, Parent, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import { paragraphText } from "./blocks.js";

const letterOf = (node: RootContent | undefined) => /^\(([a-z])\)\s/.exec(paragraphText(node) ?? "")?.[1];

export const restoreLetteredLists: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, (node) => {
    if (node.type !== "root" && node.type !== "blockquote") return;
    const parent = node as Parent;
    const out: RootContent[] = [];
    for (let index = 0; index < parent.children.length; index++) {
      let run = 0;
      while (letterOf(parent.children[index + run] as RootContent) === String.fromCharCode(97 + run)) run++;
      if (run < 2) {
        out.push(parent.children[index] as RootContent);
        continue;
      }
      const items = parent.children.slice(index, index + run) as Paragraph[];
      const list: List = {
        type: "list",
        ordered: true,
        spread: false,
        children: items.map((item): ListItem => ({ type: "listItem", spread: false, children: [item], position: item.position })),
        position: { start: items[0]!.position!.start, end: items.at(-1)!.position!.end },
        data: { hProperties: { className: ["lettered"] } },
      };
      file.info(`lettered list of ${run} items`, { place: list.position, ruleId: "structure-lettered-list", source: "structure" });
      out.push(list);
      index += run - 1;
    }
    parent.children = out as Parent["children"];
  });
};
