// The contents list, made from the divisions it lists. Page numbers are the
// print renderer's business: it adds them after layout.
import type { Element } from "hast";
import { h } from "hastscript";
import type { Division } from "./division.js";
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
