import { describe, expect, inject, it } from "vitest";
import { folioOf, pdfPageText, run } from "./helpers.js";

const { pdf, pageCount } = inject("edition");
const titles = [
  "Trotsky’s last, greatest struggle",
  "Was Trotsky’s defeat inevitable?",
  "Trotsky and the triumvirate",
  "Trotsky: an introduction",
  "Leon Trotsky",
  "Editorial note",
];

const pages: string[] = [];
for (let page = 1; page <= pageCount; page++) pages.push(await pdfPageText(pdf, page));

/** The first PDF page (1-based) whose opening lines hold the title. */
function openingPage(title: string): number {
  const index = pages.findIndex((text, i) => i >= 6 && text.split("\n").filter((line) => line.trim()).slice(0, 2).some((line) => line.trim() === title));
  return index + 1;
}

describe("the PDF", () => {
  it("has 6 × 9 in pages, as many as Paged.js laid out, and the manifest's metadata", async () => {
    const { stdout } = await run("pdfinfo", [pdf]);
    expect(stdout).toMatch(/Page size:\s+432 x 648 pts/);
    expect(stdout).toMatch(new RegExp(`Pages:\\s+${pageCount}\\n`));
    expect(stdout).toMatch(/Title:\s+Trotsky: Five texts on his life and his struggle/);
    expect(stdout).toMatch(/Author:\s+Dave Sherry, John Marot, Tony Cliff/);
    expect(pageCount).toBeGreaterThan(150);
  });

  it("embeds every font, none of them a synthesised Type 3", async () => {
    const { stdout } = await run("pdffonts", [pdf]);
    const fonts = stdout.split("\n").slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) {
      expect(font).not.toMatch(/Type 3/);
      expect(font).toMatch(/EBGaramond/);
      expect(font.split(/\s+/).at(-5)).toBe("yes"); // the "emb" column
    }
  });

  it("opens every text and the back matter on a recto with its title", () => {
    for (const title of titles) {
      const page = openingPage(title);
      expect(page, title).toBeGreaterThan(0);
      expect(page % 2, `${title} opens on page ${page}`).toBe(1);
    }
  });

  it("gives contents page numbers that match the folios where the texts start", () => {
    const contents = pages.findIndex((text) => text.trimStart().startsWith("Contents"));
    expect(contents).toBeGreaterThan(0);
    const listed = pages[contents]!;
    for (const title of titles) {
      const line = listed.split("\n").find((candidate) => candidate.trim().startsWith(title));
      expect(line, title).toBeDefined();
      const number = /(\d+)\s*$/.exec(line!)![1];
      expect(folioOf(pages[openingPage(title) - 1]!), title).toBe(number);
    }
  });

  it("numbers the front matter in roman and the body in arabic from 1, with no folio on display pages", () => {
    const firstText = openingPage(titles[0]!);
    expect(folioOf(pages[0]!)).toBe(""); // half-title
    expect(folioOf(pages[firstText - 1]!)).toBe("1");
    expect(folioOf(pages[firstText]!)).toBe("2");
    const contents = pages.findIndex((text) => text.trimStart().startsWith("Contents"));
    expect(folioOf(pages[contents]!)).toMatch(/^[ivx]+$/);
    expect(folioOf(pages.at(-1)!)).toBe(String(pageCount - firstText + 1));
  });
});
