// The EPUB's cover: a typographic image made from the manifest's title,
// subtitle and authors, drawn by the Chromium the PDF already needs, and
// cached by content.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Element } from "hast";
import { h } from "hastscript";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import type { Manifest } from "../manifest/manifest-schema.js";
import { bookAuthors, fullTitle } from "../book/front-matter.js";
import { assertChromium, closeChromium, launchChromium } from "./chromium.js";
import { fontFaceCss } from "./fonts.js";

/** 1600 × 2400 px: the 2:3 shape and size that reading systems and shops expect. */
export const coverSize = { width: 1600, height: 2400 };

/** Words for the cover's alternative text: what the image shows. */
export function coverDescription(manifest: Manifest): string {
  return [`Cover: ${fullTitle(manifest)}.`, `${bookAuthors(manifest).join(", ")}.`, manifest.editor ? `Edited by ${manifest.editor}.` : ""].filter(Boolean).join(" ");
}

/**
 * The cover's design, for the EPUB's image and the print cover's front alike: its rules under `root` (the
 * image's body, or the print cover's front panel), every length scaled by `scale` (1: the 1600 px image).
 */
export function coverFrontCss(root: string, scale = 1): string {
  const px = (n: number) => `${+(n * scale).toFixed(3)}px`;
  return `
    ${root} { background: #7a1f1a; color: #f4ecdf; font-family: "EB Garamond", serif; display: flex; flex-direction: column; box-sizing: border-box; padding: ${px(200)} ${px(150)}; }
    ${root} .rule { border-top: ${px(6)} solid #f4ecdf; width: ${px(320)}; margin: ${px(80)} 0; }
    ${root} h1 { font-size: ${px(260)}; font-weight: 400; letter-spacing: ${px(6)}; line-height: 1; margin: 0; }
    ${root} .subtitle { font-size: ${px(96)}; font-style: italic; line-height: 1.15; margin: 0; }
    ${root} .authors { font-size: ${px(64)}; letter-spacing: ${px(4)}; text-transform: uppercase; line-height: 1.5; margin: auto 0 0; }
    ${root} .editor { font-size: ${px(52)}; font-style: italic; margin: ${px(40)} 0 0; }`;
}

/** What the front of the cover shows: title, rule, subtitle, authors and editor. */
export function coverFront(manifest: Manifest): Element[] {
  return [
    h("h1", manifest.title),
    h("div", { className: ["rule"] }),
    ...(manifest.subtitle ? [h("p", { className: ["subtitle"] }, manifest.subtitle)] : []),
    h("p", { className: ["authors"] }, bookAuthors(manifest).flatMap((name, index) => (index ? [h("br"), name] : [name]))),
    ...(manifest.editor ? [h("p", { className: ["editor"] }, `Edited by ${manifest.editor}`)] : []),
  ];
}

export async function coverHtml(manifest: Manifest): Promise<string> {
  const css = `${await fontFaceCss()}
    html, body { margin: 0; width: ${coverSize.width}px; height: ${coverSize.height}px; }${coverFrontCss("body")}`;
  const page = h("html", { lang: manifest.language }, [h("head", [h("meta", { charset: "utf-8" }), h("style", css)]), h("body", coverFront(manifest))]);
  return unified().use(rehypeStringify).stringify({ type: "root", children: [{ type: "doctype" }, page] });
}

/** Covers drawn in this process, by their HTML: a rebuild in `edition watch` does not start Chromium again. */
const drawn = new Map<string, Buffer>();

/**
 * Covers drawn by earlier processes, by a hash of what the image is made from (the cover's HTML,
 * fonts included, and the browser that draws it): `EDITION_CACHE_DIR`, else `edition-cache` in the
 * system's temporary folder. A cold `edition build` and every test build then reuse one drawing.
 */
export function coverCacheFile(html: string, executablePath: string): string {
  const key = createHash("sha256").update(executablePath).update("\0").update(html).digest("hex");
  return path.join(process.env.EDITION_CACHE_DIR || path.join(os.tmpdir(), "edition-cache"), "covers", `${key}.png`);
}

/** The cover as PNG; throws ChromiumMissingError when there is no Chromium. */
export async function renderCover(manifest: Manifest): Promise<Buffer> {
  const executablePath = await assertChromium();
  const html = await coverHtml(manifest);
  const known = drawn.get(html);
  if (known) return known;
  const cached = coverCacheFile(html, executablePath);
  const stored = await readFile(cached).catch(() => undefined);
  if (stored?.subarray(0, 8).equals(pngSignature)) {
    drawn.set(html, stored);
    return stored;
  }
  const image = await drawCover(html);
  drawn.set(html, image);
  // A cache that cannot be written costs only the next drawing.
  await writeFileAtomically(cached, image).catch(() => undefined);
  return image;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function writeFileAtomically(file: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

async function drawCover(html: string): Promise<Buffer> {
  const browser = await launchChromium({ protocolSeconds: 60 });
  try {
    const page = await browser.newPage();
    await page.setViewport({ ...coverSize, deviceScaleFactor: 1 });
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return Buffer.from(await page.screenshot({ type: "png", clip: { x: 0, y: 0, ...coverSize } }));
  } finally {
    await closeChromium(browser);
  }
}
