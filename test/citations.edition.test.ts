// Citations: notes read as CSL-JSON, Ibid./op. cit./short forms resolved to
// the right work and page, page references to a reviewed book linked, and
// the works cited listed once. Every expectation below is from reading the
// raw notes (Sherry lines 132–158, Cliff 215–297, Marot 142–144 and the
// parenthesised numbers of its body).
import { readFile } from "node:fs/promises";
import type { Element } from "hast";
import { toString } from "hast-util-to-string";
import { visitParents } from "unist-util-visit-parents";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseCitation } from "../src/citations/parse-citation.js";
import { VFile } from "vfile";
import { bibliography } from "../src/book/bibliography.js";
import { loadCslStyle } from "../src/manifest/csl-style.js";
import { processText } from "../src/pipeline.js";
import { editionTree } from "./edition-tree.js";
import { typesetLine } from "../src/restore/typography-rules.js";

const edition = await editionTree();
const file = (id: string) => edition.texts.find((text) => text.data.textId === id)!;
const byId = (id: string) => {
  let found: Element | undefined;
  visit(edition.book, "element", (node) => {
    if (node.properties.id === id) found = node;
  });
  return found!;
};
const parse = (raw: string) => parseCitation(typesetLine(raw));

describe("reading a note as a citation", () => {
  it("reads author, title, publisher, year and page (Sherry note 1, line 132)", () => {
    expect(parse("T. Cliff, Trotsky Volume IV 1927–40 (Bookmarks 1993), p. 384.")).toMatchObject({
      kind: "full",
      author: { family: "Cliff", given: "T." },
      title: "Trotsky Volume IV 1927–40",
      publisher: "Bookmarks",
      year: "1993",
      locator: "384",
    });
  });

  it("reads an edition and a place (Sherry 3, line 136; Cliff 38, line 289)", () => {
    expect(parse("L. Trotsky, The Revolution Betrayed (Pathfinder, 5th ed., 1990).")).toMatchObject({ publisher: "Pathfinder", edition: "5", year: "1990" });
    expect(parse("A. Soboul, The French Revolution, 1787-1799 (London 1974), volume 2, page 422.")).toMatchObject({
      kind: "full",
      title: "The French Revolution, 1787–1799",
      place: "London",
      year: "1974",
      volume: "2",
      locator: "422",
    });
  });

  it("reads an essay in a collection, leaving the editor's comment out (Marot 3, line 144)", () => {
    expect(parse(`Trotsky, "The Class, The Party, and the Leadership;" in Tony Cliff et al., Party and Class (London, n.d.), 69. [This essay was a manuscript -- ed.]`)).toMatchObject({
      kind: "full",
      author: { family: "Trotsky" },
      title: "The Class, The Party, and the Leadership",
      containerTitle: "Party and Class",
      containerAuthor: "Tony Cliff et al.",
      place: "London",
      locator: "69",
    });
  });

  it("keeps `Quoted in` and `See`, and reads Ibid., op. cit. and short forms", () => {
    expect(parse("Quoted in T. Cliff, Trotsky Volume IV, op. cit., p. 382.")).toMatchObject({ kind: "op-cit", prefix: "Quoted in", title: "Trotsky Volume IV", locator: "382" });
    expect(parse("See Stalin, Works, volume 5, page 231.")).toMatchObject({ kind: "short", prefix: "See", author: { family: "Stalin" }, title: "Works", volume: "5" });
    expect(parse("T. Cliff, Ibid., p. 384.")).toMatchObject({ kind: "ibid", author: { family: "Cliff" }, locator: "384" });
    expect(parse("Deutscher, page 93.")).toMatchObject({ kind: "short", author: { family: "Deutscher" }, locator: "93" });
    expect(parse("Deutscher, page 93.")!.title).toBeUndefined();
    expect(parse("Dvenadtsatii sezd RKP(b), pages 89, 48, 496 and 502-3.")).toMatchObject({ title: "Dvenadtsatii sezd RKP(b)", locator: "89, 48, 496 and 502–3" });
  });

  it("does not take a note that discusses or explains for a citation", () => {
    expect(parse("Narodniks – petty bourgeois trend in Russian revolutionary movement, who believed the peasantry were the main revolutionary force, not the working class.")).toBeUndefined();
    expect(parse("That Trotsky was later very embarrassed by his behaviour at the Twelfth Congress is clear.")).toBeUndefined();
  });
});

describe("resolving Ibid., op. cit. and short forms in the five texts", () => {
  const revolutionBetrayed = "work-trotsky-revolution-betrayed";
  const volumeIV = "work-cliff-trotsky-volume-iv-1927-40";

  it("resolves every Ibid. and op. cit. of Sherry's notes to the right work and page", () => {
    const resolved = file("sherry")
      .data.citations!.filter((record) => record.kind === "ibid" || record.kind === "op-cit")
      .map((record) => [record.note, record.line, record.kind, record.work, record.locator, record.prefix]);
    expect(resolved).toEqual([
      ["4", 138, "ibid", revolutionBetrayed, "51–52", undefined],
      ["5", 140, "op-cit", volumeIV, "338", undefined],
      ["7", 144, "op-cit", volumeIV, "11", undefined],
      ["8", 146, "ibid", volumeIV, "380", undefined],
      ["9", 148, "ibid", volumeIV, "102", undefined],
      ["10", 150, "ibid", volumeIV, "366", undefined],
      ["11", 152, "ibid", volumeIV, "368", undefined],
      ["13", 156, "op-cit", volumeIV, "382", "Quoted in"],
      ["14", 158, "ibid", volumeIV, "384", undefined],
    ]);
  });

  it("finds as many Ibid. and op. cit. in the raw texts as it resolved", async () => {
    let raw = 0;
    for (const text of edition.texts) raw += ((await readFile(text.path, "utf8")).match(/\bIbid\.|\bop\. cit\./gi) ?? []).length;
    const records = edition.texts.flatMap((text) => text.data.citations ?? []).filter((record) => record.kind === "ibid" || record.kind === "op-cit");
    expect(records).toHaveLength(raw);
    expect(raw).toBe(9);
    expect(records.filter((record) => !record.work)).toEqual([]);
  });

  it("resolves Cliff's short forms to the work first cited in the chapter, and reports what it cannot", () => {
    const work = (note: string) => file("cliff").data.citations!.find((record) => record.note === note);
    expect(work("39")).toMatchObject({ line: 291, work: "work-soboul-french-revolution-1787-1799", locator: "439" });
    // `My Life` is the work Simkin cites in full (My Life: An Attempt at an Autobiography, 1930): one entry for both.
    for (const note of ["3", "4", "32", "33", "34"]) expect(work(note)?.work).toBe("work-trotsky-my-life-attempt-at-autobiography");
    // `Deutscher, page 93` and `Stalin, Works`: their full references are the edition's (sources/works.bib).
    expect(work("35")).toMatchObject({ line: 283, locator: "93", work: "work-deutscher-prophet-unarmed" });
    expect(work("1")).toMatchObject({ line: 215, work: "work-stalin-works" });
    const unresolved = file("cliff").messages.filter((message) => message.ruleId === "citations-unresolved").map((message) => `${message.line}:${message.column}`);
    expect(unresolved).toEqual([]);
    // Cited only in short form in this chapter (the full references were in earlier chapters); note 21's
    // Trotsky Papers (line 255) has its full reference in sources/works.bib, by its editor.
    const shortOnly = file("cliff").messages.filter((message) => message.ruleId === "citations-short-form-only").map((message) => message.line);
    expect(shortOnly).toEqual([219, 225, 251, 273, 285, 287, 293]);
    expect(work("21")).toMatchObject({ line: 255, work: "work-trotsky-papers", volume: "2", locator: "813–5" });
  });

  it("keeps the notes' wording and links the words that name the work", () => {
    expect(toString(byId("sherry-note-13"))).toBe("13. Quoted in T.\u00A0Cliff, Trotsky Volume IV, op. cit., p.\u00A0382.");
    const links: [string, string][] = [];
    visit(byId("sherry-note-14"), "element", (node) => {
      if (node.tagName === "a" && node.properties.href !== "#sherry-noteref-14") links.push([toString(node), String(node.properties.href)]);
    });
    expect(links).toEqual([["Ibid.", `#${volumeIV}`]]);
  });
});

describe("page references to the book under review (Marot)", () => {
  const reviewed = "work-cliff-trotsky-1923-1927-fighting-rising-stalinist";

  it("cites Cliff's book at each of the 18 page references, and takes none of the note calls", () => {
    const pages = file("marot")
      .data.citations!.filter((record) => record.kind === "page-reference")
      .map((record) => `${record.line}:${record.locator}`);
    expect(pages).toEqual(
      ["15:16", "37:15", "41:17", "47:33", "49:35", "53:38", "71:26", "75:141", "85:259–60", "91:261–2", "101:19", "109:12", "113:19", "119:13", "127:277", "142:141", "142:139", "142:136"],
    );
    expect(file("marot").data.citations!.every((record) => record.kind !== "page-reference" || record.work === reviewed)).toBe(true);
    expect(pages.some((page) => page === "79:2" || page === "125:3")).toBe(false);
  });

  it("leaves no parenthesised page number unlinked in the restored review", () => {
    const unlinked: string[] = [];
    visitParents(byId("text-marot"), "text", (node, ancestors) => {
      if (ancestors.some((parent) => parent.type === "element" && parent.tagName === "a")) return;
      for (const match of node.value.matchAll(/\((?:[^()]*citation,?\s+)?\d+(?:–\d+)?\.?\)/g)) unlinked.push(match[0]);
    });
    expect(unlinked).toEqual([]);
  });
});

describe("the works cited", () => {
  const section = () => byId("bibliography");
  const entries = () => {
    const found: Element[] = [];
    visit(section(), "element", (node) => {
      if (node.tagName === "li") found.push(node);
    });
    return found;
  };

  it("lists each cited work once, in Chicago notes-bibliography style", () => {
    const ids = entries().map((entry) => entry.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Sherry 4 works (the reviewed book is her note 1), Marot 2, Cliff 12 (Deutscher from sources/works.bib),
    // Simkin 25 (its named sources), less Cliff's My Life, which is Simkin's My Life: An Attempt at an Autobiography.
    expect(ids).toHaveLength(4 + 2 + 12 + 25 - 1);
    // Each entry closes with where it is cited (`Cited: Sherry 1, 2`): left out here.
    const texts = entries().map((entry) => toString(entry).replace(/ Cited: .*$/, ""));
    // One name per author, the fullest cited (T. Cliff in Sherry's notes, Tony Cliff in the reviews' heads), so the style groups their works.
    expect(texts.filter((text) => text.startsWith("Cliff, Tony."))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith("Cliff, T."))).toHaveLength(0);
    // Leon, the fullest given name (Simkin's sources), over the reviews' L.
    expect(texts.filter((text) => text.startsWith("Trotsky, Leon."))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith("Trotsky, L."))).toHaveLength(0);
    expect(texts).toContain("———. The Revolution Betrayed. 5th ed. Pathfinder, 1990.");
    expect(texts).toContain("Soboul, A. The French Revolution, 1787–1799. London, 1974.");
    expect(texts.some((text) => text.includes("“The Class, The Party, and the Leadership.” In Party and Class, edited by Tony Cliff et al. London, n.d."))).toBe(true);
  });

  it("is the target of every work link in the texts, as many per text as reading counts", async () => {
    const ids = new Set(entries().map((entry) => entry.properties.id));
    // Counted by reading the raw notes and page references: test/fixtures/readings/counts.yaml (13 Sherry, 19 Marot, 41 Cliff).
    const { workLinks } = parseYaml(await readFile("test/fixtures/readings/counts.yaml", "utf8")) as { workLinks: Record<string, number> };
    const counts: Record<string, number> = {};
    const hrefs: string[] = [];
    for (const division of edition.book.children) {
      if (division.type !== "element" || !String(division.properties.id).startsWith("text-")) continue;
      const id = String(division.properties.id).slice("text-".length);
      counts[id] = 0;
      visit(division, "element", (node) => {
        if (!((node.properties.className as string[] | undefined) ?? []).includes("work-ref")) return;
        hrefs.push(String(node.properties.href).slice(1));
        counts[id]!++;
      });
    }
    expect(counts).toEqual(workLinks);
    expect(hrefs.filter((href) => !ids.has(href))).toEqual([]);
  });
});

describe("citations on fixtures", () => {
  const restore = async (text: string) => {
    const vfile = new VFile({ path: "fixture.txt", value: text, data: { textId: "fx" } });
    await processText(vfile);
    return vfile;
  };

  it("reports an Ibid. with nothing before it and an op. cit. of a work never cited, at the note's line", async () => {
    const vfile = await restore("Text [1] and [2] and [3].\n\n1. Ibid., p. 4.\n\n2. J. Smith, A Book (Press 1990), p. 1.\n\n3. R. Jones, op. cit., p. 9.\n");
    expect(vfile.messages.filter((message) => message.ruleId === "citations-unresolved").map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      "3:1 note 1: Ibid. with no citation before it in this text; not linked",
      "7:1 note 3: op. cit.: no work by Jones cited before in this text; not linked",
    ]);
    expect(vfile.data.citations!.map((record) => record.work)).toEqual([undefined, "work-smith-book", undefined]);
  });

  it("warns and falls back to citation-js' APA when the manifest's CSL style cannot be read", async () => {
    const manifest = new VFile({ path: "edition.yaml" });
    const style = await loadCslStyle("no-such-style", "sources", manifest);
    expect(style).toBeUndefined();
    expect(manifest.messages.map((message) => message.ruleId)).toEqual(["manifest-csl-style-missing"]);
    const entries = bibliography([{ id: "work-x", type: "book", title: "A Book", author: [{ family: "Smith", given: "J." }], publisher: "Press", issued: { "date-parts": [[1990]] } }], style);
    expect(toString(entries[0] as Element)).toBe("Smith, J. (1990). A Book. Press.");
  });
});
