// The word ledger (issue 21, "nothing real is ever deleted"): for the five
// seed texts, the three corpus texts and a fixture of our own, every raw word
// is in the edition or taken by a reported rule. The fixture
// (test/fixtures/ledger/proclamations.txt, written for this test) holds a
// grid table with a caption and a two-line cell, a pipe table, columns
// aligned with spaces, a nested bulleted list, a numbered list with lettered
// items, two proclamations signed alike, and an excerpt with its attribution;
// the expected shapes below were read from that file by eye.
import type { Element, Root } from "hast";
import { selectAll, select } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { beforeAll, describe, expect, it } from "vitest";
import { VFile } from "vfile";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildEdition, type Edition } from "../src/pipeline.js";
import { cli, epubFiles } from "./helpers.js";
import { formatLedger, wordLedger } from "../src/report/word-ledger.js";

const unaccounted = (edition: Edition) => wordLedger(edition).map(({ id, unaccounted }) => ({ id, unaccounted }));

describe("the word ledger on real texts", () => {
  it("accounts for every raw word of the five seed texts", async () => {
    const edition = await buildEdition("sources/edition.yaml", { keepRestored: false });
    const ledgers = wordLedger(edition);
    expect(ledgers.map((ledger) => ledger.id)).toEqual(["sherry", "marot", "cliff", "introduction", "simkin"]);
    expect(unaccounted(edition)).toEqual(ledgers.map(({ id }) => ({ id, unaccounted: [] })));
    // Sherry's site navigation: two link lines at the head and two at the foot (read in the raw text), 24 words.
    const sherry = ledgers[0]!.rules.find((tally) => tally.rule === "boilerplate-link-line")!;
    expect(sherry).toMatchObject({ words: 24, lines: ["1", "3", "162", "164"] });
  });

  it("accounts for every raw word of the corpus texts", async () => {
    const edition = await buildEdition("test/fixtures/corpus/edition.yaml", { keepRestored: false });
    expect(unaccounted(edition)).toEqual([
      { id: "schneider", unaccounted: [] },
      { id: "dawsey", unaccounted: [] },
      { id: "morris", unaccounted: [] },
    ]);
  });

  it("names the words no rule took: a stage that drops a paragraph silently is caught", () => {
    const file = new VFile({ path: "t.txt", value: "Title\n\nKept words here.\n\nLost words there.\n" });
    const book: Root = { type: "root", children: [{ type: "element", tagName: "section", properties: { id: "text-t" }, children: [{ type: "text", value: "Title Kept words here." }] }] };
    const [ledger] = wordLedger({ manifest: { texts: [{ id: "t" } as never] }, texts: [file], book });
    // `words` stands twice in the raw text and once in the book.
    expect(ledger!.unaccounted).toEqual([["lost", 1], ["there", 1], ["words", 1]]);
    expect(formatLedger([ledger!])).toContain("3 unaccounted for");
    file.data.removals = [{ rule: "some-rule", line: 5, endLine: 5, text: "Lost words there." }];
    const [after] = wordLedger({ manifest: { texts: [{ id: "t" } as never] }, texts: [file], book });
    expect(after!.unaccounted).toEqual([]);
    expect(formatLedger([after!])).toContain("  some-rule: 3 words removed; lines 5");
  });
});

describe("the ledger fixture: tables, lists, signatures and an attribution survive", () => {
  let edition: Edition;
  let text: Element;
  beforeAll(async () => {
    edition = await buildEdition("test/fixtures/ledger/edition.yaml");
    text = select("#text-proclamations", edition.book)!;
  });

  it("accounts for every raw word; the list numbers are its numbering", () => {
    const [ledger] = wordLedger(edition);
    expect(ledger!.unaccounted).toEqual([]);
    expect(ledger!.rules.find((tally) => tally.rule === "structure-list")).toMatchObject({ words: 5, lines: ["42", "43", "44", "45", "46"] });
  });

  it("reads the grid table with its caption, header and a cell over two lines", () => {
    const tables = selectAll("table", text);
    expect(tables).toHaveLength(3);
    const grid = tables[0]!;
    expect(toString(select("caption", grid)!)).toBe("Table 1. Day wages by trade (roubles)");
    expect(selectAll("thead th", grid).map((cell) => [toString(cell), cell.properties.scope])).toEqual([
      ["Trade", "col"],
      ["1905", "col"],
      ["1913", "col"],
    ]);
    expect(selectAll("tbody tr", grid).map((row) => selectAll("td", row).map((cell) => toString(cell)))).toEqual([
      ["Carpenters", "1.20", "1.45"],
      ["Metal workers", "1.35", "1.80"],
      ["Printers", "1.10", "1.30"],
    ]);
    expect(selectAll("tbody tr", tables[1]!).map((row) => toString(select("td", row)!))).toEqual(["Bolsheviks", "Mensheviks", "Others"]);
    expect(selectAll("thead th", tables[2]!).map((cell) => toString(cell))).toEqual(["Month", "Bread", "Meat", "Sugar"]);
    // No widths reach the EPUB: the reader fits the table to its screen.
    expect(tables.flatMap((table) => selectAll("[width], [style], [align]", table))).toEqual([]);
    expect(edition.texts[0]!.data.tablesFound?.map((table) => table.drawn)).toEqual(["grid", "pipe", "columns"]);
  });

  it("reads the nested bulleted list and the numbered one with lettered items", () => {
    const lists = selectAll(":scope > ul, :scope > ol", text);
    expect(lists.map((list) => list.tagName)).toEqual(["ul", "ol"]);
    expect(selectAll(":scope > li", lists[0]!).map((item) => toString(item).split("\n")[0])).toEqual(["Bread for the cities", "Land for the peasants", "Peace for the soldiers"]);
    expect(selectAll("ul ul > li", text).map((item) => toString(item))).toEqual(["a ration card for every family", "a price fixed by the soviet"]);
    expect(selectAll("ol ol > li", text).map((item) => toString(item))).toEqual(["the provisional government", "the congress of soviets"]);
    expect(select("ol ol", text)!.properties.type).toBe("a");
    expect(toString(text)).not.toMatch(/^[-–] /mu);
  });

  it("keeps the signatures as the closing lines of their proclamations, line by line", () => {
    const signatures = selectAll("p.signature", text);
    expect(signatures.map((node) => toString(node))).toEqual(["Military Revolutionary Committee\nPetrograd, 25 October 1917", "Military Revolutionary Committee\nPetrograd, 26 October 1917"]);
    expect(signatures.every((node) => select("br", node))).toBe(true);
  });

  it("keeps the attribution with its excerpt, and pairs `_x_` and `*x*` as emphasis, reporting the lone mark", () => {
    const quote = select("blockquote", text)!;
    expect(toString(select("p.attribution", quote)!)).toBe("From The Year of the Revolution");
    expect(selectAll("h2, h3", text).map((heading) => toString(heading))).not.toContain("From The Year of the Revolution");
    const last = selectAll(":scope > p", text).at(-1)!;
    expect(selectAll("em", last).map((node) => toString(node))).toEqual(["Izvestia", "Pravda"]);
    expect(edition.texts[0]!.messages.filter((message) => message.ruleId === "typography-lone-underscore").map((message) => `${message.line}:${message.column}`)).toEqual(["69:68"]);
  });
});

describe("the ledger fixture's EPUB", () => {
  it("is valid (the build checks it) and keeps the tables' captions, header scopes and list types, with no widths", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "ledger-epub-"));
    const { code } = await cli(["build", "--no-pdf", "-m", "test/fixtures/ledger/edition.yaml", "--out", out]);
    expect(code).toBe(0);
    const { xhtml } = await epubFiles(await readFile(path.join(out, "ledger-fixture.epub")));
    const text = xhtml.get("text-proclamations.xhtml")!;
    expect(text).toContain("<caption>Table 1. Day wages by trade (roubles)</caption><thead><tr><th scope=\"col\">Trade</th>");
    expect(text.match(/<th scope="col">/g)).toHaveLength(10);
    expect(text).toContain('<ol type="a">');
    expect(text).not.toMatch(/<(?:table|td|th|col)\b[^>]*\b(?:width|style)=/u);
  });

  it("shows the tables in `check --diff`, the caption above its table", async () => {
    const { code, stdout } = await cli(["check", "-m", "test/fixtures/ledger/edition.yaml", "--diff", "proclamations"]);
    expect(code).toBe(0);
    expect(stdout).toContain(" Table 1. Day wages by trade (roubles)\n");
    expect(stdout).toContain("+| Metal workers | 1.35 | 1.80 |\n");
  });
});
