// restoreCitations through a bare processor: the parser, the notes stage (the
// citations stage reads footnote definitions), then the plugin. Page
// references to a reviewed book are read with `reviewedWork` set on the file,
// as the front-lines stage would set it.
import type { FootnoteDefinition, Link, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { restoreCitations } from "../src/restore/citations.js";
import { restoreNotes } from "../src/restore/notes.js";
import { messagesOf, runPlugins } from "./restore-fixture.js";

function linksIn(tree: Root): Link[] {
  const links: Link[] = [];
  visit(tree, "link", (link) => {
    links.push(link);
  });
  return links;
}

describe("restoreCitations: notes read as citations", () => {
  const fixture = "Body text.[1] More text.[2] End.[3]\n\n1. L. Trotsky, My Life (London 1930), p. 45.\n\n2. Ibid., p. 50.\n\n3. Serge, op. cit., p. 7.\n";

  it("links a full citation's title and an Ibid. to the work, and reports an op. cit. with nothing before it", () => {
    const { tree, file } = runPlugins([restoreNotes, restoreCitations], fixture);
    const links = linksIn(tree);
    expect(links.map((link) => [toString(link), link.url, link.title])).toEqual([
      ["My Life", "#work-trotsky-my-life", "Trotsky, My Life"],
      ["Ibid.", "#work-trotsky-my-life", "Trotsky, My Life"],
    ]);
    expect([...(file.data.works?.keys() ?? [])]).toEqual(["work-trotsky-my-life"]);
    expect(file.data.citations?.map((record) => [record.note, record.kind, record.work, record.locator])).toEqual([
      ["1", "full", "work-trotsky-my-life", "45"],
      ["2", "ibid", "work-trotsky-my-life", "50"],
      ["3", "op-cit", undefined, "7"],
    ]);
    expect(messagesOf(file, "citations-unresolved")).toEqual(["7:1 note 3: op. cit.: no work by Serge cited before in this text; not linked"]);
    expect(messagesOf(file, "citations-count")).toEqual(["1:1 3 citations (3 in notes), 1 unresolved, 1 works cited"]);
    // The notes keep their wording.
    const notes: string[] = [];
    visit(tree, "footnoteDefinition", (definition: FootnoteDefinition) => {
      notes.push(toString(definition));
    });
    expect(notes).toEqual(["L. Trotsky, My Life (London 1930), p. 45.", "Ibid., p. 50.", "Serge, op. cit., p. 7."]);
  });

  it("lists a work first cited in short form, and fills it in from a later full citation", () => {
    const value = "Text.[1] More.[2]\n\n1. Deutscher, The Prophet Armed, p. 3.\n\n2. I. Deutscher, The Prophet Armed (Oxford 1954), p. 9.\n";
    const { tree, file } = runPlugins([restoreNotes, restoreCitations], value);
    expect(messagesOf(file, "citations-short-form-only")).toEqual([
      "3:1 note 1: Deutscher, The Prophet Armed is cited in short form with no full citation before it in this text; listed as it stands",
    ]);
    expect(linksIn(tree).map((link) => [toString(link), link.url])).toEqual([
      ["The Prophet Armed", "#work-deutscher-prophet-armed"],
      ["The Prophet Armed", "#work-deutscher-prophet-armed"],
    ]);
    const work = file.data.works?.get("work-deutscher-prophet-armed");
    // The imprint of the full citation fills in the work (Oxford as place or publisher, as the place reader decides).
    expect(work?.title).toBe("The Prophet Armed");
    expect(work?.issued).toBeDefined();
    expect([work?.publisher, work?.["publisher-place"]]).toContain("Oxford");
    expect(file.data.works?.size).toBe(1);
    expect(messagesOf(file, "citations-count")).toEqual(["1:1 2 citations (2 in notes), 0 unresolved, 1 works cited"]);
  });

  it("reports an Ibid. with no citation before it", () => {
    const { tree, file } = runPlugins([restoreNotes, restoreCitations], "Text.[1]\n\n1. Ibid., p. 3.\n");
    expect(linksIn(tree)).toEqual([]);
    expect(messagesOf(file, "citations-unresolved")).toEqual(["3:1 note 1: Ibid. with no citation before it in this text; not linked"]);
  });
});

describe("restoreCitations: notes that are not citations", () => {
  it("reads a note of discussion as no citation and links nothing in it", () => {
    const { tree, file } = runPlugins([restoreNotes, restoreCitations], "Text.[1]\n\n1. This was a bitter dispute within the party, and it lasted for years.\n");
    expect(linksIn(tree)).toEqual([]);
    expect(file.data.citations).toEqual([]);
    expect(messagesOf(file, "citations-count")).toEqual([]);
  });
});

describe("restoreCitations: page references to the reviewed book", () => {
  const reviewedWork = { title: "Trotsky Volume IV", author: "Tony Cliff", pages: "400" };
  // Counted: `(15)` at column 19, `259–60` at 51, `(1999)` at 68.
  const fixture = "Cliff argues this (15) and that (Cliff's citation 259–60.) but not (1999).\n";

  it("links page numbers in brackets and after the author's name, not a number beyond the book's pages", () => {
    const { tree, file } = runPlugins([restoreCitations], fixture, { reviewedWork });
    const links = linksIn(tree);
    expect(links.map((link) => toString(link))).toEqual(["15", "259–60"]);
    expect(links.map((link) => link.data?.hProperties?.className)).toEqual([
      ["work-ref", "page-citation"],
      ["work-ref", "page-citation"],
    ]);
    expect(links[0]!.title).toBe("Cliff, Trotsky Volume IV, page 15");
    expect(links[1]!.children[0]!.position?.start).toMatchObject({ line: 1, column: 51 });
    expect(toString(tree)).toBe("Cliff argues this (15) and that (Cliff's citation 259–60.) but not (1999).");
    expect(messagesOf(file, "citations-page-out-of-range")).toEqual([
      "1:68 (1999) is beyond the 400 pages of the book under review: not taken as a page reference",
    ]);
    expect(file.data.citations?.map((record) => [record.kind, record.locator])).toEqual([
      ["page-reference", "15"],
      ["page-reference", "259–60"],
    ]);
    expect(messagesOf(file, "citations-count")).toEqual(["1:1 2 citations (2 page references), 0 unresolved, 1 works cited"]);
  });

  it("reads no page references in a text that reviews no book, nor a bracket naming someone else", () => {
    const bare = runPlugins([restoreCitations], fixture);
    expect(linksIn(bare.tree)).toEqual([]);
    expect(bare.file.messages).toEqual([]);
    const other = runPlugins([restoreCitations], "As Deutscher says (Deutscher's citation 12.) here.\n", { reviewedWork });
    expect(linksIn(other.tree)).toEqual([]);
  });
});
