// In print an `Ibid.` shows the work it resolves to in an editor's bracket;
// the work's title is set as the works cited sets it: a book's in italics
// (`[Trotsky, Literature and Revolution]` stood in roman in the corpus's notes),
// an article's, which the works cited sets in quotes, as it is.
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { toString } from "hast-util-to-string";
import { select } from "hast-util-select";
import { describe, expect, it } from "vitest";
import { footnotesForPrint } from "../src/render/print-notes.js";

const ibid = (id: string, title: string) => h("a.work-ref", { href: `#${id}`, title }, "Ibid.");
const book = (): Root => ({
  type: "root",
  children: [
    h("ol", [h("li", [h("p", [ibid("work-trotsky-lr", "Trotsky, Literature and Revolution"), ", 68."])]), h("li", [h("p", [ibid("work-smith-essay", "Smith, “An Essay”"), ", 3."])])]),
    h("ol.works", [
      h("li.work", { id: "work-trotsky-lr" }, ["Trotsky, Leon. ", h("i", "Literature and Revolution"), ". Chicago: Haymarket Books, 2005."]),
      h("li.work", { id: "work-smith-essay" }, ["Smith, Ann. “An Essay.” ", h("i", "A Journal"), " 3 (1999)."]),
    ]),
  ],
});

describe("a resolved Ibid. in print", () => {
  it("sets a book's title in italics inside the bracket, an article's as it is", () => {
    const tree = book();
    footnotesForPrint(tree, "endnotes");
    const [first, second] = [...(tree.children[0] as Element).children].map((item) => select(".resolved-work", item as Element)!);
    expect(toString(first!)).toBe(" [Trotsky, Literature and Revolution]");
    expect(toString(select("cite.work-title", first!)!)).toBe("Literature and Revolution");
    // The article's works-cited entry sets a journal in italics, not its title: the bracket stays roman.
    expect(toString(second!)).toBe(" [Smith, “An Essay”]");
    expect(select("cite", second!)).toBeUndefined();
  });

  it("finds the title's italics in a full citation's link when the works cited stands in another piece of the print HTML", () => {
    const notes: Root = { type: "root", children: [h("ol", [h("li", [h("p", [h("a.work-ref", { href: "#work-trotsky-lr", title: "Trotsky, Literature and Revolution" }, [h("cite.work-title", "Literature and Revolution")]), ", 12."])]), h("li", [h("p", [ibid("work-trotsky-lr", "Trotsky, Literature and Revolution"), ", 68."])])])] };
    footnotesForPrint(notes, "endnotes");
    expect(toString(select(".resolved-work cite.work-title", notes)!)).toBe("Literature and Revolution");
  });
});
