// The start-up and rebuild figures as one Markdown table, each row also as a
// ratio to pandoc's naive conversion of the raw texts measured in the same run.
import type { StartupFigures } from "./startup.js";

export interface IssueFigures {
  inProcessMs: number;
  startup: StartupFigures;
  warmOneWordEpubMs: number;
  /** Load average at the start, then the 1, 5 and 15 minute figures at the end. */
  load: number[];
}

export interface IssueRow {
  what: string;
  ms: number;
  cpuMs?: number;
  /** ms ÷ pandoc's wall time (null without pandoc). */
  ratio: number | null;
}

export function issueRows({ inProcessMs, startup, warmOneWordEpubMs }: IssueFigures): IssueRow[] {
  const yardstick = startup.pandocRawTexts?.ms;
  const row = (what: string, ms: number, cpuMs?: number): IssueRow => ({ what, ms, ...(cpuMs === undefined ? {} : { cpuMs }), ratio: yardstick ? Math.round((ms / yardstick) * 100) / 100 : null });
  return [
    row("whole pipeline and EPUB, in process", inProcessMs),
    row("the same as a new process (`node bin/edition.js build --no-pdf`), nothing changed since the last build: says the outputs are up to date, builds nothing", startup.buildNoPdf.ms, startup.buildNoPdf.cpuMs),
    row("the same with `--force`: built again, texts' work and render memos on disk", startup.buildNoPdfForced.ms, startup.buildNoPdfForced.cpuMs),
    row("the same, without any cache (`EDITION_NO_CACHE=1`)", startup.buildNoPdfNoCache.ms, startup.buildNoPdfNoCache.cpuMs),
    row("`edition --help`", startup.help.ms, startup.help.cpuMs),
    row("`edition check`, texts' work and render memos on disk", startup.check.ms, startup.check.cpuMs),
    row("`edition check`, without the texts' cache", startup.checkNoCache.ms, startup.checkNoCache.cpuMs),
    row("EPUB written again after one changed word (`warmOneWordEpubMs`)", warmOneWordEpubMs),
    ...(startup.oneWordNewProcess ? [row("the same as a new process: one word changed, built (`build --no-pdf --no-site`, caches on disk)", startup.oneWordNewProcess.ms, startup.oneWordNewProcess.cpuMs)] : []),
    ...(startup.pandocRawTexts ? [row(`pandoc's naive conversion of the raw texts to EPUB 3 (${startup.pandocRawTexts.version})`, startup.pandocRawTexts.ms, startup.pandocRawTexts.cpuMs)] : []),
  ];
}

export function issueTable(figures: IssueFigures): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `load average ${figures.load.map((load) => load.toFixed(2)).join(" → ")} (start → 1, 5, 15 min at the end)`,
    "| what | wall | CPU | ÷ pandoc |",
    "| --- | --- | --- | --- |",
    ...issueRows(figures).map((row) => `| ${row.what} | ${seconds(row.ms)} | ${row.cpuMs === undefined ? "" : seconds(row.cpuMs)} | ${row.ratio ?? ""} |`),
  ];
  return lines.join("\n");
}
