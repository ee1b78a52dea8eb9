// Soft hyphens in the print tree (rehypeHyphenate): a long word may break,
// but never a capitalised one (a name) nor the last word of a block, so no
// paragraph ends on a scrap and no name is cut (issue 20's page make-up).
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { rehypeHyphenate } from "../src/render/print-html.js";

const text = (children: Element["children"]): Root => {
  const division = h("section", { id: "text-a" }, children);
  division.data = { division: { id: "text-a", part: "body", title: "A", inContents: true } } as never;
  return { type: "root", children: [division] };
};
const words = (tree: Root) => toString(tree).split(/\s+/);

describe("print hyphenation", () => {
  it("breaks long words, but not a capitalised word nor a paragraph's last word", () => {
    const tree = text([h("p", "The revolutionary Kornilov addressed the Petrograd revolutionaries.")]);
    rehypeHyphenate()(tree);
    const [, revolutionary, kornilov, , , petrograd, last] = words(tree);
    expect(revolutionary).toContain("\u00AD");
    expect(revolutionary!.replaceAll("\u00AD", "")).toBe("revolutionary");
    expect([kornilov, petrograd, last]).toEqual(["Kornilov", "Petrograd", "revolutionaries."]);
  });

  it("keeps the last word whole in the paragraph and in the footnote that stands inside it, each a block of its own", () => {
    const tree = text([h("p", ["An introduction of considerable importance", h("span", { className: ["footnote"] }, "A note on the revolutionaries"), " and a conclusion afterwards."])]);
    rehypeHyphenate()(tree);
    const all = toString(tree);
    expect(all).toContain("revolutionaries and"); // the note's last word, whole
    expect(all.endsWith("afterwards.")).toBe(true);
    expect(all).toMatch(/con\u00ADsid/);
  });
});
