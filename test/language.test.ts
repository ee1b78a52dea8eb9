// The language layer: sentences and words of a block, with raw places that
// hold on the second line of a hard-wrapped paragraph and after a
// correction, and the two post-steps on retext-english's sentences. Expected
// lines and columns were counted by hand on the fixtures (see comments).
import type { Paragraph, Root } from "mdast";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import type { LoadedCorrection } from "../src/manifest/load-edition.js";
import { blockLanguage, languageBlocks, rawPointInBlock } from "../src/language/language-layer.js";
import { processText, textProcessor } from "../src/pipeline.js";

const correction = (wrong: string, right: string): LoadedCorrection => ({ text: "fixture", wrong, right, reason: "test", count: 1, place: { line: 1, column: 1 } });
const abbreviations = ["st", "pp", "ibid", "p"];

async function restored(value: string, corrections: LoadedCorrection[] = []) {
  const file = new VFile({ path: "fixture.txt", value });
  file.data.textId = "fixture";
  const { mdast } = await processText(file, textProcessor({ corrections, boilerplate: { sites: [] } }));
  return { file, mdast };
}

const paragraph = (text: string) => ({ type: "paragraph", children: [{ type: "text", value: text }] }) as Paragraph;
const sentencesOf = (text: string) => {
  const language = blockLanguage(paragraph(text), { abbreviations });
  return language.sentences.map((sentence) => language.text.slice(sentence.start, sentence.end));
};

describe("words and their raw places", () => {
  it("places a word on the second line of a hard-wrapped paragraph on that line", async () => {
    // Line 3 `The committee met in the spring and` (37 characters), line 4 `heard Smirnof speak on 6th March.`:
    // `Smirnof` starts at 4:7, `March` at 4:28.
    const { file, mdast } = await restored("A title line.\n\nThe committee met in the spring and\nheard Smirnof speak on 6th March.\n\nAnother paragraph.\n");
    const block = languageBlocks(mdast as Root).find((node) => blockLanguage(node).text.includes("Smirnof"))!;
    const { sentences } = blockLanguage(block);
    expect(sentences).toHaveLength(1);
    const place = (value: string) => {
      const word = sentences[0]!.words.find((w) => w.value === value)!;
      const point = rawPointInBlock(file, block, word.start)!;
      return `${point.line}:${point.column}`;
    };
    expect(place("committee")).toBe("3:5");
    expect(place("Smirnof")).toBe("4:7");
    expect(place("March")).toBe("4:28");
  });

  it("places a word after a correction on the same line at its raw column", async () => {
    // Line 1 `Teh congres met and Smirnof spoke.`: `Teh` → `The old` and `congres` → `congress` make the value longer,
    // but `Smirnof` stays at raw column 21 and `spoke` at 29.
    const { file, mdast } = await restored("Teh congres met and Smirnof spoke.\n", [correction("Teh", "The old"), correction("congres", "congress")]);
    const block = languageBlocks(mdast as Root)[0]!;
    const { text, sentences } = blockLanguage(block);
    expect(text).toBe("The old congress met and Smirnof spoke.");
    const column = (value: string) => rawPointInBlock(file, block, sentences[0]!.words.find((w) => w.value === value)!.start)!.column;
    expect(column("Smirnof")).toBe(21);
    expect(column("spoke")).toBe(29);
  });
});

describe("sentences", () => {
  it("joins what retext-english splits after a listed abbreviation", () => {
    expect(sentencesOf("See Ibid., pp. 51–52. Then St. Petersburg fell.")).toEqual(["See Ibid., pp. 51–52.", "Then St. Petersburg fell."]);
  });

  it("joins after an initial, not after a word", () => {
    expect(sentencesOf("Robert V. Daniels wrote it. He left.")).toEqual(["Robert V. Daniels wrote it.", "He left."]);
  });

  it("splits after a year or a range of years followed by a capitalised word", () => {
    expect(sentencesOf("The famine of 1918–23. Thousands died in 1921. The war ended.")).toEqual(["The famine of 1918–23.", "Thousands died in 1921.", "The war ended."]);
  });

  it("does not split after a number followed by a small letter", () => {
    expect(sentencesOf("In chapter 3. we read on. He left.")).toEqual(["In chapter 3. we read on.", "He left."]);
  });

  it("keeps the words of each sentence with their offsets in the block's text", () => {
    const language = blockLanguage(paragraph("It ended in 1923. Lenin died."), { abbreviations });
    expect(language.sentences.map((sentence) => sentence.words.map((word) => [word.value, language.text.slice(word.start, word.end)]))).toEqual([
      [["It", "It"], ["ended", "ended"], ["in", "in"], ["1923", "1923"]],
      [["Lenin", "Lenin"], ["died", "died"]],
    ]);
  });
});
