// src/render/soft-hyphens.ts gives, text for text, what the `hyphen` package
// gives for the whole text: every line of the five texts and the corpus, and
// the edges of its reader (apostrophes, digits, dashes, a trailing run of
// punctuation, a `<`, a soft hyphen already there, a character outside the BMP).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import hyphen from "hyphen/en/index.js";
import { describe, expect, it } from "vitest";
import { hyphenate } from "../src/render/soft-hyphens.js";
import { projectRoot } from "../src/project-root.js";

const textsIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => /\.(txt|md)$/.test(name) && !/^(README|SOURCES)\.md$/.test(name))
    .map((name) => readFileSync(path.join(dir, name), "utf8"));

describe("soft hyphens word by word", () => {
  it("are the package's, line for line, on the five texts and the corpus", () => {
    const lines = [...textsIn(path.join(projectRoot, "sources", "texts")), ...textsIn(path.join(projectRoot, "test", "fixtures", "corpus"))].flatMap((text) => text.split("\n"));
    expect(lines.length).toBeGreaterThan(5000);
    let broken = 0;
    for (const line of lines) {
      const ours = hyphenate(line, 6);
      expect(ours).toBe(hyphen.hyphenateSync(line, { minWordLength: 6 }));
      if (ours !== line) broken++;
    }
    // Not a vacuous pass: most lines of prose have a word broken.
    expect(broken).toBeGreaterThan(lines.length / 3);
  });

  it("are the package's at the edges of its reader", () => {
    const cases = [
      "revolutionary's don't counter-revolutionary",
      "in 1917–1924, the government’s “constitutional” assembly",
      "ends with a long run of punctuation ......!!!!",
      "ends with numbers 1917-1924-1929",
      "a < b and <em>emphasised</em> words inside tags",
      "already bro\u00ADken and unbroken everywhere",
      "astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 characters beside bureaucracy",
      "émigré Zinoviev’s Комитет organisations",
      "",
      "bureaucratic",
    ];
    for (const text of cases) for (const min of [5, 6]) expect(hyphenate(text, min)).toBe(hyphen.hyphenateSync(text, { minWordLength: min }));
  });
});
