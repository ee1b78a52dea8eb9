// The one reporter: every problem is a vfile message printed as
// `file:line:column  severity  reason  rule-id`.
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { reporter } from "vfile-reporter";

export function formatReport(files: VFile[], options: { quiet?: boolean; warningsOnly?: boolean } = {}): string {
  const shown = options.warningsOnly ? files.map(withoutInfo) : files;
  return reporter(shown, { quiet: options.quiet ?? false, color: Boolean(process.stderr.isTTY) });
}

/** A copy of a file's report without its info messages (which `edition check` lists in full). */
function withoutInfo(file: VFile): VFile {
  const copy = new VFile({ path: file.path });
  copy.messages.push(...file.messages.filter((message) => message.fatal !== undefined));
  return copy;
}

/** A fatal message thrown by a stage, as a file the reporter can print. */
export function fileOfFatal(error: VFileMessage): VFile {
  const file = new VFile({ path: error.file || "edition" });
  file.messages.push(error);
  return file;
}

export function isVFileMessage(error: unknown): error is VFileMessage {
  return error instanceof VFileMessage;
}

export function messagesAsJson(files: VFile[]) {
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      file: file.path,
      line: message.line ?? null,
      column: message.column ?? null,
      severity: message.fatal ? "error" : message.fatal === false ? "warning" : "info",
      ruleId: message.ruleId ?? null,
      source: message.source ?? null,
      reason: message.reason,
    })),
  );
}

export function hasErrors(files: VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal));
}

/** Thrown when the sources have errors: nothing is rendered, and the files carry the report. */
export class EditionErrors extends Error {
  constructor(readonly files: VFile[]) {
    super("the edition has errors; nothing was written");
    this.name = "EditionErrors";
  }
}
