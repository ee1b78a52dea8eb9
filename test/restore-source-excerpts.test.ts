// restoreSourceExcerpts through a bare processor: the parser, the headings
// stage (which makes the section's heading), then the plugin, with a site's
// excerpt convention as its rules.
import type { Blockquote, Heading, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import type { BoilerplateRules } from "../src/manifest/editorial-data-schema.js";
import { restoreHeadings } from "../src/restore/headings.js";
import { restoreSourceExcerpts } from "../src/restore/source-excerpts.js";
import { messagesOf, runPlugins } from "./restore-fixture.js";

const rules: BoilerplateRules = {
  sites: [
    {
      site: "example",
      recognise: ["^Example Archive$"],
      remove: [],
      credits: [],
      trailing: [],
      paragraphs: [],
      endsBefore: [],
      excerpts: [{ section: "^Primary Sources$", head: "^\\((\\d+)\\) " }],
    },
  ],
};
const run = (value: string) => runPlugins([restoreHeadings, [restoreSourceExcerpts, { rules }]], value);
const types = (tree: Root) => tree.children.map((node) => node.type);

const lines = [
  "Example Archive", // 1
  "Prose of the article.", // 3
  "Primary Sources", // 5
  "Introductory words.", // 7
  "(1) Leon Trotsky, My Life (1930)", // 9
  "The first excerpt.", // 11
  "More of it.", // 13
  "(3) Victor Serge, Memoirs (1951)", // 15
  "The second excerpt.", // 17
  "1. A note.", // 19
];
const fixture = `${lines.join("\n\n")}\n`;

describe("restoreSourceExcerpts", () => {
  it("makes each numbered excerpt a section with its head and the excerpt as a quotation", () => {
    const { tree, file } = run(fixture);
    expect(types(tree)).toEqual(["heading", "paragraph", "heading", "paragraph", "blockquote", "blockquote", "paragraph"]);
    const [first, second] = [tree.children[4] as Blockquote, tree.children[5] as Blockquote];
    expect(first.data).toEqual({ hName: "section", hProperties: { className: ["source-excerpt"], ariaLabel: "Source 1" } });
    expect(second.data?.hProperties).toMatchObject({ ariaLabel: "Source 3" });
    const head = first.children[0] as Heading;
    expect([head.type, head.depth, toString(head)]).toEqual(["heading", 3, "(1) Leon Trotsky, My Life (1930)"]);
    const quote = first.children[1] as Blockquote;
    expect(quote.data).toEqual({ hProperties: { className: ["excerpt-text"] } });
    expect(quote.children.map((node) => toString(node))).toEqual(["The first excerpt.", "More of it."]);
    expect((second.children[1] as Blockquote).children.map((node) => toString(node))).toEqual(["The second excerpt."]);
    // The notes stay after the section, untouched.
    expect(toString(tree.children[6]!)).toBe("1. A note.");
    expect(messagesOf(file, "structure-excerpts")).toEqual(["5:1 2 source excerpts in the Primary Sources section"]);
    expect(messagesOf(file, "structure-excerpt-number")).toEqual(["15:1 source excerpt (3) where (2) was expected"]);
  });

  it("leaves a text the site does not recognise as it is", () => {
    const { tree, file } = run(fixture.replace("Example Archive", "Other Archive"));
    expect(types(tree)).toEqual(["heading", "paragraph", "heading", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph"]);
    expect(file.messages).toEqual([]);
  });

  it("leaves a numbered list that is not under the section's heading as it is", () => {
    const { tree, file } = run(fixture.replace("Primary Sources", "Further Reading"));
    expect(types(tree)).toEqual(["heading", "paragraph", "heading", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph"]);
    expect(file.messages).toEqual([]);
  });
});
