// restoreBlockQuotes through a bare processor (parser, then the plugin), on
// inline fixtures: the colon-and-call shape, the quote-marks shape, and what
// must stay a paragraph.
import type { Blockquote, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import { restoreBlockQuotes } from "../src/restore/block-quotes.js";
import { messagesOf, runPlugins } from "./restore-fixture.js";

const run = (value: string, data: Record<string, unknown> = {}) => runPlugins([restoreBlockQuotes], value, data);
const types = (tree: Root) => tree.children.map((node) => node.type);

describe("restoreBlockQuotes: after a colon, closed by a note call", () => {
  it("makes the paragraph a quotation", () => {
    const { tree, file } = run("He wrote:\n\nThe workers must organise themselves. [5]\n\nAfter the quotation.\n");
    expect(types(tree)).toEqual(["paragraph", "blockquote", "paragraph"]);
    expect(toString(tree.children[1]!)).toBe("The workers must organise themselves. [5]");
    expect(messagesOf(file, "structure-quotation")).toEqual(["3:1 block quotation of 1 paragraph"]);
    expect(messagesOf(file, "structure-quotation-unsure")).toEqual([]);
  });

  it("takes a continuation paragraph before the call", () => {
    const { tree, file } = run("She said:\n\nFirst part of the quote.\n\nSecond part of it. [2]\n\nProse again.\n");
    expect(types(tree)).toEqual(["paragraph", "blockquote", "paragraph"]);
    expect((tree.children[1] as Blockquote).children).toHaveLength(2);
    expect(messagesOf(file, "structure-quotation")).toEqual(["3:1 block quotation of 2 paragraphs"]);
  });

  it("reads a colon before a closing page reference naming the reviewed author", () => {
    const { tree } = run("He puts it so: (Cliff's citation 259-60.)\n\nThe party is the memory of the class. [1]\n", {
      reviewedWork: { author: "Tony Cliff" },
    });
    expect(types(tree)).toEqual(["paragraph", "blockquote"]);
    // Without the reviewed author, the bracket is not a page reference and the colon is not at the end.
    const bare = run("He puts it so: (Cliff's citation 259-60.)\n\nThe party is the memory of the class. [1]\n");
    expect(types(bare.tree)).toEqual(["paragraph", "paragraph"]);
  });
});

describe("restoreBlockQuotes: in quote marks", () => {
  it("makes a short quoted paragraph after a colon a quotation", () => {
    const { tree, file } = run("He writes: (12)\n\n\"Short quote.\"\n");
    expect(types(tree)).toEqual(["paragraph", "blockquote"]);
    expect(messagesOf(file, "structure-quotation")).toEqual(["3:1 block quotation of 1 paragraph"]);
  });

  it("makes a quotation of 400 characters or more a block without a colon, over two paragraphs", () => {
    const long = "word ".repeat(90).trim(); // 449 characters
    const { tree, file } = run(`Prose before.\n\n“${long}\n\n${long}.”\n\nProse after.\n`);
    expect(types(tree)).toEqual(["paragraph", "blockquote", "paragraph"]);
    expect((tree.children[1] as Blockquote).children).toHaveLength(2);
    expect(messagesOf(file, "structure-quotation")).toEqual(["3:1 block quotation of 2 paragraphs"]);
  });

  it("keeps a short quoted paragraph without a colon", () => {
    const { tree, file } = run("Prose before.\n\n“A short saying.”\n");
    expect(types(tree)).toEqual(["paragraph", "paragraph"]);
    expect(file.messages).toEqual([]);
  });
});

describe("restoreBlockQuotes: what stays a paragraph", () => {
  it("warns at a colon paragraph that is not a quotation and keeps it", () => {
    const { tree, file } = run("These are the points:\n\nThe next paragraph is ordinary prose.\n\nAnd so is this one.\n");
    expect(types(tree)).toEqual(["paragraph", "paragraph", "paragraph"]);
    expect(messagesOf(file, "structure-quotation-unsure")).toEqual([
      "3:1 a paragraph after a colon that may be a block quotation; kept as a paragraph",
    ]);
    expect(messagesOf(file, "structure-quotation")).toEqual([]);
  });

  it("keeps a paragraph whose quotation closes midway", () => {
    const { tree, file } = run("He answered:\n\n\"Yes,\" he said, and then he went on for a long time.\n");
    expect(types(tree)).toEqual(["paragraph", "paragraph"]);
    expect(messagesOf(file, "structure-quotation-unsure").map((m) => m.split(" ")[0])).toEqual(["3:1"]);
  });

  it("does not look into the closing notes", () => {
    const { tree, file } = run("Body text.\n\n1. A note that ends so:\n\n2. Another note. [3]\n");
    expect(types(tree)).toEqual(["paragraph", "paragraph", "paragraph"]);
    expect(file.messages).toEqual([]);
  });
});

describe("restoreBlockQuotes: long lines", () => {
  it("reads 20 000 `>` characters after a colon, closed by a call, as a quotation", () => {
    const marks = ">".repeat(20_000);
    const { tree, file } = run(`He wrote:\n\n${marks} [3]\n\n${marks}\n`);
    expect(types(tree)).toEqual(["paragraph", "blockquote", "paragraph"]);
    expect(toString(tree.children[1]!)).toBe(`${marks} [3]`);
    expect(messagesOf(file, "structure-quotation")).toEqual(["3:1 block quotation of 1 paragraph"]);
  });

  it("reads a colon after 20 000 spaces", () => {
    const { tree, file } = run(`He wrote${" ".repeat(20_000)}so:\n\nPlain prose follows.\n`);
    expect(types(tree)).toEqual(["paragraph", "paragraph"]);
    expect(messagesOf(file, "structure-quotation-unsure").map((m) => m.split(" ")[0])).toEqual(["3:1"]);
  });
});
