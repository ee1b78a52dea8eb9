// restoreBoilerplate through a bare processor: the general detectors (link
// lines, repeated captions) and one site's rules, on inline fixtures.
import { describe, expect, it } from "vitest";
import type { BoilerplateRules } from "../src/manifest/editorial-data-schema.js";
import { restoreBoilerplate } from "../src/restore/boilerplate.js";
import { messagesOf, runPlugins } from "./restore-fixture.js";

const none: BoilerplateRules = { sites: [] };
const run = (value: string, rules = none, titles: string[] = []) => runPlugins([[restoreBoilerplate, { rules, titles }]], value);

const site: BoilerplateRules = {
  sites: [
    {
      site: "example",
      recognise: ["^Example Archive$"],
      remove: ["^Example Archive$"],
      credits: ["^Transcribed by "],
      trailing: ["\\s+Back to top$"],
      paragraphs: ["^Buy our books"],
      endsBefore: ["^Related articles$"],
      excerpts: [],
    },
  ],
};

describe("restoreBoilerplate: general detectors", () => {
  it("removes a line of `|`-separated links and keeps the title line", () => {
    const { markdown, file } = run("A Title\nHome | Archive | Index\n\nThe first sentence.\n");
    expect(markdown).toBe("A Title\n\nThe first sentence.\n");
    expect(messagesOf(file, "boilerplate-link-line")).toEqual(["2:1 removed a line of links: `Home | Archive | Index`"]);
  });

  it("names the raw line of a removed line in a text with CRLF line ends", () => {
    const { markdown, file } = run("A Title\r\n\r\nThe first sentence.\r\nHome | Archive | Index\r\nThe second sentence.\r\n");
    expect(markdown).toBe("A Title\n\nThe first sentence.\nThe second sentence.\n");
    expect(messagesOf(file, "boilerplate-link-line")).toEqual(["4:1 removed a line of links: `Home | Archive | Index`"]);
  });

  it("removes a caption beside an image marker and its verbatim repeats on lines of their own, not the title", () => {
    const value = "Title line\n\n[Image]\nPhoto caption\n\nSome sentence here.\n\nPhoto caption\n\nAnother sentence.\n";
    const { markdown, file } = run(value);
    expect(markdown).toBe("Title line\n\n\\[Image]\n\nSome sentence here.\n\nAnother sentence.\n");
    expect(messagesOf(file, "boilerplate-caption")).toEqual(["4:1 removed an image caption: `Photo caption`", "8:1 removed an image caption: `Photo caption`"]);
  });

  it("keeps a short line that stands three times with no image beside it: a signature under several documents", () => {
    const value = "Title line\n\nTo all workers.\nMilitary Revolutionary Committee\n\nTo the soldiers.\nMilitary Revolutionary Committee\n\nTo the peasants.\nMilitary Revolutionary Committee\n";
    const { markdown, file } = run(value);
    expect(markdown).toBe("Title line\n\nTo all workers.\nMilitary Revolutionary Committee\n\nTo the soldiers.\nMilitary Revolutionary Committee\n\nTo the peasants.\nMilitary Revolutionary Committee\n");
    expect(file.messages).toEqual([]);
  });

  it("keeps a table's rows: cells with numbers, or a row starting and ending with `|`, are no line of links", () => {
    const value = "Title\n\nCarpenters | 1905 | 12.50\nMasons | 1906 | 14.00\n| Index | Home |\n";
    const { markdown, file } = run(value);
    expect(markdown).toContain("Carpenters | 1905 | 12.50");
    expect(markdown).toContain("| Index | Home |");
    expect(messagesOf(file, "boilerplate-link-line")).toEqual([]);
  });

  it("needs link-like items: navigation words or another text's title", () => {
    const value = "Title\n\nBread and roses | Peace and land\n\nHome · Archive · Glossary\n";
    const plain = run(value);
    expect(plain.markdown).toBe("Title\n\nBread and roses | Peace and land\n");
    expect(messagesOf(plain.file, "boilerplate-link-line")).toEqual(["5:1 removed a line of links: `Home · Archive · Glossary`"]);
    // With a text of the edition called "Peace and Land", the line links to it.
    expect(run(value, none, ["Peace and Land"]).markdown).toBe("Title\n");
  });

  it("over its budget (5 lines) a generic rule removes nothing and warns with its lines and words, unless the data confirms it", () => {
    const value = "Title\n\n" + Array.from({ length: 5 }, (_, i) => `[Image]\nCaption ${"abcde"[i]}\n\nSentence ${i}.\n`).join("\n");
    const { markdown, file } = run(value);
    expect(markdown).toContain("Caption e");
    expect(messagesOf(file, "boilerplate-caption")).toEqual([
      "4:1 rule `boilerplate-caption` would remove 5 lines (10 words) from this text, more than its budget of 4 lines and 30 words without the edition's confirmation: lines 4, 9, 14, 19, 24; kept. If they are furniture, confirm it in boilerplate.yaml (`confirms: [boilerplate-caption]` for the site, or a `texts` entry)",
    ]);
    expect(file.messages[0]!.fatal).toBe(false);
    const confirmed = run(value, { sites: [], texts: [{ text: "fixture", confirms: ["boilerplate-caption"], reason: "pictures" }] });
    expect(confirmed.markdown).not.toContain("Caption");
    expect(messagesOf(confirmed.file, "boilerplate-caption")).toHaveLength(5);
  });

  it("removes a caption that stands twice in a row as one block (spaces folded)", () => {
    const { markdown, file } = run("Title\n\nLeon Trotsky  by X\nLeon Trotsky by X\n\nText.\n");
    expect(markdown).toBe("Title\n\nText.\n");
    expect(messagesOf(file, "boilerplate-caption").map((m) => m.split(" ")[0])).toEqual(["3:1", "4:1"]);
  });

  it("keeps a short line that stands twice apart, sentences with `|`, and numbered lines", () => {
    const value = "Title\n\nA Short Label\nFirst sentence.\n\nA Short Label\nSecond sentence.\n\nHe said no. | She said yes.\n\n1917 Petrograd\n";
    const { markdown, file } = run(value);
    expect(markdown).toBe("Title\n\nA Short Label\nFirst sentence.\n\nA Short Label\nSecond sentence.\n\nHe said no. | She said yes.\n\n1917 Petrograd\n");
    expect(file.messages).toEqual([]);
  });

  it("reads a line with 20 000 spaces: not a link line when it has no `|`, a link line when it has", () => {
    const spaces = " ".repeat(20_000);
    const { tree, file } = run(`Title\n\nHome${spaces}x\nHome${spaces}| Index\n`);
    expect(tree.children).toHaveLength(2);
    const second = tree.children[1] as { children: { value: string }[] };
    expect(second.children[0]!.value).toBe(`Home${spaces}x`);
    expect(messagesOf(file, "boilerplate-link-line").map((m) => m.split(" ")[0])).toEqual(["4:1"]);
  });
});

describe("restoreBoilerplate: a site's rules", () => {
  const value = [
    "Example Archive", // 1 (title line but a site's remove rule)
    "The Real Title", // 2
    "", // 3
    "Transcribed by A. Reader", // 4
    "The text begins here.  Back to top", // 5
    "", // 6
    "Buy our books at the shop.", // 7
    "", // 8
    "The text ends here.", // 9
    "", // 10
    "Related articles", // 11
    "Another article", // 12
    "",
  ].join("\n");

  it("removes, moves credits, cuts trailing furniture and ends the text", () => {
    const { markdown, file } = run(value, site);
    expect(file.data.sites).toEqual(["example"]);
    expect(markdown).toBe("The Real Title\n\nThe text begins here.\n\nThe text ends here.\n");
    expect(file.data.sourceNote).toEqual([{ text: "Transcribed by A. Reader", line: 4 }]);
    expect(messagesOf(file, "boilerplate-site")).toEqual(["1:1 removed site furniture: `Example Archive`"]);
    expect(messagesOf(file, "boilerplate-credit")).toEqual(["4:1 moved a credit line to the source note: `Transcribed by A. Reader`"]);
    expect(messagesOf(file, "boilerplate-trailing")).toEqual(["5:1 cut site furniture from the end of a paragraph: `Back to top`"]);
    expect(messagesOf(file, "boilerplate-paragraph")).toEqual(["7:1 removed a paragraph of site furniture: `Buy our books at the shop.`"]);
    expect(messagesOf(file, "boilerplate-after-end")).toEqual([
      "11:1 removed the site furniture that follows the text: `Related articles`",
      "12:1 removed the site furniture that follows the text: `Another article`",
    ]);
  });

  it("applies no site rule to a text the site does not recognise", () => {
    const { markdown, file } = run(value.replace("Example Archive", "Other Archive"), site);
    expect(file.data.sites).toBeUndefined();
    expect(markdown).toContain("Transcribed by A. Reader");
    expect(markdown).toContain("Back to top");
    expect(markdown).toContain("Related articles");
    expect(file.data.sourceNote).toEqual([]);
  });
});
