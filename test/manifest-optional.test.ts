// The manifest keys an editor adding a text may leave out (issue 13): the
// edition's `subject`, `revised` and `note`, a text's `publication` and
// `source`. Each absence is said once at the manifest (`manifest-key-absent`:
// a warning for an undated edition and a text without a source, info for the
// rest), and the book goes without it: the copyright page, the EPUB's package
// and the back matter are checked here on a real build of a small fixture.
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadEdition } from "../src/manifest/load-edition.js";
import { sourceLine } from "../src/book/front-matter.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { cli, sourcesFixture } from "./helpers.js";

/** The fixture manifest without editor, publisher, subject, revised and note, and without the second text's author (anonymous), publication and source. */
const minimal = validManifest
  .replace("editor: Test Editor\n", "")
  .replace("publisher: Test Press\n", "")
  .replace("    author: Bob Writer\n", "    anonymous: true\n")
  .replace("subject: Trotsky, Leon\n", "")
  .replace("revised: 2026-01-31\n", "")
  .replace("note: |\n  A note in *Markdown*.\n", "")
  .replace("    publication: Another Journal 2\n    source:\n      site: Another Archive\n", "");

const today = () => new Date().toISOString().slice(0, 10);

describe("a manifest without the optional keys", () => {
  it("loads, saying once what each absence costs, at the right level and line", async () => {
    expect(minimal).not.toMatch(/editor|publisher|Bob|subject|revised|note|Another/);
    const dir = await sourcesFixture(minimal, fixtureTexts);
    const edition = await loadEdition(path.join(dir, "edition.yaml"));
    const absent = edition.manifestFile.messages.filter((message) => message.ruleId === "manifest-key-absent");
    expect(absent.map((message) => [message.fatal === undefined ? "info" : "warning", message.line, message.reason])).toEqual([
      ["warning", 1, `no \`revised\` date: the edition is dated today (${today()}), so a build on another day gives other bytes; add \`revised: ${today()}\``],
      ["info", 1, "no `subject`: the EPUB and the PDFs carry no subject, and the index no subject entry"],
      ["info", 1, "no `note`: the editorial note holds only the list of corrections, if any"],
      ["info", 1, "no `editor`: the title page, the copyright page and the EPUB credit no editor"],
      ["info", 1, "no `publisher`: the title page and the EPUB name no publisher; the copyright page gives only the edition's year"],
      // The second text's `id` stands on line 17 of the shortened manifest (line 23 of the fixture, less six lines).
      ["info", 17, "text `second` has no `publication`: the copyright page names only its title and date"],
      ["warning", 17, "text `second` has no `source`: the copyright page cannot say where the text was found; add `source: { site: …, url: … }`"],
    ]);
    expect(edition.manifest.revised).toBe(today());
  });

  it("says nothing of the kind for the fixture manifest, which has them all", async () => {
    const edition = await loadEdition(path.join(await sourcesFixture(validManifest, fixtureTexts), "edition.yaml"));
    expect(edition.manifestFile.messages.filter((message) => message.ruleId === "manifest-key-absent")).toEqual([]);
  });

  it("builds an EPUB whose copyright page, package and back matter go without them", async () => {
    const dir = await sourcesFixture(minimal, fixtureTexts);
    const out = await mkdtemp(path.join(os.tmpdir(), "editions-optional-out-"));
    const built = await cli(["build", "--no-pdf", "-m", path.join(dir, "edition.yaml"), "--out", out]);
    expect(built.code, built.stderr).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(path.join(out, "fixture-edition.epub")));
    const opf = await zip.file("OEBPS/content.opf")!.async("string");
    expect(opf).not.toContain("<dc:subject");
    expect(opf).not.toContain("<dc:publisher");
    expect(opf).not.toMatch(/marc:relators">edt</);
    // The anonymous text adds no creator: the one author is the first text's.
    expect(opf.match(/<dc:creator[^>]*>[^<]*/g)).toEqual(['<dc:creator id="creator-0">Ann Author']);
    expect(opf).toContain(`<dc:date>${today()}</dc:date>`);
    const copyright = (await zip.file("OEBPS/copyright.xhtml")!.async("string")).replaceAll("&#x201C;", "“").replaceAll("&#x201D;", "”");
    // The first text keeps its full line; the second, anonymous, has only its title (no date in the fixture either).
    expect(copyright).toContain("Ann Author, “The first text”, A Journal 1, 1994. Text from An Archive.");
    expect(copyright).toContain("<li>“The second text”.</li>");
    // No editor and no publisher: the imprint line gives only the edition's year.
    expect(copyright).toContain(`<p class="imprint">This edition ${today().slice(0, 4)}.</p>`);
    expect(copyright).not.toMatch(/Edited by|Published by|Anonymous/);
    const titlePage = await zip.file("OEBPS/title-page.xhtml")!.async("string");
    expect(titlePage).not.toMatch(/book-editor|book-publisher|Edited by/);
    expect(titlePage).toContain('<p class="book-authors">Ann Author</p>');
    expect(copyright).not.toMatch(/“The second text”, ?\./);
    expect(copyright).not.toContain("undefined");
    // No note and no corrections: no editorial note at all.
    expect(Object.keys(zip.files).filter((name) => /editorial-note/.test(name))).toEqual([]);
    const print = await readFile(path.join(out, "fixture-edition.html"), "utf8");
    expect(print).not.toContain('name="keywords"');
  });
});

describe("a text's source line on the copyright page", () => {
  const entry = { id: "t", file: "t.txt", author: "A. Writer", title: "A title", kind: "article" as const };
  const line = (extra: object) =>
    sourceLine({ ...entry, ...extra })
      .map((node) => {
        if (node.type === "text") return node.value;
        if (node.type !== "element") return "";
        const words = (node.children[0] as { value: string }).value;
        // A book's title in italics (`*…*` here), a link as Markdown.
        return node.tagName === "cite" ? `*${words}*` : `[${words}](${String(node.properties.href)})`;
      })
      .join("");

  it.each([
    [{}, "A. Writer, “A title”."],
    [{ author: undefined, anonymous: true, date: "1994" }, "“A title”, 1994."],
    [{ date: "1994" }, "A. Writer, “A title”, 1994."],
    [{ publication: "A Journal 3" }, "A. Writer, “A title”, A Journal 3."],
    [{ source: { site: "An Archive" } }, "A. Writer, “A title”. Text from An Archive."],
    [{ publication: "J 1", date: "1994", source: { site: "S", url: "https://example.org/t" } }, "A. Writer, “A title”, J 1, 1994. Text from [S](https://example.org/t)."],
    // A book's title in italics, never in quotes as an article's.
    [{ kind: "book", publication: "web book" }, "A. Writer, *A title*, web book."],
    [{ kind: "book", author: undefined, anonymous: true }, "*A title*."],
  ])("%o gives %s", (extra, expected) => {
    expect(line(extra)).toBe(expected);
  });
});
