// The built site (build/site/) as readers meet it: served over HTTP from its
// folder, crawled in Chromium from the book's page, every link followed,
// axe-core run on every page in light and dark mode, screenshots taken.
import { createReadStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer";
import { chromiumArgs, chromiumPath } from "../src/render/chromium.js";

const axeScript = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".png": "image/png", ".epub": "application/epub+zip", ".pdf": "application/pdf" };

/** A static server of `dir` on a free local port: what a plain web host does. */
export async function serveFolder(dir: string): Promise<{ origin: string; server: Server }> {
  const root = path.resolve(dir);
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root + path.sep)) return void response.writeHead(403).end();
    stat(file).then(
      (info) => {
        if (!info.isFile()) return void response.writeHead(404).end();
        response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream", "content-length": info.size });
        if (request.method === "HEAD") return void response.end();
        createReadStream(file).pipe(response);
      },
      () => void response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export interface AxeViolation {
  page: string;
  scheme: "light" | "dark";
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export interface Crawl {
  /** Site paths of the HTML pages visited, from `index.html`. */
  pages: string[];
  /** Every link, stylesheet and image reference checked (page, href as written, resolved URL). */
  links: { page: string; href: string; url: string }[];
  /** References that did not resolve: a missing file, or a fragment with no element of that id. */
  broken: { page: string; href: string; reason: string }[];
  violations: AxeViolation[];
  /** Per page: whether the document is wider than a 360 px viewport. */
  overflow: { page: string; width: number }[];
  /** The structure each page shows: lang, skip link target, headings, ids repeated. */
  shapes: { page: string; lang: string | null; skipTarget: boolean; h1: number; duplicateIds: string[]; doctype: boolean }[];
  /** The faces each page loaded. */
  fonts: { page: string; loaded: string[] }[];
  /** The book page's download links: href, stated bytes and pages. */
  downloads: { href: string; bytes: number; pages: number | null; servedBytes: number | null }[];
}

export async function withSiteBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: "new", args: chromiumArgs });
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

async function runAxe(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axeScript });
  return page.evaluate(async () => {
    const results = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return results.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")) }));
  });
}

/** Crawl the site served at `origin` from its book page; axe on every page in both colour schemes. */
export async function crawlSite(browser: Browser, origin: string): Promise<Crawl> {
  const crawl: Crawl = { pages: [], links: [], broken: [], violations: [], overflow: [], fonts: [], shapes: [], downloads: [] };
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 800 });
  // What a page loads by itself (stylesheet, fonts, images): every response must be a file.
  let current = "";
  page.on("response", (response) => {
    if (response.status() >= 400) crawl.broken.push({ page: current, href: response.url(), reason: `status ${response.status()} (loaded by the page)` });
  });
  page.on("requestfailed", (request) => void crawl.broken.push({ page: current, href: request.url(), reason: `failed: ${request.failure()?.errorText}` }));
  const idsOf = new Map<string, Set<string> | null>();
  const queue = [`${origin}/index.html`];
  const seen = new Set(queue);
  const status = async (url: string) => (await fetch(url, { method: "HEAD" })).status;
  while (queue.length) {
    const url = queue.shift()!;
    const sitePath = url.slice(origin.length + 1);
    current = sitePath;
    const response = await page.goto(url, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (!response?.ok()) {
      idsOf.set(url, null);
      continue;
    }
    crawl.pages.push(sitePath);
    const found = await page.evaluate(() => ({
      ids: [...document.querySelectorAll("[id]")].map((element) => element.id),
      fonts: [...document.fonts].filter((face) => face.status === "loaded").map((face) => `${face.family} ${face.style} ${face.weight}`),
      refs: [
        ...[...document.querySelectorAll("a[href], link[href]")].map((element) => element.getAttribute("href")!),
        ...[...document.querySelectorAll("img[src]")].map((element) => element.getAttribute("src")!),
      ],
      lang: document.documentElement.getAttribute("lang"),
      doctype: document.doctype?.name === "html",
      skipTarget: (() => {
        const skip = document.querySelector("body > a:first-child");
        const target = skip?.getAttribute("href");
        return Boolean(target?.startsWith("#") && document.getElementById(target.slice(1)) && skip?.textContent?.trim());
      })(),
      h1: document.querySelectorAll("h1").length,
      width: document.documentElement.scrollWidth,
      downloads: [...document.querySelectorAll("a[download]")].map((link) => ({
        href: link.getAttribute("href")!,
        bytes: Number(link.getAttribute("data-bytes")),
        pages: link.hasAttribute("data-pages") ? Number(link.getAttribute("data-pages")) : null,
      })),
    }));
    const ids = new Set(found.ids);
    idsOf.set(url, ids);
    crawl.shapes.push({ page: sitePath, lang: found.lang, skipTarget: found.skipTarget, h1: found.h1, duplicateIds: [...new Set(found.ids.filter((id, index) => found.ids.indexOf(id) !== index))], doctype: found.doctype });
    crawl.overflow.push({ page: sitePath, width: found.width });
    crawl.fonts.push({ page: sitePath, loaded: [...new Set(found.fonts)] });
    for (const download of found.downloads) {
      const target = new URL(download.href, url).href;
      const head = await fetch(target, { method: "HEAD" });
      crawl.downloads.push({ ...download, servedBytes: head.ok ? Number(head.headers.get("content-length")) : null });
    }
    for (const href of found.refs) {
      const target = new URL(href, url);
      crawl.links.push({ page: sitePath, href, url: target.href });
      if (target.origin !== origin) continue;
      const document = `${target.origin}${target.pathname}`;
      if (document.endsWith(".html") && !seen.has(document)) {
        seen.add(document);
        queue.push(document);
      }
    }
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      for (const violation of await runAxe(page)) crawl.violations.push({ page: sitePath, scheme, ...violation });
    }
    await page.emulateMediaFeatures([]);
  }
  // Every reference, once every page's ids are known.
  const fileStatus = new Map<string, number>();
  for (const link of crawl.links) {
    const target = new URL(link.url);
    if (target.origin !== origin) continue;
    const document = `${target.origin}${target.pathname}`;
    if (!fileStatus.has(document)) fileStatus.set(document, idsOf.has(document) ? (idsOf.get(document) ? 200 : 404) : await status(document));
    if (fileStatus.get(document) !== 200) crawl.broken.push({ page: link.page, href: link.href, reason: `status ${fileStatus.get(document)}` });
    else if (target.hash && !idsOf.get(document)?.has(decodeURIComponent(target.hash.slice(1)))) crawl.broken.push({ page: link.page, href: link.href, reason: "no element with that id" });
  }
  await page.close();
  return crawl;
}

/** Screenshots of a page at the given viewports into `dir`; returns the files. */
export async function screenshots(browser: Browser, url: string, name: string, dir: string, schemes: ("light" | "dark")[] = ["light"]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const page = await browser.newPage();
  for (const [width, height] of [
    [360, 800],
    [1280, 900],
  ] as const) {
    for (const scheme of schemes) {
      await page.setViewport({ width, height });
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      await page.goto(url, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      // The fragment's target in view once the faces are in (they change the layout).
      await page.evaluate(() => document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView());
      const file = path.join(dir, `${name}-${width}x${height}-${scheme}.png`);
      await page.screenshot({ path: file as `${string}.png` });
      files.push(file);
    }
  }
  await page.close();
  return files;
}
