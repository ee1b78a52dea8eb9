// Where each text's memo (../enrich/memo.ts) is kept between its processings:
// in memory for `edition watch`, and on disk beside the texts' cache for a new
// process (one file per text, filed under the program's code and installed
// packages, so a new version never reads an old memo). A text's memo holds
// only what its last processing asked, so it stays the size of the text's
// work; the folder keeps the most recent files.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import type { VFile } from "vfile";
import { TextMemo, withMemo, type MemoTable } from "../enrich/memo.js";
import { saveKeepingNewest } from "./cache-folder.js";

/** Memo files kept in the folder; the oldest go first. */
const maxFiles = 100;

/** A larger text keeps no memo (as the texts' cache keeps no entry for it): every sentence's work held at once would cost more memory than it saves time. */
const maxTextBytes = 4 * 1024 * 1024;

export class MemoStore {
  private readonly tables = new Map<string, MemoTable>();
  /** The memo of the text processed last on this thread, and each text's last (their counts tell what was read again). */
  last?: TextMemo;
  readonly lastByText = new Map<string, TextMemo>();

  /** `dir`: keep each text's memo on disk there too, filed under `version` (what its values depend on besides their keys: the code, the packages). */
  constructor(
    readonly dir?: string,
    readonly version: () => string = () => "",
  ) {}

  /** One text's processing with its memo; the memo is kept when the work succeeds. */
  async run<T>(file: VFile, work: () => Promise<T>): Promise<T> {
    if ((file.value?.length ?? 0) > maxTextBytes) return work();
    const scope = scopeOf(file);
    const memo = new TextMemo(this.tables.get(scope) ?? (await this.load(scope)));
    this.last = memo;
    this.lastByText.set(file.data.textId ?? "", memo);
    const result = await withMemo(memo, work);
    await this.keep(file, memo.used);
    return result;
  }

  /** A text's memo for its next processing; `save: false` for one a worker thread made and wrote already. */
  async keep(file: VFile, table: MemoTable, save = true): Promise<void> {
    const scope = scopeOf(file);
    this.tables.set(scope, table);
    // A memo that cannot be written costs only the next process's time.
    if (this.dir && save) await this.save(scope, table).catch(() => undefined);
  }

  private where(scope: string): string {
    return path.join(this.dir!, `${createHash("sha256").update(this.version()).update("\0").update(scope).digest("hex")}.memo`);
  }

  private async load(scope: string): Promise<MemoTable | undefined> {
    if (!this.dir) return undefined;
    const bytes = await readFile(this.where(scope)).catch(() => undefined);
    if (!bytes) return undefined;
    try {
      const stored = v8.deserialize(bytes) as { scope: string; entries: [string, unknown][] };
      return stored.scope === scope ? new Map(stored.entries) : undefined;
    } catch {
      return undefined; // a damaged file is only a miss
    }
  }

  private save(scope: string, table: MemoTable): Promise<void> {
    return saveKeepingNewest(this.where(scope), v8.serialize({ scope, entries: [...table] }), ".memo", maxFiles);
  }
}

/** A text's place in its edition: its file and id. */
const scopeOf = (file: VFile) => `${file.path}\0${file.data.textId ?? ""}`;
