// `npm run bench`: how long each stage takes on the full edition, peak
// memory (node and every Chromium process during the PDF render), a cold and
// a warm one-word rebuild, and pandoc turning the same print HTML into an
// EPUB as a yardstick. Writes build/bench.json (or --out <dir>/bench.json).
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Plugin, Transformer } from "unified";
import { unified } from "unified";
import JSZip from "jszip";
import { build } from "../src/build.js";
import { decodeText } from "../src/ingest/decode-text.js";
import { loadEdition } from "../src/manifest/load-edition.js";
import { writeAtomically } from "../src/output.js";
import { buildEdition, textProcessor } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { ZipEntryCache } from "../src/render/epub-zip.js";
import { forgetRenderMemos } from "../src/watch/render-memo.js";
import { renderPdf } from "../src/render/pdf.js";
import { renderPrintHtml } from "../src/render/print-html.js";
import { projectRoot } from "../src/project-root.js";
import { BuildCache } from "../src/watch/build-cache.js";
import { MemorySampler } from "./memory.js";
import { scaleFigures } from "./scale.js";
import { startupFigures } from "./startup.js";
import { issueRows, issueTable } from "./issue-table.js";
import { citationFigures, notesLinked, trotskyQuality } from "../test/quality.js";

const run = promisify(execFile);
const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1]!;
};
const manifestPath = path.resolve(argument("--manifest", path.join(projectRoot, "sources", "edition.yaml")));
const outDir = path.resolve(argument("--out", path.join(projectRoot, "build")));
const runs = Number(argument("--runs", "3"));
/** The development corpus as its own edition (texts of other kinds: `[n]` notes, Markdown, a Gutenberg book). */
const corpusManifestPath = path.resolve(argument("--corpus", path.join(projectRoot, "test", "fixtures", "corpus", "edition.yaml")));
const skipPdf = process.argv.includes("--no-pdf");
/** Sizes of the generated one-text editions (MiB); `--no-scale` leaves the scale figures out. */
const scaleSizes = process.argv.includes("--no-scale") ? undefined : argument("--scale-sizes", "10,50").split(",").filter(Boolean).map(Number);

const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: ms(start) };
}

/** Which stage a unified plugin belongs to, by its name (restore plugins are `restore…`). */
function stageOf(plugin: { name: string }): "restore" | "enrich" | "toHast" {
  if (plugin.name.startsWith("restore")) return "restore";
  if (plugin.name === "remarkRehype") return "toHast";
  return "enrich";
}

/** The text processor with each transformer timed; times add up in `sink`, by plugin name. */
function timedProcessor(options: Parameters<typeof textProcessor>[0], sink: Map<string, number>) {
  const processor = unified();
  for (const [plugin, ...parameters] of textProcessor(options).attachers) {
    const wrapped: Plugin<unknown[]> = function (this: typeof processor, ...args: unknown[]) {
      const transformer = (plugin as Plugin<unknown[]>).apply(this, args) as Transformer | undefined;
      if (typeof transformer !== "function") return transformer;
      return async (tree, file) => {
        const start = performance.now();
        const result =
          transformer.length >= 3
            ? await new Promise((resolve, reject) => {
                transformer(tree, file, (error, output) => {
                  if (error) reject(error);
                  else resolve(output);
                  return undefined;
                });
              })
            : await transformer(tree, file, () => {});
        sink.set(plugin.name, (sink.get(plugin.name) ?? 0) + performance.now() - start);
        return result as typeof tree | undefined;
      };
    };
    Object.defineProperty(wrapped, "name", { value: plugin.name });
    processor.use(wrapped, ...parameters);
  }
  return processor;
}

/** One pass of ingest (read, decode, parse) and the text processor's plugins over every text. */
async function textStages(manifest = manifestPath) {
  const ingestStart = performance.now();
  const loaded = await loadEdition(manifest);
  let ingest = performance.now() - ingestStart;
  const plugins = new Map<string, number>();
  const processor = timedProcessor(loaded, plugins);
  for (const file of loaded.texts) {
    const start = performance.now();
    decodeText(file);
    const tree = processor.parse(file);
    ingest += performance.now() - start;
    await processor.run(tree, file);
  }
  const byStage = { ingest: Math.round(ingest * 10) / 10, restore: 0, enrich: 0, toHast: 0 };
  for (const [name, time] of plugins) byStage[stageOf({ name })] += time;
  for (const key of ["restore", "enrich", "toHast"] as const) byStage[key] = Math.round(byStage[key] * 10) / 10;
  return { ...byStage, plugins: Object.fromEntries([...plugins].map(([name, time]) => [name, Math.round(time * 10) / 10])) };
}

/** simkin line 5: "was born in Yanovka, Russia"; one word, corrected differently each run. */
const changeOneWord = (corrections: string, original: string, index: number) =>
  writeFile(corrections, `${original}\n- text: simkin\n  wrong: Yanovka\n  right: Yanovka${"’".repeat(index + 1)}\n  reason: benchmark\n`);

async function enrichNamesFigures(passes: { plugins: Record<string, number> }[]) {
  const names = (list: { plugins: Record<string, number> }[]) => ({ firstPass: list[0]!.plugins.enrichNames ?? null, median: median(list.map((pass) => pass.plugins.enrichNames ?? 0)) });
  const corpus = [];
  for (let index = 0; index < runs; index++) corpus.push(await textStages(corpusManifestPath));
  return { edition: names(passes), corpus: names(corpus) };
}

async function oneWordRebuild() {
  // A copy of the sources, where a correction is added to one text and changed between runs.
  const sources = await mkdtemp(path.join(os.tmpdir(), "edition-bench-sources-"));
  await cp(path.dirname(manifestPath), sources, { recursive: true });
  const out = await mkdtemp(path.join(os.tmpdir(), "edition-bench-out-"));
  const corrections = path.join(sources, "corrections.yaml");
  const original = await readFile(corrections, "utf8").catch(() => "");
  const cache = new BuildCache();
  let epubReady = 0;
  let epubStarted = 0;
  const options = {
    manifestPath: path.join(sources, path.basename(manifestPath)),
    outDir: out,
    pdf: false,
    cache,
    onStep: (step: string) => {
      if (step.includes("EPUB")) epubStarted = performance.now();
    },
    log: (line: string) => {
      // The EPUB is written last (after the PDF, whose page map it uses); its line may say why it has no page-list.
      if (/^wrote \S+\.epub\b/.test(line)) epubReady = performance.now();
    },
  };
  const cold = await timed(() => build(options));
  const warm: { epub: number; all: number; pipeline: number; cpu: number; processed: string[] }[] = [];
  for (let index = 0; index < runs; index++) {
    await changeOneWord(corrections, original, index);
    cache.texts.resetCounts();
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await build(options);
    const cpu = process.cpuUsage(cpuStart);
    const round = (value: number) => Math.round(value * 10) / 10;
    warm.push({ epub: round(epubReady - start), pipeline: round(epubStarted - start), all: ms(start), cpu: round((cpu.user + cpu.system) / 1000), processed: [...cache.texts.processed] });
  }
  return {
    coldInProcessMs: cold.ms,
    warmOneWordEpubMs: median(warm.map((entry) => entry.epub)),
    warmOneWordPipelineMs: median(warm.map((entry) => entry.pipeline)),
    warmOneWordAllMs: median(warm.map((entry) => entry.all)),
    /** CPU time of the whole warm rebuild (EPUB, print HTML, report): what it costs on an idle machine, roughly. */
    warmOneWordAllCpuMs: median(warm.map((entry) => entry.cpu)),
    textsProcessed: warm[0]!.processed,
  };
}

async function pandoc(printHtmlPath: string) {
  const version = (await run("pandoc", ["--version"]).catch(() => undefined))?.stdout.split("\n")[0];
  if (!version) return undefined;
  const out = await mkdtemp(path.join(os.tmpdir(), "edition-bench-pandoc-"));
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    await run("pandoc", ["--from", "html", "--to", "epub3", "--output", path.join(out, "pandoc.epub"), printHtmlPath], { maxBuffer: 64 * 1024 * 1024 });
    times.push(ms(start));
  }
  return { version, epubMs: median(times) };
}

/** The corpus edition: pipeline and EPUB times (median), its notes linked and the EPUB's largest file. */
async function corpusFigures() {
  const times: number[] = [];
  let figures: { notes: ReturnType<typeof notesLinked>; citations: ReturnType<typeof citationFigures>; xhtmlFiles: number; largestXhtmlBytes: number } | undefined;
  for (let index = 0; index < runs; index++) {
    forgetRenderMemos();
    const start = performance.now();
    const edition = await buildEdition(corpusManifestPath, { keepRestored: false });
    const epub = await renderEpub(edition.manifest, edition.book, { zipCache: new ZipEntryCache() });
    times.push(ms(start));
    const zip = await JSZip.loadAsync(epub);
    const sizes = await Promise.all(Object.values(zip.files).filter((entry) => entry.name.endsWith(".xhtml")).map(async (entry) => (await entry.async("uint8array")).length));
    figures = { notes: notesLinked(edition), citations: citationFigures(edition), xhtmlFiles: sizes.length, largestXhtmlBytes: Math.max(...sizes) };
  }
  return { manifest: path.relative(projectRoot, corpusManifestPath), pipelineAndEpubMs: median(times), ...figures! };
}

async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const memory = new MemorySampler();
  memory.start();
  log(`benchmark of ${path.relative(process.cwd(), manifestPath)}, ${runs} runs per stage (median)`);

  const first = await textStages();
  const passes = [first];
  for (let index = 1; index < runs; index++) passes.push(await textStages());
  const stage = (key: "ingest" | "restore" | "enrich" | "toHast") => median(passes.map((pass) => pass[key]));

  const pipelineTimes: number[] = [];
  let edition = await buildEdition(manifestPath);
  for (let index = 0; index < runs; index++) {
    // Each pipeline, EPUB and print HTML cold for the render memos (the work after the texts kept by content).
    forgetRenderMemos();
    const result = await timed(() => buildEdition(manifestPath));
    edition = result.value;
    pipelineTimes.push(result.ms);
  }
  const epubTimes: number[] = [];
  const htmlTimes: number[] = [];
  let printHtml = "";
  for (let index = 0; index < runs; index++) {
    // Each render cold: no entry compressed by an earlier one.
    forgetRenderMemos();
    epubTimes.push((await timed(() => renderEpub(edition.manifest, edition.book, { zipCache: new ZipEntryCache() }))).ms);
    forgetRenderMemos();
    const html = await timed(() => renderPrintHtml(edition.manifest, edition.book));
    htmlTimes.push(html.ms);
    printHtml = html.value;
  }
  const printHtmlPath = path.join(await mkdtemp(path.join(os.tmpdir(), "edition-bench-html-")), "print.html");
  await writeFile(printHtmlPath, printHtml);
  log("text stages, EPUB and print HTML timed");

  let pdf: { ms: number; pages: number } | undefined;
  if (!skipPdf) {
    memory.watchChildren(true);
    const result = await timed(() => renderPdf(edition.manifest, printHtml));
    memory.watchChildren(false);
    pdf = { ms: result.ms, pages: result.value.pageCount };
    log(`PDF: ${pdf.pages} pages in ${(pdf.ms / 1000).toFixed(1)} s`);
  }

  const quality = await trotskyQuality(edition);
  const corpus = await corpusFigures();
  log(`corpus edition: ${(corpus.pipelineAndEpubMs / 1000).toFixed(1)} s, ${corpus.xhtmlFiles} XHTML files`);

  const rebuild = await oneWordRebuild();
  log("one-word rebuild timed");
  const startup = await startupFigures({
    manifestPath,
    rawTexts: edition.texts.map((file) => file.path),
    title: edition.manifest.title,
    runs,
    changeOneWord: async (sources, index) => {
      const corrections = path.join(sources, "corrections.yaml");
      await changeOneWord(corrections, await readFile(path.join(path.dirname(manifestPath), "corrections.yaml"), "utf8").catch(() => ""), index);
    },
  });
  log("new processes timed");
  const reference = await pandoc(printHtmlPath);
  memory.stop();
  // Each as its own process, after this process' memory figures are taken.
  const scale = scaleSizes ? await scaleFigures({ sizesMiB: scaleSizes, log }) : null;

  const pipelineMs = median(pipelineTimes);
  const epubMs = median(epubTimes);
  const ourEpubBuild = Math.round((pipelineMs + epubMs) * 10) / 10;
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverageAtStart: Math.round(loadAtStart * 100) / 100, loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100), node: process.version },
    runs,
    stagesMs: {
      ingest: stage("ingest"),
      restore: stage("restore"),
      enrich: stage("enrich"),
      toHast: stage("toHast"),
      pipelineToBook: pipelineMs,
      epub: epubMs,
      printHtml: median(htmlTimes),
      pdf: pdf?.ms ?? null,
    },
    firstPassMs: { ingest: first.ingest, restore: first.restore, enrich: first.enrich, toHast: first.toHast },
    pluginsMs: first.plugins,
    /** Issue 14: the time enrichNames takes, on the first pass (a new process) and the median of the passes; the corpus edition too. */
    enrichNamesMs: await enrichNamesFigures(passes),
    pdfPages: pdf?.pages ?? null,
    rebuild: { coldProcessNoPdfMs: startup.buildNoPdfForced.ms, upToDateProcessNoPdfMs: startup.buildNoPdf.ms, ...rebuild },
    /** Each command as a new process (median wall and CPU time), and pandoc's naive conversion of the raw texts. */
    startup,
    /** The rows of issue 18's table, with their ratio to pandoc's conversion of the raw texts. */
    issueRows: issueRows({ inProcessMs: ourEpubBuild, startup, warmOneWordEpubMs: rebuild.warmOneWordEpubMs, load: [] }),
    pandoc: reference
      ? { ...reference, ourEpubBuildMs: ourEpubBuild, ratio: Math.round((ourEpubBuild / reference.epubMs) * 100) / 100 }
      : null,
    /** Measured against the readings in test/fixtures/ (the tests hold a floor on each). */
    quality,
    corpus,
    memory: memory.summary(),
    /** Hostile lines and large texts, each an `edition build --no-pdf` process: time, exit status, peak RSS and PSS. */
    scale,
  };
  log(`enrichNames: edition ${results.enrichNamesMs.edition.firstPass} ms first pass, ${results.enrichNamesMs.edition.median} ms median; corpus ${results.enrichNamesMs.corpus.median} ms median`);
  log(issueTable({ inProcessMs: ourEpubBuild, startup, warmOneWordEpubMs: rebuild.warmOneWordEpubMs, load: [loadAtStart, ...os.loadavg()] }));
  await writeAtomically(path.join(outDir, "bench.json"), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.join(outDir, "bench.json")}`);
}

await main();
