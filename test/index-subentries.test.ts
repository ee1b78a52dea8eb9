// The index's sub-entries by topic: what the passages around a person's
// mentions are about (works, named events, offices, other persons, years),
// and the editor's sub-entries of the name authority file, on small hast
// fixtures written here and on a fixture edition whose sub-entry matches
// nothing (an error at its line and column).
import path from "node:path";
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { mentionPassages } from "../src/book/back-matter/index-passages.js";
import { chooseSubentries, compilePatterns, subentrySortKey, topicCues } from "../src/book/back-matter/index-topics.js";
import { nameIndex } from "../src/book/back-matter/name-index.js";
import type { MentionRecord } from "../src/enrich/names/enrich-names.js";
import type { TextEntry } from "../src/manifest/manifest-schema.js";
import { namesSchema } from "../src/manifest/names-schema.js";
import { interfaceWords } from "../src/book/words.js";
import { cli } from "./helpers.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { sourcesFixture } from "./helpers.js";

const topics = { works: ["My Life", "The New Course"], namedEvents: ["revolution", "congress"], titles: ["Commissar"] };

/** A small text: paragraphs of text and marked mentions, as the names enricher leaves them. */
function text(id: string, blocks: (string | [string, string])[][], tag = "p") {
  let n = 0;
  const mentions: MentionRecord[] = [];
  const children: Element[] = blocks.map((parts) =>
    h(
      tag,
      parts.map((part): ElementContent => {
        if (typeof part === "string") return part.startsWith("<cite>") ? h("cite", { className: ["work-title"] }, part.slice(6)) : { type: "text", value: part };
        const [surface, heading] = part;
        const mention = { id: `${id}-name-${++n}`, heading, surface, known: true };
        mentions.push(mention);
        return h("span", { id: mention.id, className: ["name-mention"], dataPerson: heading }, surface);
      }),
    ),
  );
  const tree: Root = { type: "root", children };
  const entry = { id, title: id, author: "A", file: `${id}.txt`, kind: "article" } as unknown as TextEntry;
  return { tree, entry, mentions };
}

const T: [string, string] = ["Trotsky", "Trotsky, Leon"];
const L: [string, string] = ["Lenin", "Lenin, Vladimir Ilyich"];
const Z: [string, string] = ["Zinoviev", "Zinoviev, Grigory"];

/** Twenty paragraphs on Trotsky; each topic below stands in some of them, the rest name him alone. */
const paragraphs: (string | [string, string])[][] = [
  [T, " met ", L, " in London."],
  [T, " argued with ", L, " about the party."],
  ["In Zurich ", L, " wrote to ", T, " again."],
  [T, " wrote ", "<cite>My Life", " in exile."],
  ["In ", "<cite>My Life: An Attempt at an Autobiography", " ", T, " tells of his youth."],
  [T, " led the October Revolution in Petrograd."],
  ["During the October Revolution ", T, " spoke daily."],
  [T, ", the Commissar of War, built an army."],
  ["As Commissar for War ", T, " travelled in a train."],
  [T, " answered ", Z, " once."],
  ...Array.from({ length: 10 }, (_, i) => [T, ` spoke at meeting ${i + 1}.`]),
];

describe("sub-entries derived from the passages", () => {
  const first = text("a", paragraphs);
  const passages = mentionPassages([first.tree]);
  const index = nameIndex({ texts: [first], passages, topics, language: "en", labels: new Map([["a", "A"]]), words: interfaceWords("en") });
  const trotsky = selectAll("li.index-entry", h("div", index)).find((li) => toString(li.children[0]!) === "Trotsky, Leon")!;
  const subs = selectAll(".index-subentries > li", trotsky).map((li) => [toString(li.children[0]!), selectAll("a.index-locator", li).length]);

  it("names events, works (by short title), offices and persons, each from two passages at least", () => {
    expect(subs).toEqual([
      ["as Commissar of War", 2],
      ["and Lenin", 3],
      ["My Life", 2],
      ["and the October Revolution", 2],
    ]);
  });

  it("leaves what has no topic, or a topic of one passage (Zinoviev), as a bare run after the heading", () => {
    const bare = selectAll(":scope > .index-locators a.index-locator", trotsky);
    expect(bare).toHaveLength(11);
    expect(bare.map((a) => a.properties.href)).toContain("#a-name-13");
  });

  it("sets a work's title in italics and sorts sub-entries without `and`, `as`, `the`", () => {
    expect(selectAll(".index-subentries cite.work-title", trotsky).map((node) => toString(node))).toEqual(["My Life"]);
    expect(["and the October Revolution", "as Commissar of War", "My Life"].map(subentrySortKey)).toEqual(["October Revolution", "Commissar of War", "My Life"]);
  });

  it("gives no sub-entry to an entry of fifteen passages or fewer", () => {
    const lenin = selectAll("li.index-entry", h("div", index)).find((li) => toString(li.children[0]!).startsWith("Lenin"))!;
    expect(selectAll(".index-subentries", lenin)).toHaveLength(0);
  });

  it("gives no locator for a name in a cited work's title, but one for the note's author", () => {
    const mention = (id: string, heading: string, surface: string) => h("span", { id, className: ["name-mention"], dataPerson: heading }, surface);
    const tree: Root = {
      type: "root",
      children: [
        h("p", ["36. ", mention("w-1", "Trotsky, Leon", "Trotsky"), ", ", h("a", { className: ["work-ref"], href: "#work-stalin" }, [mention("w-2", "Stalin, Joseph", "Stalin")]), ", pages 242–3."]),
        h("p", ["9. See ", h("a", { className: ["work-ref"], href: "#work-china" }, [mention("w-3", "Trotsky, Leon", "Leon Trotsky"), " on China"]), ", with ", mention("w-4", "Stalin, Joseph", "Stalin"), "."]),
      ],
    };
    const mentions: MentionRecord[] = [
      { id: "w-1", heading: "Trotsky, Leon", surface: "Trotsky", known: true },
      { id: "w-2", heading: "Stalin, Joseph", surface: "Stalin", known: true },
      { id: "w-3", heading: "Trotsky, Leon", surface: "Leon Trotsky", known: true },
      { id: "w-4", heading: "Stalin, Joseph", surface: "Stalin", known: true },
    ];
    const entry = { id: "w", title: "w", author: "A", file: "w.txt", kind: "article" } as unknown as TextEntry;
    const list = nameIndex({ texts: [{ entry, mentions }], passages: mentionPassages([tree]), topics, language: "en", labels: new Map([["w", "W"]]), words: interfaceWords("en") });
    expect(selectAll("a.index-locator", h("div", list)).map((a) => a.properties.href)).toEqual(["#w-4", "#w-1"]);
  });

  it("locates a person once per passage", () => {
    const twice = text("b", [[T, " and ", T, " again."], [T, "."]]);
    const list = nameIndex({ texts: [twice], passages: mentionPassages([twice.tree]), topics, language: "en", labels: new Map([["b", "B"]]), words: interfaceWords("en") });
    expect(selectAll("a.index-locator", h("div", list)).map((a) => a.properties.href)).toEqual(["#b-name-1", "#b-name-3"]);
  });
});

describe("a passage's cues", () => {
  it("takes no topic from a heading's words, only a work it cites", () => {
    const headings = text("c", [["The October Revolution and ", T, " with ", L], ["(1) ", T, ", ", "<cite>My Life", " (1930)"]], "h3");
    const passages = mentionPassages([headings.tree]);
    const cues = headings.mentions.filter((m) => m.heading === "Trotsky, Leon").map((m) => topicCues(m.heading, passages.get(m.id)!, [], topics));
    expect(cues).toEqual([[], [expect.objectContaining({ kind: "work", label: "My Life" })]]);
  });

  it("reads a note inside a paragraph as a passage of its own", () => {
    const tree: Root = {
      type: "root",
      children: [h("p", [h("span", { id: "n-1", className: ["name-mention"], dataPerson: "Trotsky, Leon" }, "Trotsky"), " spoke.", h("span", { className: ["footnote"] }, [h("span", { id: "n-2", className: ["name-mention"], dataPerson: "Lenin, Vladimir Ilyich" }, "Lenin"), ", Works."])])],
    };
    const passages = mentionPassages([tree]);
    expect(passages.get("n-1")!.block.text).toBe("Trotsky spoke.");
    expect(passages.get("n-2")!.block.text).toBe("Lenin, Works.");
  });

  it("gathers the years of one decade, never two decades", () => {
    const years = text("y", [[T, " spoke in 1923."], [T, " wrote in 1927."], [T, " left in 1932."]]);
    const passages = mentionPassages([years.tree]);
    const cues = years.mentions.map((m) => topicCues(m.heading, passages.get(m.id)!, [], topics));
    expect(chooseSubentries(cues).map((choice) => [choice.topic.label, choice.members])).toEqual([["in the 1920s", [0, 1]]]);
  });

  it("reads the block quotation a paragraph ending in a colon introduces, never one after a paragraph that ends otherwise", () => {
    const mention = (id: string) => h("span", { id, className: ["name-mention"], dataPerson: "Trotsky, Leon" }, "Trotsky");
    const tree: Root = {
      type: "root",
      children: [
        h("p", [mention("q-1"), " explained how:"]),
        { type: "text", value: "\n" },
        h("blockquote", [h("p", "The sailors of Kronstadt rose; read My Life.")]),
        h("p", [mention("q-2"), " spoke."]),
        h("blockquote", [h("p", "The sailors of Kronstadt rose.")]),
      ],
    };
    const passages = mentionPassages([tree]);
    const editor = [{ label: "and Kronstadt", match: ["Kronstadt"] }];
    const labels = (id: string) => topicCues("Trotsky, Leon", passages.get(id)!, editor, topics).map((cue) => [cue.label, cue.tier]);
    // Words in the quotation are the paragraph's, not the mention's sentence's.
    expect(labels("q-1")).toEqual([["and Kronstadt", 0.5], ["My Life", 1]]);
    expect(labels("q-2")).toEqual([]);
  });

  it("takes no period from a note's imprint, only from a year the text states", () => {
    const notes = text("i", [["1. ", T, ", On China (New York: Pathfinder Press, 1976)."], ["2. ", T, ", Writings (London: Pluto, 1972), 38."], [T, " wrote it in 1936."], [T, " left in 1937."]]);
    const passages = mentionPassages([notes.tree]);
    const cues = notes.mentions.map((m) => topicCues(m.heading, passages.get(m.id)!, [], topics).map((cue) => cue.label));
    expect(cues).toEqual([[], [], ["in the 1930s"], ["in the 1930s"]]);
  });

  it("gives an office to the person named nearest to it, and a year the sentence states", () => {
    const office = text("d", [[L, " named ", T, " Commissar of War in 1918."]]);
    const passages = mentionPassages([office.tree]);
    const [lenin, trotsky] = office.mentions.map((m) => topicCues(m.heading, passages.get(m.id)!, [], topics, compilePatterns(topics)));
    // A year is a cue to its decade: `in 1918, 45` would read as numbers beside the page numbers.
    expect(trotsky!.map((cue) => cue.label)).toEqual(["as Commissar of War", "and Lenin", "in the 1910s"]);
    expect(lenin!.map((cue) => cue.label)).toEqual(["and Trotsky", "in the 1910s"]);
  });

  it("takes the strongest kind first: a passage goes under one sub-entry", () => {
    const work = { key: "work:X", kind: "work" as const, label: "X", tier: 1 };
    const person = { key: "person:Y", kind: "person" as const, label: "and Y", tier: 4 };
    expect(chooseSubentries([[work, person], [work, person], [person], [person]])).toEqual([
      { topic: { key: "work:X", kind: "work", label: "X" }, members: [0, 1] },
      { topic: { key: "person:Y", kind: "person", label: "and Y" }, members: [2, 3] },
    ]);
    // One passage is no sub-entry.
    expect(chooseSubentries([[work], [person]])).toEqual([]);
  });
});

describe("the editor's sub-entries (names.yaml `subentries`)", () => {
  it("takes the passages where one of its words stands, before any derived topic, even one passage", () => {
    const exile = text("e", [...paragraphs, [T, " settled in Coyoacán."]]);
    const names = namesSchema.parse({ persons: [{ heading: "Trotsky, Leon", subentries: [{ label: "exile in Mexico", match: ["Mexico", "Coyoacán"] }, { label: "and Lenin’s London", match: ["London"] }] }] });
    const index = nameIndex({ texts: [exile], passages: mentionPassages([exile.tree]), topics, names, language: "en", labels: new Map([["e", "E"]]), words: interfaceWords("en") });
    const trotsky = selectAll("li.index-entry", h("div", index)).find((li) => toString(li.children[0]!).startsWith("Trotsky"))!;
    const subs = Object.fromEntries(selectAll(".index-subentries > li", trotsky).map((li) => [toString(li.children[0]!), selectAll("a.index-locator", li).map((a) => a.properties.href)]));
    expect(subs["exile in Mexico"]).toEqual(["#e-name-25"]);
    // The editor's `London` took the first passage, so `and Lenin` keeps two.
    expect(subs["and Lenin’s London"]).toEqual(["#e-name-1"]);
    expect(subs["and Lenin"]).toHaveLength(2);
  });

  it("gives a passage to the sub-entry whose words stand in the mention's own sentence before one whose words stand elsewhere in the paragraph", () => {
    const fixture = text("k", [[T, " crushed Kronstadt. Later he went to Mexico."], [T, " lived in Mexico."], [T, " died in Mexico."]]);
    const names = namesSchema.parse({ persons: [{ heading: "Trotsky, Leon", subentries: [{ label: "and Kronstadt", match: ["Kronstadt"] }, { label: "exile", match: ["Mexico"] }] }] });
    const passages = mentionPassages([fixture.tree]);
    const editor = names.persons[0]!.subentries!;
    const cues = fixture.mentions.map((m) => topicCues(m.heading, passages.get(m.id)!, editor, topics));
    // Mexico has more passages, but the first names Kronstadt in Trotsky's sentence and Mexico only after it.
    expect(chooseSubentries(cues).map((choice) => [choice.topic.label, choice.members])).toEqual([
      ["exile", [1, 2]],
      ["and Kronstadt", [0]],
    ]);
  });

  it("makes one sub-entry of an editor's label and a derived topic of the same name, in italics when it is a known work's title", () => {
    const memoir = text("m", [...paragraphs, [T, " finished his autobiography."]]);
    const names = namesSchema.parse({ persons: [{ heading: "Trotsky, Leon", subentries: [{ label: "My Life", match: ["autobiography"] }, { label: "and the October Revolution", match: ["Petrograd"] }] }] });
    const index = nameIndex({ texts: [memoir], passages: mentionPassages([memoir.tree]), topics, names, language: "en", labels: new Map([["m", "M"]]), words: interfaceWords("en") });
    const trotsky = selectAll("li.index-entry", h("div", index)).find((li) => toString(li.children[0]!).startsWith("Trotsky"))!;
    const subs = selectAll(".index-subentries > li", trotsky).map((li) => [toString(li.children[0]!), selectAll("a.index-locator", li).length]);
    // The two passages citing My Life and the one on the autobiography; both October Revolution passages (one names Petrograd).
    expect(subs.filter(([label]) => label === "My Life")).toEqual([["My Life", 3]]);
    expect(subs.filter(([label]) => label === "and the October Revolution")).toEqual([["and the October Revolution", 2]]);
    expect(selectAll(".index-subentries cite.work-title", trotsky).map((node) => toString(node))).toEqual(["My Life"]);
  });

  it("fails the check at the line and column of a sub-entry whose words match nothing", async () => {
    const text = "Leon Trotsky went to Mexico. Trotsky wrote there.\n";
    const names = "persons:\n  - heading: Trotsky, Leon\n    subentries:\n      - { label: exile in Mexico, match: [Mexico] }\n      - label: in Norway\n        match: [Norway, Hønefoss]\n";
    const sources = await sourcesFixture(`${validManifest}names: names.yaml\n`, { ...fixtureTexts, "texts/first.txt": text, "names.yaml": names });
    const result = await cli(["check", "--json", "--manifest", path.join(sources, "edition.yaml")]);
    expect(result.code).toBe(1);
    const errors = JSON.parse(result.stdout).filter((message: { severity: string }) => message.severity === "error");
    expect(errors).toEqual([
      expect.objectContaining({ line: 6, column: 16, ruleId: "names-subentry-unmatched", reason: "sub-entry `in Norway` of `Trotsky, Leon`: none of `Norway`, `Hønefoss` stands in a passage naming the person" }),
    ]);
    expect(errors[0].file).toMatch(/names\.yaml$/);
  });
});

describe("sub-subentries under a long sub-entry", () => {
  const S: [string, string] = ["Stalin", "Stalin, Joseph"];
  /** Eighteen passages naming Stalin with Trotsky, three on Brest-Litovsk (Trotsky's editor's word), two naming Zinoviev too; and one passage on Kronstadt. */
  const both: (string | [string, string])[][] = [
    ...Array.from({ length: 3 }, (_, i) => [S, " and ", T, ` quarrelled over Brest-Litovsk, ${i + 1}.`]),
    ...Array.from({ length: 2 }, (_, i) => [S, ", ", T, " and ", Z, ` met, ${i + 1}.`]),
    [S, " and ", T, " argued about Kronstadt."],
    ...Array.from({ length: 12 }, (_, i) => [S, " answered ", T, ` at meeting ${i + 1}.`]),
  ];
  const names = namesSchema.parse({
    persons: [{ heading: "Trotsky, Leon", subentries: [{ label: "and Brest-Litovsk", match: ["Brest-Litovsk"] }, { label: "and Kronstadt", match: ["Kronstadt"] }] }],
  });
  const stalinEntry = (blocks: (string | [string, string])[][]) => {
    const fixture = text("s", blocks);
    const index = nameIndex({ texts: [fixture], passages: mentionPassages([fixture.tree]), topics, names, language: "en", labels: new Map([["s", "S"]]), words: interfaceWords("en") });
    return selectAll("li.index-entry", h("div", index)).find((li) => toString(li.children[0]!).startsWith("Stalin"))!;
  };
  const shape = (li: Element): unknown[] =>
    selectAll(":scope > .index-subentries > li", li).map((sub) => {
      const own = selectAll(":scope > .index-locators a.index-locator", sub).length;
      const deeper = shape(sub);
      return deeper.length ? [toString(sub.children[0]!), own, deeper] : [toString(sub.children[0]!), own];
    });

  it("breaks `and Trotsky` by what the passages naming both are about: the other person's editor sub-entries, a third person", () => {
    // Kronstadt stands in one passage only: at this level an editor's word too needs two.
    expect(shape(stalinEntry(both))).toEqual([["and Trotsky", 13, [["and Brest-Litovsk", 3], ["and Zinoviev", 2]]]]);
  });

  it("leaves a sub-entry of fifteen passages or fewer whole", () => {
    const shorter = both.slice(0, 15);
    expect(shape(stalinEntry([...shorter, [S, " alone."]]))).toEqual([["and Trotsky", 15]]);
  });
});
