// The contents list, made from the divisions it lists, with the chapters of
// a text that has them listed under its title. Page numbers are the print
// renderer's business: it adds them after layout.
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { chapterOutline, headingTitle, type OutlineNode } from "./chapters.js";
import { divisionOf, type Division } from "./division.js";
import { interfaceWords, type InterfaceWords } from "./words.js";

export function contentsDivision(listed: Division[], words: Pick<InterfaceWords, "contents"> = interfaceWords("en")): Element {
  const node = h("nav", { id: "contents", className: ["division", "front-matter", "contents"], "epub:type": "toc", role: "doc-toc" }, [
    h("h2", { className: ["contents-heading"] }, words.contents),
    h(
      "ol",
      { className: ["contents-list"] },
      listed.map((entry) =>
        h("li", { className: ["contents-entry", `contents-${entry.part}`] }, [
          h("a", { href: `#${entry.id}` }, [
            ...(entry.author ? [h("span", { className: ["contents-author"] }, entry.author), " "] : []),
            h("span", { className: ["contents-title"] }, entry.title),
          ]),
        ]),
      ),
    ),
  ]);
  node.data = { division: { id: "contents", part: "front", title: words.contents, inContents: false } };
  return node;
}

/** Under each contents entry of a text with chapters, a list of its chapters (each a contents entry of its own, so print gives it a page number). */
export function listChapters(book: Root): void {
  const contents = book.children.find((node): node is Element => node.type === "element" && divisionOf(node)?.id === "contents");
  const list = contents?.children.find((child): child is Element => child.type === "element" && child.tagName === "ol");
  if (!list) return;
  for (const division of book.children) {
    if (division.type !== "element" || divisionOf(division)?.part !== "body") continue;
    const chapters = chapterOutline(division);
    const entry = list.children.find(
      (child): child is Element => child.type === "element" && child.children.some((link) => link.type === "element" && link.tagName === "a" && link.properties.href === `#${divisionOf(division)!.id}`),
    );
    // Listed once: the book stage may run again over a book that has its chapters listed.
    if (!chapters.length || !entry || entry.children.some((child) => child.type === "element" && child.tagName === "ol")) continue;
    entry.children.push(chapterList(chapters));
  }
}

/** Chapters (and the parts that hold them) as nested contents entries. */
function chapterList(nodes: OutlineNode[]): Element {
  return h(
    "ol",
    { className: ["contents-chapters"] },
    nodes.map(({ heading, children }) =>
      h("li", { className: ["contents-entry", "contents-chapter"] }, [
        h("a", { href: `#${String(heading.properties.id)}` }, [h("span", { className: ["contents-title"] }, headingTitle(heading))]),
        ...(children.length ? [chapterList(children)] : []),
      ]),
    ),
  );
}

/** Plugin (book stage, after the section ids): the chapters of each text in the contents. */
export function rehypeContentsChapters() {
  return (book: Root) => listChapters(book);
}
