// The one place that writes outputs. Each file is written beside its target
// under a temporary name and renamed into place, so `build/` never holds a
// half-written EPUB or PDF and a failed build leaves the last good one.
// Temporary names carry the writer's process id (`.<name>.<pid>.tmp`): the
// files of a build that was stopped are removed when it stops (see
// ./interrupt.ts), and those of a process that was killed outright are
// removed by the next build in that folder.
import { createWriteStream, rmSync } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import path from "node:path";

/** Temporary files being written by this process now. */
const temporaries = new Set<string>();

const temporaryName = /^\..+\.(\d+)\.tmp$/;

/**
 * Write `data` to `target` under a temporary name, then rename it into place.
 * `data` may be the pieces of a large output, made one at a time as the file
 * takes them (a generator), so the whole never stands in memory at once.
 */
export async function writeAtomically(target: string, data: string | Uint8Array | Iterable<string> | AsyncIterable<string>): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  temporaries.add(temporary);
  try {
    if (typeof data === "string" || data instanceof Uint8Array) await writeFile(temporary, data);
    else await pipeline(Readable.from(data, { objectMode: false }), createWriteStream(temporary));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    temporaries.delete(temporary);
  }
}

/** One file of an output folder: its bytes, or a file to copy (a copy, never a link: the folder stands alone). */
export type FolderEntry = { path: string; data: string | Uint8Array } | { path: string; from: string };

/**
 * Write a whole folder (`build/site/`) under a temporary name, then put it in
 * place of the old one: the old folder is renamed aside and removed once the
 * new one stands. A folder cannot be swapped in one rename, so for that
 * moment there is none; there is never a half-written one. Entry paths are
 * relative to the folder and may not leave it.
 */
export async function writeFolderAtomically(folder: string, entries: Iterable<FolderEntry> | AsyncIterable<FolderEntry>): Promise<number> {
  // Absolute, so an entry's resolved path is compared with the folder's (`--out build` is relative).
  const target = path.resolve(folder);
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const temporary = path.join(parent, `.${path.basename(target)}.${process.pid}.tmp`);
  const old = path.join(parent, `.${path.basename(target)}-old.${process.pid}.tmp`);
  temporaries.add(temporary);
  temporaries.add(old);
  let count = 0;
  let hadOld = false;
  let placed = false;
  try {
    await rm(temporary, { force: true, recursive: true });
    for await (const entry of entries) {
      const file = path.resolve(temporary, entry.path);
      if (!file.startsWith(temporary + path.sep)) throw new Error(`the output ${entry.path} would leave ${folder}`);
      await mkdir(path.dirname(file), { recursive: true });
      if ("from" in entry) await copyFile(entry.from, file);
      else await writeFile(file, entry.data);
      count++;
    }
    hadOld = await rename(target, old).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
    await rename(temporary, target);
    placed = true;
    if (hadOld) await rm(old, { force: true, recursive: true });
    return count;
  } catch (error) {
    await rm(temporary, { force: true, recursive: true });
    // The old folder goes back if the new one did not take its place.
    if (hadOld && !placed) await rename(old, target).catch(() => undefined);
    throw error;
  } finally {
    temporaries.delete(temporary);
    temporaries.delete(old);
  }
}

/** Remove the temporary files this process is writing (synchronous: for a signal or `exit` handler). */
export function removeTemporaries(): void {
  for (const temporary of temporaries) rmSync(temporary, { force: true, recursive: true });
  temporaries.clear();
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Remove the temporary files in `dir` left by processes that no longer run; returns their names. */
export async function removeStaleTemporaries(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return []; // no folder yet
  }
  const stale = names.filter((name) => {
    const pid = Number(temporaryName.exec(name)?.[1]);
    return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !processExists(pid);
  });
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true, recursive: true })));
  return stale;
}
