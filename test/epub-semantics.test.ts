import type { Element } from "hast";
import { h } from "hastscript";
import { describe, expect, it } from "vitest";
import { BookIds, identifySections } from "../src/book/ids.js";
import { closeHeadingGaps, pairTypesAndRoles } from "../src/book/semantics.js";
import { toXhtml } from "../src/render/to-xhtml.js";

describe("EPUB semantics on a division", () => {
  it("turns remark-rehype's footnote attributes into epub:type and DPUB-ARIA roles", () => {
    const tree = h("section", { id: "text-a", "epub:type": "chapter" }, [
      h("p", ["Text", h("sup", h("a", { href: "#fn-1", id: "fnref-1", dataFootnoteRef: true }, "1"))]),
      h("section", { dataFootnotes: true, className: ["footnotes"] }, [
        h("ol", h("li", { id: "fn-1" }, h("p", ["A note. ", h("a", { href: "#fnref-1", dataFootnoteBackref: "" }, "↩")]))),
      ]),
    ]);
    pairTypesAndRoles(tree);
    const xhtml = toXhtml(tree);
    expect(xhtml).toContain('<section id="text-a" epub:type="chapter" role="doc-chapter">');
    expect(xhtml).toMatch(/<a href="#fn-1" id="fnref-1"[^>]* epub:type="noteref" role="doc-noteref">/);
    expect(xhtml).toMatch(/<section [^>]*epub:type="endnotes" role="doc-endnotes">/);
    expect(xhtml).toMatch(/<a href="#fnref-1"[^>]* epub:type="backlink" role="doc-backlink">/);
    // A list item may not carry these roles.
    expect(xhtml).toContain('<li id="fn-1">');
  });

  it("adds the epub:type a DPUB-ARIA role stands for, and leaves roles without one alone", () => {
    const tree = h("section", { role: "doc-bibliography" }, [h("blockquote", { role: "doc-epigraph" }, h("p", "Words.")), h("div", { role: "note" }, "x")]);
    pairTypesAndRoles(tree);
    expect(toXhtml(tree)).toBe('<section role="doc-bibliography" epub:type="bibliography"><blockquote role="doc-epigraph" epub:type="epigraph"><p>Words.</p></blockquote><div role="note">x</div></section>');
  });

  it("lowers a heading that skips a level", () => {
    const tree = h("section", [h("h1", "A"), h("h3", "B"), h("h4", "C"), h("h2", "D"), h("h4", "E")]);
    closeHeadingGaps(tree);
    expect((tree.children as Element[]).map((node) => node.tagName)).toEqual(["h1", "h2", "h3", "h2", "h3"]);
  });

  it("gives each section heading an id unique in the book, and leaves notes' headings out", () => {
    const taken = new BookIds();
    taken.reserve("text-a-revolution");
    const tree = h("section", { id: "text-a" }, [
      h("h1", "Title"),
      h("h2", "Revolution"),
      h("h2", "Trotsky’s Theory"),
      h("h2", { id: "kept" }, "Kept"),
      h("section", { "epub:type": "endnotes" }, [h("h2", "Notes")]),
    ]);
    const headings = identifySections(tree, taken);
    expect(headings.map((heading) => heading.properties.id)).toEqual(["text-a-revolution-2", "text-a-trotsky-s-theory", "kept"]);
  });
});
