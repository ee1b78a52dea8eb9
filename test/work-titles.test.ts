// Titles of works set in italics at the book stage (src/book/work-titles.ts),
// on small hast fixtures: which titles the edition knows, where they are set,
// and the candidates reported.
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import type { CslItem } from "../src/citations/works.js";
import { knownWorkTitles, markWorkTitles } from "../src/book/work-titles.js";

function division(id: string, part: "body" | "back", children: Element["children"]): Element {
  const node = h("section", { id }, children);
  node.data = { division: { id, part, title: id, inContents: true } } as never;
  return node;
}

describe("the works an edition knows", () => {
  it("takes a book's title and an article's periodical from the works cited, never an article's title or a one-word title, and the lexicon's list whole", () => {
    const works = [
      { id: "a", type: "book", title: "The Revolution Betrayed" },
      { id: "b", type: "chapter", title: "Trotsky and the triumvirate", "container-title": "The Sword of the Revolution" },
      { id: "c", type: "book", title: "Stalin" },
      { id: "d", type: "article-journal", title: "A review", "container-title": "International Socialism" },
    ] as CslItem[];
    expect(knownWorkTitles(works, ["Pravda"])).toEqual(["The Sword of the Revolution", "The Revolution Betrayed", "International Socialism", "Pravda"]);
  });

  it("knows a book by its subtitle of three words or more too, never by a short one", () => {
    const works = [
      { id: "a", type: "book", title: "Trotsky, 1923–1927: Fighting the Rising Stalinist Bureaucracy" },
      { id: "b", type: "book", title: "My Life: An Autobiography" },
    ] as CslItem[];
    const titles = knownWorkTitles(works);
    expect(titles).toContain("Fighting the Rising Stalinist Bureaucracy");
    expect(titles).not.toContain("An Autobiography");
  });
});

describe("titles set in italics", () => {
  const book = (): Root => ({
    type: "root",
    children: [
      division("text-a", "body", [
        h("h2", "On The Revolution Betrayed"),
        h("p", [
          "He wrote My Life in exile; my life, he said, was his own. ",
          h("span", { className: ["name-mention"] }, "Pravda Smith"),
          " read Pravda and The Workers' Opposition.",
        ]),
        h("p", ["Already set: ", h("cite", "The Revolution Betrayed"), "; a link: ", h("a", { href: "#x" }, "Pravda"), "."]),
        h("p", ["1. L. Trotsky, ", h("a", { className: ["work-ref"], href: "#work" }, "The Revolution Betrayed"), " (1937)."]),
      ]),
      division("bibliography", "back", [h("p", "Trotsky, Leon. The Revolution Betrayed. 1937.")]),
    ],
  });

  it("wraps each known title in cite, in headings and paragraphs, as written (never a phrase in lower case, a name or a title already set)", () => {
    const tree = book();
    const { marked } = markWorkTitles(tree, { titles: ["The Revolution Betrayed", "The Workers’ Opposition", "My Life", "Pravda"] });
    const cited = selectAll("cite.work-title", tree).map((node) => toString(node));
    // A note's link to the work it cites is a title too; any other link is left alone.
    expect(cited).toEqual(["The Revolution Betrayed", "My Life", "Pravda", "The Workers' Opposition", "The Revolution Betrayed"]);
    expect(marked).toBe(5);
    // The works cited keeps its style's own italics; the name mention and the text around the titles are untouched.
    expect(selectAll("cite", tree.children[1] as Element)).toEqual([]);
    expect(toString(tree.children[0] as Element)).toContain("my life, he said, was his own. Pravda Smith read Pravda and");
  });

  it("reports a run of capitalised words after a cue word that is no known work, at its text's place", () => {
    const tree: Root = { type: "root", children: [division("text-a", "body", [h("p", "In his book The Lessons of October he argued, and in the newspaper Pravda he wrote.")])] };
    const file = new VFile({ path: "a.txt" });
    const { candidates } = markWorkTitles(tree, { titles: ["Pravda"], cueWords: ["book", "newspaper"], fileOf: () => file });
    expect(candidates).toEqual(["The Lessons of October"]);
    expect(file.messages.map((message) => message.ruleId)).toEqual(["titles-unknown"]);
  });
});
