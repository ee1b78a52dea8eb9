// restorePlainLists through a bare processor, on inline fixtures: the shapes
// plain texts give lists (a tight list, a loose one as pandoc's plain writer
// and wiki dumps set it, with nested items indented four spaces), and lines
// that only look like items.
import { describe, expect, it } from "vitest";
import { restorePlainLists } from "../src/restore/plain-lists.js";
import { messagesOf, runPlugins } from "./restore-fixture.js";

const run = (value: string) => runPlugins([restorePlainLists], value);

describe("restorePlainLists", () => {
  it("nests a loose list by indentation across its blocks, continuation lines joined to their item", () => {
    const value = "Intro sentence of the article.\n\n-   First item\n\n-   Second item that runs\n    over two lines\n\n    -   A nested item\n\n    -   Another nested one\n\n-   Third item\n\nA closing paragraph.\n";
    const { markdown, file } = run(value);
    expect(markdown).toBe("Intro sentence of the article.\n\n* First item\n* Second item that runs\n  over two lines\n  * A nested item\n  * Another nested one\n* Third item\n\nA closing paragraph.\n");
    expect(file.data.listsFound).toEqual([{ items: 5, depth: 2, ordered: false, line: 3 }]);
    expect(messagesOf(file, "structure-list")).toEqual(["3:1 read a bulleted list"]);
  });

  it("leaves a lone line that opens with a dash or a number, and a block with a line that is no item", () => {
    const value = "Title\n\n- he said, and left.\n\n1917 was the year.\n\n- an item\nand a line that is not one\n";
    const { markdown, file } = run(value);
    expect(markdown).not.toContain("* ");
    expect(file.data.listsFound).toBeUndefined();
  });

  it("keeps the numbered notes that close a text as notes", () => {
    const value = "A sentence with a call.[1] And another.[2]\n\nNotes\n\n1. The first note.\n2. The second note.\n";
    const { markdown } = run(value);
    // Still a paragraph: Markdown escapes its `1.`, which a list would not.
    expect(markdown).toContain("1\\. The first note.\n2\\. The second note.");
  });
});
