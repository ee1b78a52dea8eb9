// How a table becomes hast (a remark-rehype handler), for a table read from
// plain lines (plain-tables.ts) and a Markdown one alike: its caption line as
// `caption`, the header row in `thead` with `th scope="col"`, no widths or
// alignments (an EPUB reader sets the table to its screen), and a class that
// sets a table too wide for the print measure smaller.
import type { Element, ElementContent } from "hast";
import type { Table } from "mdast";
import type { Handler, State } from "mdast-util-to-hast";
import { toString } from "mdast-util-to-string";
import { h } from "hastscript";

/** Characters of a row past which a table is wide for the print measure (about 70 at 9.5 pt on a 6 × 9 in page), and very wide. */
const wide = 70;
const veryWide = 100;

/** The widest a table's rows run: its columns' widest cells and a gutter between each two. */
export function tableWidth(node: Table): number {
  if (node.data?.width !== undefined) return node.data.width;
  const widths: number[] = [];
  for (const row of node.children) row.children.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, toString(cell).length)));
  return widths.reduce((sum, width) => sum + width, 0) + 3 * Math.max(0, widths.length - 1);
}

export const tableHandler: Handler = (state: State, node: Table) => {
  const header = node.data?.header !== false;
  const rows = node.children.map((row, index) => {
    const head = header && index === 0;
    const cells = row.children.map((cell) => {
      const element = h(head ? "th" : "td", head ? { scope: "col" } : {}, state.all(cell) as ElementContent[]);
      state.patch(cell, element);
      return element;
    });
    const element = h("tr", cells);
    state.patch(row, element);
    return element;
  });
  const children: Element[] = [];
  const caption = node.data?.caption;
  if (caption) children.push(h("caption", state.all({ type: "paragraph", children: caption }) as ElementContent[]));
  if (header && rows.length) children.push(h("thead", rows.slice(0, 1)));
  if (rows.length > (header ? 1 : 0)) children.push(h("tbody", rows.slice(header ? 1 : 0)));
  const width = tableWidth(node);
  const table = h("table", { className: ["text-table", ...(width > veryWide ? ["table-very-wide"] : width > wide ? ["table-wide"] : [])] }, children);
  state.patch(node, table);
  return state.applyData(node, table);
};
