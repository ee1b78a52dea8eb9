// A name never crosses a sentence's end (issue 14, part 1): a forename or an
// initial followed by the next sentence's first word is no person.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { compileAuthority } from "../src/enrich/names/authority.js";
import { NameFinder } from "../src/enrich/names/find-names.js";
import { blockLanguage } from "../src/language/language-layer.js";
import { lexiconSchema } from "../src/manifest/lexicon-schema.js";

const lexicon = lexiconSchema.parse(parse(readFileSync("src/lexicon/en.yaml", "utf8")));

/** The headings found in one paragraph, reading the language layer's words and sentences as the pipeline does. */
function headings(text: string): string[] {
  const paragraph = { type: "paragraph", children: [{ type: "text", value: text }] } as never;
  const words = blockLanguage(paragraph).sentences.flatMap((sentence, index) => sentence.words.map((word) => ({ start: word.start, end: word.end, sentence: index })));
  return new NameFinder(compileAuthority(undefined), lexicon).find(text, words).map((name) => name.heading);
}

describe("a candidate that spans a sentence boundary is not a person", () => {
  test("an initial that ends a sentence is not joined to the next sentence's first word", () => {
    // Before the fix: `Nonetheless, Elizabeth E.` and `Nonetheless, Elizabeth Murray E.`.
    expect(headings("The letter was signed Elizabeth E. Nonetheless, the committee met.")).toEqual([]);
    expect(headings("He met Elizabeth Murray E. However late it was, they talked.")).toEqual(["Murray, Elizabeth"]);
    expect(headings("The vitamin they lacked was vitamin E. The doctor, Elizabeth Murray, said so.")).toEqual(["Murray, Elizabeth"]);
  });

  test("initials before a surname still make a name", () => {
    expect(headings("A letter from Edward H. Carr arrived. Then Edward Murray wrote.")).toEqual(["Carr, Edward H.", "Murray, Edward"]);
    expect(headings("General John A. Smith spoke; the minister was Anna E. Moore.")).toEqual(["Smith, John A.", "Moore, Anna E."]);
  });

  test("a stop after a full name ends it", () => {
    expect(headings("The report was written by Elizabeth Murray. Nonetheless, the committee met.")).toEqual(["Murray, Elizabeth"]);
  });
});
