// The `edition` command: build, check, watch, --help, --version.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import type { VFile } from "vfile";
import { build } from "./build.js";
import { editionSpellingCandidates, formatSpellingCandidates } from "./check/spelling-candidates.js";
import { buildEdition } from "./pipeline.js";
import { formatPreflight, preflight } from "./preflight/preflight.js";
import { printOutline, printTree } from "./render/print-html.js";
import { projectRoot } from "./project-root.js";
import { ChromiumMissingError } from "./render/chromium.js";
import { restoredDiff } from "./report/restored-diff.js";
import { PdfFailedError } from "./report/build-errors.js";
import { EpubInvalidError } from "./render/epub-check.js";
import { terminalProgress } from "./report/progress.js";
import { watch } from "./watch/watch.js";
import { displayPath } from "./manifest/yaml-data-file.js";
import { EditionErrors, fileOfFatal, formatReport, hasErrors, isVFileMessage, messagesAsJson } from "./report/report-messages.js";

const { version } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string };
const defaultManifest = path.join("sources", "edition.yaml");

/** Warnings and errors only: `edition check` lists every change in full. */
function printReport(files: VFile[]): void {
  const report = formatReport(files, { quiet: true, warningsOnly: true });
  if (report) process.stderr.write(`${report}\n`);
}

/** Print a failure the way editors read it, and set the exit status. */
function fail(error: unknown): void {
  if (isVFileMessage(error)) printReport([fileOfFatal(error)]);
  else if (error instanceof EditionErrors) {
    printReport(error.files);
    process.stderr.write(`error: ${error.message}\n`);
  }
  else if (error instanceof ChromiumMissingError || error instanceof PdfFailedError || error instanceof EpubInvalidError) process.stderr.write(`error: ${error.message}\n`);
  else process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}

const program = new Command()
  .name("edition")
  .description("Build the EPUB and print PDF of the edition described by a manifest.")
  .version(version, "-v, --version");

/** What `build` and `watch` pass on to the build, from their shared options. */
function buildOptions(options: { manifest: string; out: string; pdf: boolean }, progress: ReturnType<typeof terminalProgress>) {
  return { manifestPath: options.manifest, outDir: options.out, pdf: options.pdf, log: progress.log, onStep: progress.step, onPdfProgress: progress.pages };
}

/** The options `build` and `watch` share. */
const buildCommand = (name: string) =>
  program
    .command(name)
    .option("-m, --manifest <file>", "the edition's manifest", defaultManifest)
    .option("-o, --out <dir>", "output folder", "build")
    .option("--no-pdf", "skip the PDF (no Chromium needed)");

buildCommand("build")
  .description("build build/<slug>.epub, build/<slug>.html (print proof), build/<slug>.pdf (print) and build/<slug>-screen.pdf")
  .action(async (options: { manifest: string; out: string; pdf: boolean }) => {
    const progress = terminalProgress();
    try {
      const result = await build(buildOptions(options, progress));
      printReport(result.edition.files);
    } catch (error) {
      fail(error);
    }
  });

program
  .command("check")
  .description("run the pipeline without rendering and report every message")
  .option("-m, --manifest <file>", "the edition's manifest", defaultManifest)
  .option("--json", "print the messages as JSON")
  .option("--diff <text>", "print the raw text of <text> (its id) beside the restored text, as a diff")
  .option("--spelling", "list the words no English dictionary knows, by text, for editors (changes nothing; exit status 0)")
  .option("--pdf <file>", "preflight a PDF built from this manifest: fonts, page boxes, bookmarks, metadata, text integrity")
  .action(async (options: { manifest: string; json?: boolean; diff?: string; spelling?: boolean; pdf?: string }) => {
    let files: VFile[];
    try {
      const edition = await buildEdition(options.manifest);
      files = edition.files;
      if (options.pdf) {
        const result = await preflight(options.pdf, { manifest: edition.manifest, tree: printTree(edition.manifest, edition.book), outline: printOutline(edition.book) });
        process.stdout.write(`${formatPreflight(options.pdf, result)}\n`);
        if (!result.ok) process.exitCode = 1;
        return;
      }
      if (options.diff) {
        const index = edition.manifest.texts.findIndex((text) => text.id === options.diff);
        if (index === -1) return fail(new Error(`no text \`${options.diff}\` in the manifest; its ids are ${edition.manifest.texts.map((text) => text.id).join(", ")}`));
        const file = edition.texts[index]!;
        process.stdout.write(restoredDiff(file.path, String(file.value), edition.restored.get(options.diff)!));
        return;
      }
      if (options.spelling) return void process.stdout.write(formatSpellingCandidates(await editionSpellingCandidates(edition)));
    } catch (error) {
      if (!isVFileMessage(error)) return fail(error);
      files = [fileOfFatal(error)];
    }
    if (options.json) process.stdout.write(`${JSON.stringify(messagesAsJson(files), null, 2)}\n`);
    else process.stdout.write(`${formatReport(files) || "no problems"}\n`);
    if (hasErrors(files)) process.exitCode = 1;
  });

buildCommand("watch")
  .description("build, then rebuild on every change in the sources, templates/ or styles/ (unchanged texts are reused)")
  .action(async (options: { manifest: string; out: string; pdf: boolean }) => {
    const progress = terminalProgress();
    const watcher = await watch({
      ...buildOptions(options, progress),
      onBuilt: ({ result, error, milliseconds, processed, reused }) => {
        if (result) printReport(result.edition.files);
        else fail(error);
        const texts = `${processed.length} text${processed.length === 1 ? "" : "s"} processed, ${reused.length} reused`;
        progress.log(`${error ? "build failed" : "built"} in ${(milliseconds / 1000).toFixed(2)} s (${texts}); watching for changes`);
      },
    });
    progress.log(`watching ${watcher.paths.map((folder) => displayPath(folder) || ".").join(", ")} (Ctrl-C to stop)`);
    const stop = () => void watcher.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });

await program.parseAsync(process.argv);
