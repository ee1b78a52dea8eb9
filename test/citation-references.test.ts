// A text's own reference list, idem, and the restyling of in-text citations
// by an author-date style (issue 16): the fixture
// test/fixtures/citations/triumvirate-references.txt built as an edition in
// Chicago author-date (references.yaml), checked against what was read by
// eye (test/fixtures/readings/citations.yaml); the reference shapes one by
// one; idem on a small inline text.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Element, Root } from "hast";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import type { Link } from "mdast";
import { toString as mdastToString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseReference } from "../src/citations/reference-list.js";
import { parseNote } from "../src/citations/chicago-note.js";
import { parseCitation } from "../src/citations/parse-citation.js";
import { buildEdition } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { checkEpub } from "../src/render/epub-check.js";
import { restoreCitations } from "../src/restore/citations.js";
import { runPlugins } from "./restore-fixture.js";

const here = path.dirname(new URL(import.meta.url).pathname);
const fixtures = path.join(here, "fixtures", "citations");
const reading = parse(readFileSync(path.join(here, "fixtures", "readings", "citations.yaml"), "utf8")).references as {
  entries: number;
  citations: [number, string, string | null, string | null][];
};
const raw = readFileSync(path.join(fixtures, "triumvirate-references.txt"), "utf8");

describe("the shapes of a reference-list entry", () => {
  it("reads APA, Harvard, author-date and Chicago bibliography entries, books and articles", () => {
    const read = (entry: string, previous?: Parameters<typeof parseReference>[1]) => parseReference(entry, previous);
    expect(read("Carr, E. H. (1954). The Interregnum, 1923–1924. London: Macmillan.")).toMatchObject({ year: "1954", item: { author: [{ family: "Carr", given: "E. H." }], title: "The Interregnum, 1923–1924", publisher: "Macmillan", "publisher-place": "London" } });
    expect(read("Lewin, M. (1968) Lenin's Last Struggle. New York: Pantheon Books.")).toMatchObject({ year: "1968", item: { title: "Lenin's Last Struggle", "publisher-place": "New York" } });
    expect(read("Daniels, Robert V. 1960. The Conscience of the Revolution. Cambridge, MA: Harvard University Press.")).toMatchObject({ year: "1960", item: { author: [{ family: "Daniels", given: "Robert V." }], "publisher-place": "Cambridge, MA" } });
    const armed = read("Deutscher, Isaac. The Prophet Armed: Trotsky, 1879–1921. London: Oxford University Press, 1954.")!;
    expect(armed).toMatchObject({ year: "1954", item: { title: "The Prophet Armed: Trotsky, 1879–1921", publisher: "Oxford University Press" } });
    // `———.` is the author of the entry before.
    expect(read("———. The Prophet Unarmed: Trotsky, 1921–1929. London: Oxford University Press, 1959.", armed.item)).toMatchObject({ year: "1959", item: { author: [{ family: "Deutscher", given: "Isaac" }] } });
    expect(read("Musto, M. (2007). The rediscovery of Karl Marx. International Review of Social History, 52(3), 477–498.")).toMatchObject({ item: { type: "article-journal", "container-title": "International Review of Social History", volume: "52", issue: "3", page: "477–498" } });
    expect(read("Musto, Marcello. “The Rediscovery of Karl Marx.” International Review of Social History 52, no. 3 (2007): 477–98.")).toMatchObject({ year: "2007", item: { type: "article-journal", title: "The Rediscovery of Karl Marx", volume: "52" } });
    expect(read("Day, Richard B., and Daniel Gaido, eds. 2009. Witnesses to Permanent Revolution. Leiden: Brill.")).toMatchObject({ item: { editor: [{ family: "Day" }, { family: "Gaido", given: "Daniel" }] } });
    expect(read("Smith, J. 1950a. A Title. London: Publisher.")?.year).toBe("1950a");
  });

  it("reads no prose, and no entry without a year", () => {
    expect(parseReference("The spring of 1923 was the last time the three stood together.")).toBeUndefined();
    expect(parseReference("Trotsky, Leon. My Life. New York: Scribner.")).toBeUndefined();
  });
});

describe("an author-date text with its own reference list, in Chicago author-date", async () => {
  const edition = await buildEdition(path.join(fixtures, "references.yaml"), { keepRestored: false });
  const file = edition.texts[0]!;
  const records = file.data.citations!;

  it("reads every entry of the list and resolves each citation to the entry read, the unlisted one reported at its position", () => {
    expect(file.data.referenceList).toBe(reading.entries);
    const where = (line: number, words: string) => `${line}:${raw.split("\n")[line - 1]!.indexOf(words) + 1}`;
    expect(records.map((record) => `${record.line}:${record.column}`)).toEqual(reading.citations.map(([line, words]) => where(line, words)));
    expect(records.map((record) => record.work ?? null)).toEqual(reading.citations.map(([, , work]) => work));
    const unresolved = file.messages.filter((message) => message.ruleId === "citations-unresolved").map((message) => `${message.line}:${message.column}`);
    expect(unresolved).toEqual([where(5, "Smith 1950: 183")]);
  });

  it("shows each citation in the style's form, with the text's page, and keeps the text's form in the link's title", () => {
    const links = selectAll("a.work-ref", edition.book);
    const resolved = reading.citations.filter(([, , work]) => work);
    expect(links.map((link) => toString(link))).toEqual(resolved.map(([, , , restyled]) => restyled));
    // A citation already in the style's form (`Carr 1954`, `Cohen 1973, 216`) is left alone, its title the work's.
    const changed = resolved.filter(([, words, , restyled]) => words !== restyled);
    expect(links.filter((link) => String(link.properties.title).startsWith("As the text")).map((link) => String(link.properties.title).replace(/\u00A0/g, " "))).toEqual(changed.map(([, words]) => `As the text gives it: ${words}`));
    expect(file.messages.find((message) => message.ruleId === "citations-restyled")?.reason).toMatch(new RegExp(`^${changed.length} in-text citations restyled in chicago-author-date`));
  });

  it("changes no word that is not a recognised citation", () => {
    const text = select("section[role=doc-chapter], section.text, article", edition.book) ?? edition.book;
    const paragraphs = selectAll("p", text as Root).filter((p) => selectAll("a.work-ref", p).length);
    const asWritten = (p: Element) => {
      const copy = structuredClone(p);
      for (const link of selectAll("a.restyled", copy)) link.children = [{ type: "text", value: String(link.properties.title).replace(/^As the text gives it: /, "") }];
      return toString(copy).replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim();
    };
    const rawParagraphs = raw.split("\n\n").map((block) => block.replace(/\s+/g, " ").trim());
    expect(paragraphs.length).toBe(2);
    for (const p of paragraphs) expect(rawParagraphs).toContain(asWritten(p));
  });

  it("links every citation to its works-cited entry, and every entry back to its citations", () => {
    const entries = selectAll("#bibliography li.work", edition.book);
    expect(entries.length).toBe(8);
    const ids = new Set(selectAll("[id]", edition.book).map((node) => String(node.properties.id)));
    for (const link of selectAll("a.work-ref", edition.book)) expect(ids.has(String(link.properties.href).slice(1))).toBe(true);
    for (const entry of entries) {
      const back = selectAll("a.work-backref", entry);
      expect(back.length).toBeGreaterThan(0);
      for (const anchor of back) expect(String(select(`[id="${String(anchor.properties.href).slice(1)}"]`, edition.book)!.properties.href)).toBe(`#${entry.properties.id}`);
    }
  });

  it("gives an EPUB EPUBCheck finds no error in", async () => {
    const outcome = await checkEpub(new Uint8Array(await renderEpub(edition.manifest, edition.book)));
    expect(outcome.errors).toEqual([]);
  });
});

describe("idem", () => {
  const text = [
    "Trotsky's own account [Trotsky, My Life, p. 12] was written in exile.",
    "",
    "The book on the Soviet state [Idem, The Revolution Betrayed, p. 51] came later, and the same page again [Idem, p. 52].",
    "",
    "A bracket opening the text of another [Idem, Their Morals and Ours, p. 3] is read the same way.",
  ].join("\n");
  const { tree, file } = runPlugins([[restoreCitations, {}]], text);

  it("is the author of the citation before, with the title it gives; alone, it is the work before", () => {
    const records = file.data.citations!;
    expect(records.map((record) => [record.work, record.locator])).toEqual([
      ["work-trotsky-my-life", "12"],
      ["work-trotsky-revolution-betrayed", "51"],
      ["work-trotsky-revolution-betrayed", "52"],
      ["work-trotsky-their-morals-and-ours", "3"],
    ]);
    const links: string[] = [];
    visit(tree, "link", (link: Link) => {
      links.push(mdastToString(link));
    });
    expect(links).toEqual(["Trotsky, My Life, p. 12", "Idem, The Revolution Betrayed, p. 51", "Idem, p. 52", "Idem, Their Morals and Ours, p. 3"]);
    expect([...file.data.works!.values()].map((item) => item.author?.[0]?.family)).toEqual(["Trotsky", "Trotsky", "Trotsky"]);
  });

  it("with no citation before it resolves to nothing, reported", () => {
    const alone = runPlugins([[restoreCitations, {}]], "First [Idem, The Revolution Betrayed, p. 51].");
    expect(alone.file.data.citations![0]!.work).toBeUndefined();
    expect(alone.file.messages.find((message) => message.ruleId === "citations-unresolved")?.reason).toMatch(/Idem with no citation of an author before it/);
  });
});

describe("note shapes of the development corpus (Schneider, Dawsey) that were not read", () => {
  const read = (note: string) => parseNote(note, parseCitation);

  it("reads translators with initials, a letter in a collection, a volume before the imprint, a work in a collection", () => {
    expect(read("Theodor Adorno, Philosophy of Modern Music, trans. Anne G. Mitchell and Wesley V. Blomster (New York: Continuum, 2004 (1958)), 41–42.")).toMatchObject({ author: { family: "Adorno" }, title: "Philosophy of Modern Music", year: "2004", locator: "41–42" });
    expect(read("Walter Benjamin, “The Image of Proust,” in Selected Writings, Howard W. Jennings et al., vol. 2, 1927–1930, (Cambridge: Harvard University Press), 237.")).toMatchObject({ title: "The Image of Proust", containerTitle: "Selected Writings", volume: "2", publisher: "Harvard University Press", locator: "237" });
    expect(read("Leon Trotsky to Victor Serge, June 9, 1936, in The Serge-Trotsky Papers, ed. David Cotterill, trans. Maria Enzenberger (London: Pluto Press, 1994), 70.")).toMatchObject({ author: { family: "Trotsky" }, title: "Letter to Victor Serge, June 9, 1936", containerTitle: "The Serge-Trotsky Papers", locator: "70", span: { start: 0 } });
    expect(read("Leon Trotsky, “The Class Nature of the Soviet State,” in Writings of Leon Trotsky, 1933–34, ed. George Breitman and Bev Scott (New York: Pathfinder Press, 1972).")).toMatchObject({ containerTitle: "Writings of Leon Trotsky, 1933–34", year: "1972" });
    expect(read("Leon Trotsky, Results and Prospects, in Trotsky, The Permanent Revolution & Results and Prospects, rev. ed., trans. John G. Wright and Brian Pearce (Seattle: Red Letter Press, 2010), Ch. 3.")).toMatchObject({ title: "Results and Prospects", containerTitle: "The Permanent Revolution & Results and Prospects", locator: "Ch. 3" });
    // A journal issue's date is no publisher.
    expect(read("J.M. Bernstein, Lydia Goehr, Gregg Horowitz, and Chris Cutrone, “The Relevance of Critical Theory to Art Today,” Platypus Review 31 (January 2011), available online at 2011/01/01/x/")).toMatchObject({ containerTitle: "Platypus Review", year: "2011" });
    expect(read("J.M. Bernstein, “The Relevance of Critical Theory to Art Today,” Platypus Review 31 (January 2011).")).not.toHaveProperty("publisher");
  });

  it("finds the citation a discussion gives, with its author however the prose names it", () => {
    const cases: [string, string | undefined, string][] = [
      ["For Trotsky’s extensive writings on the Chinese Left, see Leon Trotsky on China, ed. Les Evans and Russell Block (New York: Pathfinder Press, 1976).", undefined, "Leon Trotsky on China"],
      ["See the fascinating detail about this period of the Trotsky’s life in Oddvar Høidal, Trotsky in Norway: Exile, 1935–1937 (DeKalb: Northern Illinois University Press, 2013).", "Høidal", "Trotsky in Norway: Exile, 1935–1937"],
      ["For more on this, see Alexander Rabinowitch’s excellent The Bolsheviks in Power: The First Year of Soviet Rule in Petrograd (Bloomington: Indiana University Press, 2008).", "Rabinowitch", "The Bolsheviks in Power: The First Year of Soviet Rule in Petrograd"],
      ["This aspect of Trotsky’s thinking was taken up quite fruitfully by C.L.R. James in his World Revolution, 1917–1936: The Rise and Fall of the Communist International, ed. Christian Høgsbjerg (Durham: Duke University Press, 2017). The book originally appeared in 1937.", "James", "World Revolution, 1917–1936: The Rise and Fall of the Communist International"],
      ["The phrase is from Victor Serge’s superb 1939 novel about Left Oppositionists and other dissidents deported for their opposition to Stalin, Midnight in the Century, trans. Richard Greeman (New York: New York Review Books, 2015).", "Serge", "Midnight in the Century"],
    ];
    for (const [note, family, title] of cases) {
      const parsed = read(note)!;
      expect(parsed, note).toMatchObject({ title });
      expect(parsed.author?.family).toBe(family);
      // The link stands on the title's own words in the note.
      expect(note.slice(parsed.span.start, parsed.span.end)).toBe(title);
    }
    expect(read("For Trotsky’s extensive writings on the Chinese Left, see Leon Trotsky on China, ed. Les Evans and Russell Block (New York: Pathfinder Press, 1976).")!.editors!.map((name) => name.family)).toEqual(["Evans", "Block"]);
  });

  it("reads no discussion without a citation in it", () => {
    expect(read("Narodniks – petty bourgeois trend in Russian revolutionary movement, who believed the peasantry were the main revolutionary force, not the working class.")).toBeUndefined();
    expect(read("That Trotsky was later very embarrassed by his behaviour at the Twelfth Congress is clear from the fact that no reference at all to the congress can be found in his autobiography.")).toBeUndefined();
  });
});
