// Soft hyphens in the print tree (rehypeHyphenate): a long word may break,
// but never a capitalised one (a name) nor the last word of a block, so no
// paragraph ends on a scrap and no name is cut (issue 20's page make-up).
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { hasClass } from "../src/book/schema.js";
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

  it("keeps a last word written with a hyphen on one line: a paragraph's, a quotation's, a verse line's (`fifty-/six.` was a scrap)", () => {
    const tree = text([
      h("p", "I am not a fine lady, so why shouldn’t I tell you? I’m hard on fifty-six.”"),
      h("blockquote", [h("p", ["He will look something out for him before he gets up to-morrow."])]),
      h("p.lines", ["the long-suffering heart of the well-meaning", h("br"), "and short"]),
    ]);
    rehypeHyphenate()(tree);
    const spans: Element[] = [];
    visit(tree, "element", (node) => void (hasClass(node, "keep-whole") && spans.push(node)));
    expect(spans.map((span) => toString(span))).toEqual(["fifty-six", "to-morrow", "well-meaning"]);
    // The text is unchanged but for the soft hyphens.
    expect(toString(tree).replaceAll("\u00AD", "")).toContain("I’m hard on fifty-six.”He will look");
    // A hyphenated word inside the line may still break at its hyphen.
    expect(toString(tree)).toContain("long-suf\u00ADfer\u00ADing");
  });
});
