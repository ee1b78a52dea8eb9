// Words of other languages set in italics with their language at the book
// stage (src/book/foreign-words.ts), on small hast fixtures, with the real
// Hunspell dictionaries (English, French, German) cut to the words asked.
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { markForeignWords } from "../src/book/foreign-words.js";
import { spellerFor } from "../src/language/foreign-dictionaries.js";

function division(id: string, children: Element["children"]): Element {
  const node = h("section", { id }, children);
  node.data = { division: { id, part: "body", title: id, inContents: true } } as never;
  return node;
}

const stopWords = ["a", "an", "the", "of", "to", "in", "on", "and", "as"];

async function marked(paragraphs: (string | Element)[], options: Parameters<typeof markForeignWords>[1] = {}) {
  const book: Root = { type: "root", children: [division("text-a", paragraphs.map((paragraph) => (typeof paragraph === "string" ? h("p", paragraph) : paragraph)))] };
  const file = new VFile({ path: "a.txt" });
  const result = await markForeignWords(book, { stopWords, fileOf: () => file, ...options });
  const italics = selectAll("i.foreign", book).map((node) => `${node.properties.lang}:${toString(node)}`);
  return { book, file, result, italics };
}

describe("foreign words from the dictionaries", () => {
  it("sets a run of French words English does not know, the first word of its sentence included, with lang and xml:lang", async () => {
    const { book, italics } = await marked(["He answered quickly: Je tombe toujours en avant! Then he left."]);
    expect(italics).toEqual(["fr:Je tombe toujours en avant"]);
    const node = selectAll("i.foreign", book)[0]!;
    expect(node.properties).toMatchObject({ lang: "fr", xmlLang: "fr" });
    expect(toString(book)).toBe("He answered quickly: Je tombe toujours en avant! Then he left.");
  });

  it("takes a French word English knows into the phrase (`coup d’état`)", async () => {
    const { italics } = await marked(["The generals planned a coup d’état in the capital."]);
    expect(italics).toEqual(["fr:coup d’état"]);
  });

  it("leaves names alone: a particle before a name, a capitalised word mid-sentence", async () => {
    const { italics, result } = await marked(["He was killed by Ramon del Rio. They marched across the Cours de Vincennes, singing."]);
    expect(italics).toEqual([]);
    expect(result.unsure).toEqual([]);
  });

  it("keeps English's loans roman (`en masse`, `esprit de corps`) and English words the dictionaries know (`émigré`, `cafés`)", async () => {
    const { italics, result } = await marked(["The workers came en masse; the esprit de corps of the old guard; an émigré in the cafés."], { naturalised: ["en masse", "esprit de corps"] });
    expect(italics).toEqual([]);
    expect(result.unsure).toEqual([]);
  });

  it("reports a lone word only a foreign dictionary knows at its place, without setting it", async () => {
    const paragraph = h("p", "He was a prolonger of the war.");
    paragraph.children[0]!.position = { start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 35, offset: 50 } };
    const { italics, result, file } = await marked([paragraph]);
    expect(italics).toEqual([]);
    expect(result.unsure).toEqual(["prolonger"]);
    const message = file.messages.find((one) => one.ruleId === "foreign-unsure")!;
    expect([message.line, message.column]).toEqual([3, 5 + "He was a ".length]);
  });

  it("never begins or ends a phrase on an English stop word the French dictionary also holds (`a purgation`)", async () => {
    const { italics, result } = await marked(["It was a purgation of the party."]);
    expect(italics).toEqual([]);
    expect(result.unsure).toEqual(["purgation"]);
  });

  it("reports a phrase with only one word English lacks among words it knows, and never reads an address (`http`)", async () => {
    const { italics, result } = await marked(["The avant-garde art styles of the day; see http://www.example.org for more."]);
    expect(italics).toEqual([]);
    expect(result.unsure).toEqual(["avant-garde art styles"]);
  });
});

describe("foreign words from the lexicon", () => {
  it("sets listed words in any case and gives a listed work's title its language", async () => {
    const { book, italics } = await marked(["It would imperil the smychka, the alliance; a war for “lebensraum”.", h("p", [h("cite", { className: ["work-title"] }, "KPSS v rezoliutsiiakh"), ", volume 1."])], {
      listed: { "ru-Latn": ["smychka", "KPSS v rezoliutsiiakh"], de: ["Lebensraum"] },
    });
    expect(italics).toEqual(["ru-Latn:smychka", "de:lebensraum"]);
    expect(selectAll("cite", book)[0]!.properties).toMatchObject({ lang: "ru-Latn", xmlLang: "ru-Latn" });
  });
});

describe("names in another language", () => {
  it("gives a listed name its language in roman, as a whole word only; an unlisted German compound the dictionaries miss stays bare", async () => {
    const { book, italics } = await marked(["The Reichsbanner militia and a Reichsbannerman; the Schutzbund fought."], { names: { de: ["Reichsbanner"] } });
    const names = selectAll("span.foreign-name", book);
    expect(names.map((node) => `${node.properties.lang}:${toString(node)}`)).toEqual(["de:Reichsbanner"]);
    expect(names[0]!.properties.xmlLang).toBe("de");
    // Roman: no italics, and the compound nobody listed (Hunspell builds no compound) has no language.
    expect(italics).toEqual([]);
    expect(selectAll("[lang]", book)).toHaveLength(1);
  });
});

describe("the dictionaries cut to the words asked", () => {
  it("knows every form of the words asked that the whole dictionary knows, prefixed and inflected forms included", async () => {
    const english = await spellerFor("en", ["regain", "allies", "unit", "favored"]);
    expect(["regain", "allies", "favored"].map((word) => english.correct(word))).toEqual([true, true, true]);
    const french = await spellerFor("fr", ["tombe", "toujours", "d'état", "masse"]);
    expect(["tombe", "toujours", "d'état", "masse"].map((word) => french.correct(word))).toEqual([true, true, true, true]);
    expect(french.correct("zorglub")).toBe(false);
  });
});
