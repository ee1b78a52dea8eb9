// `_words_` in a plain text becomes emphasis (the convention of Project
// Gutenberg texts and wiki dumps); underscores inside words and addresses stay.
import { readFile } from "node:fs/promises";
import type { Element, Root as HastRoot } from "hast";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lexiconSchema } from "../src/manifest/lexicon-schema.js";
import { processText, textProcessor } from "../src/pipeline.js";

const lexicon = lexiconSchema.parse(parse(await readFile("src/lexicon/en.yaml", "utf8")));
const processor = textProcessor({ corrections: [], boilerplate: { sites: [] }, lexicon });

async function restore(value: string) {
  const file = new VFile({ path: "fixture.txt", value, data: { textId: "fx" } });
  const { hast } = await processText(file, processor);
  const emphasis: string[] = [];
  visit(hast as HastRoot, "element", (node: Element) => {
    if (node.tagName === "em") emphasis.push(toString(node));
  });
  return { file, hast, emphasis, text: toString(hast as HastRoot) };
}

describe("plain-text emphasis", () => {
  it("makes `_words_` emphasis, over a line break too, and keeps the raw place", async () => {
    const { emphasis, text, file } = await restore(
      "It was printed first in the _Commonweal_, in 1890, and the\nauthor called it _an epoch\nof rest_ in the subtitle. \"They _mis_managed it,\" quoth I.\n",
    );
    expect(emphasis).toEqual(["Commonweal", "an epoch of rest", "mis"]);
    expect(text).toContain("managed it");
    expect(text).not.toContain("_");
    expect(file.messages.filter((message) => message.ruleId === "typography-lone-underscore")).toEqual([]);
  });

  it("leaves underscores inside words and addresses, and warns about a lone one at its line", async () => {
    const { emphasis, text, file } = await restore(
      "See marxists.org/archive/trotsky/1924/lit_revo/index.htm and snake_case_name.\n\nA stray _ mark here and _half of a pair.\n",
    );
    expect(emphasis).toEqual([]);
    expect(text).toContain("lit_revo");
    expect(text).toContain("snake_case_name");
    const lone = file.messages.filter((message) => message.ruleId === "typography-lone-underscore");
    expect(lone.map((message) => [message.line, message.column])).toEqual([
      [3, 9],
      [3, 25],
    ]);
  });

  it("sets the Gutenberg book's underscored titles in italics (News from Nowhere's title page)", async () => {
    const raw = await readFile("test/fixtures/corpus/morris-1890-news-from-nowhere.txt", "utf8");
    // Lines 48–62 of the raw file: the imprint, read by eye: `_TENTH IMPRESSION_`, `_All rights reserved_`, …
    const imprint = raw.split(/\r?\n/).slice(47, 62).join("\n");
    const { emphasis, text } = await restore(imprint);
    expect(emphasis).toContain("TENTH IMPRESSION");
    expect(emphasis).toContain("All rights reserved");
    expect(text).not.toContain("_");
  });

  it("makes `*words*` emphasis where they pair, leaves starred notes and runs of asterisks, and warns about a lone one", async () => {
    const { emphasis, text, file } = await restore(
      "He read *Pravda* and *The Revolution Betrayed* every day.[1*]\n\n* * *\n\nA word* alone, and 2*3 is six.\n",
    );
    expect(emphasis).toEqual(["Pravda", "The Revolution Betrayed"]);
    expect(text).not.toContain("*Pravda");
    expect(file.messages.filter((message) => message.ruleId === "typography-lone-asterisk").map((message) => `${message.line}:${message.column}`)).toEqual(["5:7"]);
  });
});
