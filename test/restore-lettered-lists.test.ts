// restoreLetteredLists through a bare processor (parser, then the plugin; and
// with block quotations first, for a list inside a quotation).
import type { List, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import { restoreBlockQuotes } from "../src/restore/block-quotes.js";
import { restoreLetteredLists } from "../src/restore/lettered-lists.js";
import { messagesOf, runPlugins } from "./restore-fixture.js";

const types = (tree: Root) => tree.children.map((node) => node.type);

describe("restoreLetteredLists", () => {
  it("makes paragraphs (a), (b), (c) in order one ordered list, letters kept", () => {
    const { tree, file } = runPlugins([restoreLetteredLists], "The demands:\n\n(a) bread;\n\n(b) land;\n\n(c) peace.\n\nAfter.\n");
    expect(types(tree)).toEqual(["paragraph", "list", "paragraph"]);
    const list = tree.children[1] as List;
    expect(list.ordered).toBe(true);
    expect(list.children.map((item) => toString(item))).toEqual(["(a) bread;", "(b) land;", "(c) peace."]);
    expect(list.data).toEqual({ hProperties: { className: ["lettered"] } });
    expect(list.position?.start).toMatchObject({ line: 3, column: 1 });
    expect(list.position?.end).toMatchObject({ line: 7, column: 11 });
    expect(messagesOf(file, "structure-lettered-list")).toEqual(["3:1 lettered list of 3 items"]);
  });

  it("keeps a lone (a), a run that does not start at (a), letters out of order, and `(a)` without a space", () => {
    const value = "(a) alone.\n\nText.\n\n(b) second\n\n(c) third\n\nText.\n\n(a) first\n\n(c) third\n\nText.\n\n(a)first\n\n(b)second\n";
    const { tree, file } = runPlugins([restoreLetteredLists], value);
    expect(tree.children.every((node) => node.type === "paragraph")).toBe(true);
    expect(file.messages).toEqual([]);
  });

  it("ends the list where the letters stop following each other", () => {
    const { tree, file } = runPlugins([restoreLetteredLists], "(a) one\n\n(b) two\n\n(d) four\n");
    expect(types(tree)).toEqual(["list", "paragraph"]);
    expect(messagesOf(file, "structure-lettered-list")).toEqual(["1:1 lettered list of 2 items"]);
  });

  it("finds a list inside a block quotation", () => {
    const { tree } = runPlugins([restoreBlockQuotes, restoreLetteredLists], "He wrote:\n\n“(a) one\n\n(b) two.” [1]\n");
    expect(types(tree)).toEqual(["paragraph", "blockquote"]);
    // The quotation starts with `“`, so its first paragraph does not start with `(a)`: no list.
    expect((tree.children[1] as { children: { type: string }[] }).children.map((node) => node.type)).toEqual(["paragraph", "paragraph"]);
    const plain = runPlugins([restoreBlockQuotes, restoreLetteredLists], "He wrote:\n\n(a) one\n\n(b) two. [1]\n");
    expect((plain.tree.children[1] as { children: { type: string }[] }).children.map((node) => node.type)).toEqual(["list"]);
  });
});
