// The soft-hyphen pass (src/render/browser/soft-hyphens.js) in Chromium: after a
// page is laid out, only the soft hyphens where a line breaks stay, and the
// lines stay as they were laid out.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "puppeteer";
import hyphen from "hyphen/en/index.js";
import { closeChromium, launchChromium } from "../src/render/chromium.js";
import { fontFaceCss } from "../src/render/fonts.js";

const script = await readFile(new URL("../src/render/browser/soft-hyphens.js", import.meta.url), "utf8");
// A paragraph of the edition's kind, hyphenated as the print HTML is (words of 6 letters or more).
const text = hyphen.hyphenateSync(
  "Trotsky's revolutionary internationalism confronted the bureaucratic counterrevolution of the Stalinist apparatus, whose administrators systematically misrepresented the opposition's programme and its extraordinary determination.",
  { minWordLength: 6 },
);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium({ protocolSeconds: 60 });
});
afterAll(async () => {
  if (browser) await closeChromium(browser);
});

/** Lay the paragraph out in a narrow justified column, run the handler on it, and say what happened. */
async function laidOut(width: number) {
  const page = await browser.newPage();
  const css = `${await fontFaceCss()} p { font: 11pt/1.38 "EB Garamond"; width: ${width}px; hyphens: manual; text-align: justify; margin: 0; }`;
  await page.setContent(`<!doctype html><style>${css}</style><div class="pagedjs_page"><p>${text}</p></div>`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // A stand-in for Paged.js: the handler registers itself, and is called as Paged.js calls it after a page.
  await page.evaluate(`window.Paged = { Handler: class {}, registerHandlers(handler) { window.handler = new handler(); } };`);
  await page.addScriptTag({ content: script });
  return page.evaluate(`(() => {
    const p = document.querySelector("p");
    const lines = () => {
      const range = document.createRange();
      range.selectNodeContents(p);
      return [...new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)))];
    };
    const before = { height: p.getBoundingClientRect().height, lines: lines().length, shy: (p.textContent.match(/\\u00ad/g) || []).length };
    window.handler.afterPageLayout(document.querySelector(".pagedjs_page"));
    // Where each kept soft hyphen stands: the letters after it must open a new line.
    const node = p.firstChild;
    const kept = [];
    for (let i = node.data.indexOf("\\u00ad"); i !== -1; i = node.data.indexOf("\\u00ad", i + 1)) {
      const range = document.createRange();
      range.setStart(node, i - 1);
      range.setEnd(node, i);
      const top = range.getClientRects()[0].top;
      range.setStart(node, i + 1);
      range.setEnd(node, i + 2);
      const rects = [...range.getClientRects()];
      kept.push({ at: node.data.slice(Math.max(0, i - 6), i + 4), breaks: rects[rects.length - 1].top > top + 5 });
    }
    return { before, after: { height: p.getBoundingClientRect().height, lines: lines().length }, kept, stats: window.editionSoftHyphens, text: node.data };
  })()`) as Promise<{ before: { height: number; lines: number; shy: number }; after: { height: number; lines: number }; kept: { at: string; breaks: boolean }[]; stats: { removed: number; kept: number }; text: string }>;
}

describe("soft hyphens in the text layer", () => {
  it("keeps only the soft hyphens where a line breaks, and the lines as they were", async () => {
    const result = await laidOut(150);
    expect(result.before.shy).toBeGreaterThan(20);
    // Some lines of a narrow justified column end in a hyphenated word; every kept soft hyphen is such an end.
    expect(result.kept.length).toBeGreaterThan(0);
    for (const place of result.kept) expect(place.breaks, place.at).toBe(true);
    expect(result.stats.kept + result.stats.removed).toBe(result.before.shy);
    expect(result.after).toEqual({ height: result.before.height, lines: result.before.lines });
    // Whole words read as words: "revolutionary" appears unbroken unless a line ends inside it.
    expect(result.text.replace(/\u00ad/g, "")).toBe(text.replace(/\u00ad/g, ""));
  });

  it("removes every soft hyphen from a line wide enough to need no break", async () => {
    const result = await laidOut(5000);
    expect(result.before.lines).toBe(1);
    expect(result.kept).toEqual([]);
    expect(result.text).not.toContain("\u00ad");
  });
});
