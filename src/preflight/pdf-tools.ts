// What poppler-utils tells about a PDF: its fonts (pdffonts) and its words
// with their boxes, page by page (pdftotext -bbox-layout).
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const { stdout } = await run("pdffonts", [file], { maxBuffer: 64 << 20 });
  const lines = stdout.split("\n");
  // Columns are fixed-width; the dashes line gives their widths.
  const widths = lines[1]!.split(" ").map((dashes) => dashes.length);
  const column = (line: string, n: number) => {
    const start = widths.slice(0, n).reduce((sum, width) => sum + width + 1, 0);
    return line.slice(start, start + widths[n]!).trim();
  };
  return lines
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => ({ name: column(line, 0), type: column(line, 1), embedded: column(line, 3) === "yes" }));
}

export interface PdfWord {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Which of the page's lines (poppler's reading order) holds the word, from 0. */
  line: number;
}

export interface PdfTextPage {
  width: number;
  height: number;
  words: PdfWord[];
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => entities[name]!);

/** Every page's words in poppler's reading order, with their vertical place (points from the top). */
export async function pdfTextPages(file: string): Promise<PdfTextPage[]> {
  const { stdout } = await run("pdftotext", ["-bbox-layout", file, "-"], { maxBuffer: 512 << 20 });
  const pages: PdfTextPage[] = [];
  const tokens = /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>|(<line)/g;
  let line = -1;
  for (const match of stdout.matchAll(tokens)) {
    if (match[1]) pages.push({ width: Number(match[1]), height: Number(match[2]), words: [] }), (line = -1);
    else if (match[8]) line++;
    else pages.at(-1)!.words.push({ text: unescape(match[7]!), xMin: Number(match[3]), xMax: Number(match[5]), yMin: Number(match[4]), yMax: Number(match[6]), line });
  }
  return pages;
}
