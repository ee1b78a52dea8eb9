// German names of organisations on the seed edition: the lexicon's
// `foreignNames` gives them their language in roman (Hunspell builds no
// compounds, so no dictionary finds them). Counts read with grep in the raw
// Introduction: Reichsbanner 3, Schutzbund 1, Freikorps 2 (and the chronology
// repeats the Freikorps sentence of 1919).
import type { Element } from "hast";
import { selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { editionTree } from "./edition-tree.js";

const edition = await editionTree();
const root = { type: "root", children: edition.book.children } as never;

describe("German names of organisations", () => {
  it("carry lang=de in roman, in the text and the chronology, never inside italics", () => {
    const names = selectAll("span.foreign-name", root) as Element[];
    const count = (word: string) => names.filter((node) => toString(node) === word).length;
    expect([count("Reichsbanner"), count("Schutzbund"), count("Freikorps")]).toEqual([3, 1, 3]);
    expect(names.every((node) => node.properties.lang === "de" && node.properties.xmlLang === "de")).toBe(true);
    expect(selectAll("i span.foreign-name, em span.foreign-name, i.foreign", root).map((node) => toString(node))).not.toContain("Reichsbanner");
  });
});
