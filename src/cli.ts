// The `edition` command: build, check, names, watch, new, --help, --version. `main(argv, io)`
// runs it in process (the tests call it so); bin/edition.js is a thin wrapper.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
// Only what every command needs is imported here; each command imports the rest in its action (`await import`),
// so `--help` loads no pipeline and `check` no renderer.
import { projectRoot } from "./project-root.js";
import { printProfileNames, type PrintProfileName, type ProfileName } from "./render/print-profiles.js";
import { ChromiumMissingError } from "./render/chromium.js";
import { PdfFailedError } from "./report/build-errors.js";
import { EpubInvalidError } from "./render/epub-check.js";
import { terminalProgress } from "./report/progress.js";
import { EditionErrors, fileOfFatal, formatReport, hasErrors, isVFileMessage, messagesAsJson } from "./report/report-messages.js";

import { refusedOutDir } from "./out-dir.js";
import { NewEditionRefused, writeNewEdition } from "./scaffold/new-edition.js";
const { version } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string };
const defaultManifest = path.join("sources", "edition.yaml");

/** Where the command writes: the process's streams, or a test's. */
export interface CliIo {
  stdout: Pick<NodeJS.WriteStream, "write" | "isTTY">;
  stderr: Pick<NodeJS.WriteStream, "write" | "isTTY">;
}

const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

interface BuildCliOptions {
  manifest: string;
  out: string;
  pdf: boolean;
  profile?: PrintProfileName;
  site: boolean;
}

/**
 * Run `edition` with these arguments (without `node` and the script: `["build", "--no-pdf"]`).
 * Resolves with the exit status; `watch` resolves once it is watching and keeps running.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let status = 0;
  const stdout = (text: string) => void io.stdout.write(text);
  const stderr = (text: string) => void io.stderr.write(text);

  /** Warnings and errors only: `edition check` lists every change in full. */
  const printReport = (files: VFile[]) => {
    const report = formatReport(files, { quiet: true, warningsOnly: true });
    if (report) stderr(`${report}\n`);
  };

  /** Print a failure the way editors read it, and set the exit status. */
  const fail = (error: unknown) => {
    if (isVFileMessage(error)) printReport([fileOfFatal(error)]);
    else if (error instanceof EditionErrors) {
      printReport(error.files);
      stderr(`error: ${error.message}\n`);
    } else if (error instanceof ChromiumMissingError || error instanceof PdfFailedError || error instanceof EpubInvalidError) stderr(`error: ${error.message}\n`);
    else stderr(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    status = 1;
  };

  const progressOf = () => terminalProgress(io.stdout as NodeJS.WriteStream, io.stderr as NodeJS.WriteStream);

  /** What `build` and `watch` pass on to the build, from their shared options; undefined (and status 1) when `--out` is refused. */
  const buildOptions = (options: BuildCliOptions, progress: ReturnType<typeof terminalProgress>) => {
    const refused = refusedOutDir(options.out, [
      { name: "sources folder", dir: path.dirname(path.resolve(options.manifest)) },
      { name: "templates folder", dir: path.join(projectRoot, "templates") },
      { name: "styles folder", dir: path.join(projectRoot, "styles") },
    ]);
    if (refused) {
      stderr(`error: ${refused}; nothing was written\n`);
      status = 1;
      return undefined;
    }
    return { manifestPath: options.manifest, outDir: options.out, pdf: options.pdf, profile: options.profile, site: options.site, log: progress.log, onStep: progress.step, onPdfProgress: progress.pages };
  };

  const program = new Command()
    .name("edition")
    .description("Build the EPUB and print PDF of the edition described by a manifest.")
    .version(version, "-v, --version")
    .exitOverride()
    .configureOutput({ writeOut: stdout, writeErr: stderr });

  /** The options `build` and `watch` share. */
  const buildCommand = (name: string) =>
    program
      .command(name)
      .option("-m, --manifest <file>", "the edition's manifest", defaultManifest)
      .option("-o, --out <dir>", "output folder", "build")
      .option("--no-pdf", "skip the PDF (no Chromium needed)")
      .addOption(new Option("--profile <profile>", "who prints the book (overrides the manifest's `profile`): offset or pod").choices(printProfileNames))
      .option("--no-site", "skip <out>/site/, the book's page and web edition");

  buildCommand("build")
    .description("build build/<slug>.epub, build/<slug>.html (print proof), build/<slug>.pdf (print) and build/<slug>-screen.pdf")
    .option("--force", "build even when nothing changed since the last build into the same folder")
    .action(async (options: BuildCliOptions & { force?: boolean }) => {
      const progress = progressOf();
      const settings = buildOptions(options, progress);
      if (!settings) return;
      try {
        // Nothing changed since the last build (sources, code, settings, and the outputs' bytes): said, not built again.
        const stamp = await import("./up-to-date.js");
        const inputs = { manifestPath: options.manifest, outDir: options.out, pdf: options.pdf, profile: options.profile, site: options.site };
        const inputsDigest = process.env.EDITION_NO_CACHE === "1" ? undefined : await stamp.inputsDigest(inputs);
        const last = inputsDigest && !options.force ? await stamp.upToDate(inputs, inputsDigest) : undefined;
        if (last) {
          if (last.report) stderr(`${last.report}\n`);
          progress.log(`${options.out}: up to date (the sources, the code and the outputs are as the last build left them; --force builds again)`);
          return;
        }
        const [{ build }, { BuildCache }, { persistentTextCache }, memos] = await Promise.all([import("./build.js"), import("./watch/build-cache.js"), import("./watch/persistent-text-cache.js"), import("./watch/render-memo.js")]);
        // Each text's work is kept on disk, and so is the work after the texts: the next process redoes only what changed.
        const texts = persistentTextCache();
        if (texts) memos.persistRenderMemos();
        const result = await build({ ...settings, ...(texts ? { cache: new BuildCache(texts) } : {}) });
        memos.saveRenderMemos();
        printReport(result.edition.files);
        if (inputsDigest) await stamp.recordBuild(inputs, inputsDigest, Object.values(result.outputs), formatReport(result.edition.files, { quiet: true, warningsOnly: true }));
      } catch (error) {
        fail(error);
      }
    });

  program
    .command("check")
    .description("run the pipeline without rendering and report every message")
    .option("-m, --manifest <file>", "the edition's manifest", defaultManifest)
    .option("--json", "print the messages as JSON (always JSON, a fatal error included)")
    .option("--diff <text>", "print the raw text of <text> (its id) beside the restored text, as a diff")
    .option("--spelling", "list the words no English dictionary knows, by text, for editors (changes nothing; exit status 0)")
    .option("--pdf <file>", "preflight a PDF built from this manifest: fonts, page boxes, marks, blank pages, page count, PDF/X, colour, bookmarks, metadata, soft hyphens, text integrity (a <slug>-cover.pdf: its size against the spine formula)")
    .addOption(new Option("--profile <profile>", "hold the PDF to this profile (by default the one its pages say)").choices(["offset", "pod", "screen"]))
    .action(async (options: { manifest: string; json?: boolean; diff?: string; spelling?: boolean; pdf?: string; profile?: ProfileName }) => {
      let files: VFile[];
      let ledger = "";
      try {
        const [{ buildEdition }, { persistentTextCache }, { formatLedger, wordLedger }, memos] = await Promise.all([
          import("./pipeline.js"),
          import("./watch/persistent-text-cache.js"),
          import("./report/word-ledger.js"),
          import("./watch/render-memo.js"),
        ]);
        const texts = persistentTextCache();
        if (texts) memos.persistRenderMemos();
        const edition = await buildEdition(options.manifest, { cache: texts });
        memos.saveRenderMemos();
        ledger = formatLedger(wordLedger(edition));
        files = edition.files;
        if (options.pdf) {
          const [{ formatPreflight, preflight }, { printOutline, printTree }] = await Promise.all([import("./preflight/preflight.js"), import("./render/print-html.js")]);
          const result = await preflight(options.pdf, { manifest: edition.manifest, tree: printTree(edition.manifest, edition.book), outline: printOutline(edition.book), profile: options.profile });
          stdout(`${formatPreflight(options.pdf, result)}\n`);
          if (!result.ok) status = 1;
          return;
        }
        if (options.diff) {
          const index = edition.manifest.texts.findIndex((text) => text.id === options.diff);
          if (index === -1) {
            // An editor's slip, not a fault of the program: the message alone, without a stack.
            stderr(`error: no text \`${options.diff}\` in the manifest \`${edition.manifestFile.path}\`; its ids are ${edition.manifest.texts.map((text) => text.id).join(", ")}\n`);
            status = 1;
            return;
          }
          const file = edition.texts[index]!;
          const { restoredDiff } = await import("./report/restored-diff.js");
          stdout(restoredDiff(file.path, String(file.value), edition.restored.get(options.diff)!));
          return;
        }
        if (options.spelling) {
          const { editionSpellingCandidates, formatSpellingCandidates } = await import("./check/spelling-candidates.js");
          return void stdout(formatSpellingCandidates(await editionSpellingCandidates(edition), edition.dataPaths.corrections));
        }
      } catch (error) {
        if (isVFileMessage(error)) files = [fileOfFatal(error)];
        else if (options.json) files = [fileOfError(options.manifest, error)];
        else return fail(error);
      }
      if (options.json) stdout(`${JSON.stringify(messagesAsJson(files), null, 2)}\n`);
      else stdout(`${formatReport(files) || "no problems"}\n${ledger ? `\n${ledger}\n` : ""}`);
      if (hasErrors(files)) status = 1;
    });

  program
    .command("names")
    .description("list, by text, the persons the index finds (heading, forms, count, first place; from names.yaml or detected); changes nothing, exit status 0")
    .option("-m, --manifest <file>", "the edition's manifest", defaultManifest)
    .option("--yaml", "print the detected persons that names.yaml lacks, as entries to paste into it")
    .action(async (options: { manifest: string; yaml?: boolean }) => {
      try {
        const [{ buildEdition }, { detectedAsYaml, formatNames }, { displayPath }] = await Promise.all([
          import("./pipeline.js"),
          import("./report/names-report.js"),
          import("./manifest/yaml-data-file.js"),
        ]);
        const edition = await buildEdition(options.manifest, { keepRestored: false });
        const texts = edition.texts.map((file, index) => ({ id: edition.manifest.texts[index]!.id, path: displayPath(file.path), mentions: file.data.nameMentions ?? [] }));
        stdout(`${options.yaml ? detectedAsYaml(texts, edition.names) : formatNames(texts)}\n`);
      } catch (error) {
        fail(error);
      }
    });

  buildCommand("watch")
    .description("build, then rebuild on every change in the sources, templates/ or styles/ (unchanged texts are reused)")
    .action(async (options: BuildCliOptions) => {
      const progress = progressOf();
      const settings = buildOptions(options, progress);
      if (!settings) return;
      const [{ watch }, { displayPath }] = await Promise.all([import("./watch/watch.js"), import("./manifest/yaml-data-file.js")]);
      const watcher = await watch({
        ...settings,
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

  program
    .command("new")
    .description("write a minimal edition into <dir> (a new or empty folder): edition.yaml with placeholders, texts/sample.txt, empty data files")
    .argument("<dir>", "the new edition's folder")
    .action(async (dir: string) => {
      try {
        const written = await writeNewEdition(dir);
        const manifest = path.join(dir, "edition.yaml");
        stdout(`wrote a new edition in ${dir}: ${written.join(", ")}\n`);
        stdout(`next: change the CHANGE ME values in ${manifest}, put your texts in ${path.join(dir, "texts")}, then run\n  edition build -m ${manifest}\n`);
      } catch (error) {
        if (error instanceof NewEditionRefused) {
          stderr(`error: ${error.message}\n`);
          status = 1;
        } else fail(error);
      }
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    // --help, --version and usage errors: commander has printed its text through `io`.
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  return status;
}

/** An error that is no vfile message (a style that does not parse, a missing manifest, a YAML alias bomb) as one fatal message of the manifest, for `check --json`. */
function fileOfError(manifest: string, error: unknown): VFile {
  const file = new VFile({ path: manifest });
  const reason = error instanceof Error ? error.message : String(error);
  const message = new VFileMessage(reason, { ruleId: "edition-fatal", source: "edition" });
  message.fatal = true;
  file.messages.push(message);
  return file;
}
