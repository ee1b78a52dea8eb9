// Large outputs are made and written piece by piece (issue 24, part 6): the
// print HTML one run of divisions at a time, report.html some thousand raw
// lines at a time, each through the one atomic writer. The pieces must join
// to what the whole would have been.
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Element, Root } from "hast";
import { h } from "hastscript";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import type { Division } from "../src/book/division.js";
import type { Manifest } from "../src/manifest/manifest-schema.js";
import { writeAtomically } from "../src/output.js";
import { printHtmlPieces, printTree } from "../src/render/print-html.js";
import { reportHtmlPieces } from "../src/report/report-html.js";

const tempDir = () => mkdtemp(path.join(os.tmpdir(), "edition-streamed-"));

describe("the atomic writer with pieces", () => {
  it("writes the pieces in order and leaves no temporary file", async () => {
    const dir = await tempDir();
    const target = path.join(dir, "out.html");
    function* pieces() {
      yield "<p>one</p>";
      yield "<p>twó</p>";
      yield "<p>three</p>";
    }
    await writeAtomically(target, pieces());
    expect(await readFile(target, "utf8")).toBe("<p>one</p><p>twó</p><p>three</p>");
    expect(await readdir(dir)).toEqual(["out.html"]);
  });

  it("keeps the file in place when making a piece fails", async () => {
    const dir = await tempDir();
    const target = path.join(dir, "out.html");
    await writeFile(target, "the last good output");
    async function* failing() {
      yield "<p>half</p>";
      throw new Error("a piece failed");
    }
    await expect(writeAtomically(target, failing())).rejects.toThrow("a piece failed");
    expect(await readFile(target, "utf8")).toBe("the last good output");
    expect(await readdir(dir)).toEqual(["out.html"]);
  });
});

const division = (id: string, part: Division["part"], children: Element[]): Element => {
  const node = h("section", { id, className: ["division"] }, children);
  node.data = { division: { id, part, title: `Title ${id}`, inContents: part !== "front" } };
  return node;
};

const manifest = { title: "A Book", language: "en", trim: "6x9in", description: "d", subject: "s", editor: "E", texts: [] } as unknown as Manifest;

/** Front matter, a contents list, a text whose call points at a note kept in the next text, that text, and one more. */
function book(): Root {
  return {
    type: "root",
    children: [
      division("half-title", "front", [h("p", "A Book")]),
      division("contents", "front", [h("ol", [h("li", { className: ["contents-entry"] }, [h("a", { href: "#text-a" }, "Text A")])])]),
      division("text-a", "body", [h("p", ["An extraordinarily long sentence with a call", h("a", { href: "#note-1", className: ["noteref"] }, "1"), " in it."])]),
      division("text-b", "body", [
        h("p", "Another paragraph of considerable length."),
        h("section", { className: ["notes"] }, [h("ol", [h("li", { id: "note-1", className: ["note"] }, [h("p", "The note, far from its call.")])])]),
      ]),
      division("text-c", "body", [h("p", "A last paragraph, unconnected.")]),
    ],
  };
}

describe("the print HTML in pieces", () => {
  it("joins to the whole print tree serialised at once, a note moved across divisions included", async () => {
    const pieces: string[] = [];
    for await (const piece of printHtmlPieces(manifest, book())) pieces.push(piece);
    const html = pieces.join("");
    const body = html.slice(html.indexOf("<body>") + "<body>".length, html.lastIndexOf("</body>"));
    const whole = unified().use(rehypeStringify).stringify(printTree(manifest, book()));
    expect(body).toBe(whole);
    // The note stands after its call in text A, and text B's emptied notes section is gone.
    // The float stands right before its call (print-notes.ts).
    expect(body).toMatch(/<span class="footnote" data-note-id="note-1">.*?<\/span><a href="#note-1" class="noteref">1<\/a>/);
    expect(body).not.toContain('class="notes"');
    // Head, the run of texts A and B (the note ties them), each other division alone, and the closing tags.
    expect(pieces).toHaveLength(1 + 4 + 1);
    expect(pieces.filter((piece) => piece.includes('id="text-a"'))[0]).toContain('id="text-b"');
    // Arabic numbering starts at the first text only.
    expect(body.match(/body-start/g)).toHaveLength(1);
  });
});

describe("a long division in the print HTML", () => {
  /** A text of 450 paragraphs, a call in paragraph 120 to a note in its notes section at the end, then a short text. */
  function longBook(): Root {
    const paragraphs = Array.from({ length: 450 }, (_, index) =>
      h("p", index === 119 ? ["Paragraph 120, considerably long, with a call", h("a", { href: "#note-9", className: ["noteref"] }, "9"), "."] : `Paragraph ${index + 1}, considerably long.`),
    );
    return {
      type: "root",
      children: [
        division("text-a", "body", [...paragraphs, h("section", { className: ["notes"] }, [h("ol", [h("li", { id: "note-9", className: ["note"] }, [h("p", "The ninth note.")])])])]),
        division("text-b", "body", [h("p", "A short text.")]),
      ],
    };
  }

  it("is made some hundred children at a time, and joins to the whole print tree", async () => {
    const pieces: string[] = [];
    for await (const piece of printHtmlPieces(manifest, longBook())) pieces.push(piece);
    const html = pieces.join("");
    const body = html.slice(html.indexOf("<body>") + "<body>".length, html.lastIndexOf("</body>"));
    expect(body).toBe(unified().use(rehypeStringify).stringify(printTree(manifest, longBook())));
    expect(body).toMatch(/<span class="footnote" data-note-id="note-9">.*?<\/span><a href="#note-9" class="noteref">9<\/a>/);
    expect(body).not.toContain('class="notes"');
    // Head; text A's opening tag, paragraphs 1–119, then 120 (the call) to the notes section, which stay together
    // though they are more than 200, its closing tag; text B; the end.
    const plain = pieces.map((piece) => piece.replaceAll("\u00AD", ""));
    expect(plain).toHaveLength(1 + 4 + 1 + 1);
    expect(plain[1]).toMatch(/^<section id="text-a"[^>]*>$/);
    expect(plain[2]).toMatch(/^<p>Paragraph 1, .*<p>Paragraph 119, considerably long\.<\/p>$/);
    expect(plain[3]).toMatch(/^<p>Paragraph 120, .*<p>Paragraph 450, considerably long\.<\/p>$/);
    expect(plain[4]).toBe("</section>");
  });
});

describe("report.html in pieces", () => {
  it("shows every raw line of a long CRLF text once, in order, and quotes the line a message points at", () => {
    const lines = Array.from({ length: 4_500 }, (_, index) => `line ${index + 1} <of> many`);
    const file = new VFile({ path: "texts/a.txt", value: `${lines.join("\r\n")}\r\n`, data: { textId: "a" } });
    file.message("a problem here", { place: { line: 4_321, column: 1 }, ruleId: "x-rule", source: "structure" });
    const reportManifest = { title: "T", texts: [{ id: "a", title: "Text A" }] } as unknown as Manifest;
    const pieces = [...reportHtmlPieces({ manifest: reportManifest, files: [file] })];
    // Head, the section's start, three pieces of up to 2,000 raw lines, the section's end with the document's.
    expect(pieces.length).toBeGreaterThanOrEqual(5);
    const html = pieces.join("");
    expect(html).not.toContain("\r");
    const ids = [...html.matchAll(/<span id="text-a-L(\d+)" class="line">/g)].map((match) => Number(match[1]));
    // The text ends with a line break, so the raw copy has an empty last line, as the text's lines are counted by the editor.
    expect(ids).toEqual(Array.from({ length: 4_501 }, (_, index) => index + 1));
    expect(html).toContain('<a href="#text-a-L4321">4321</a> line 4321 &#x3C;of> many\n</span>');
    expect(html).toMatch(/<a href="#text-a-L4321">4321:1<\/a><\/td><td>warning<\/td><td>a problem here<br><q class="raw">line 4321 &#x3C;of> many<\/q>/);
    expect(html.endsWith("</pre></details></section></body></html>")).toBe(true);
  });
});
