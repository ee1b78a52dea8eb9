// A cache folder's files: each written whole (a temporary, then renamed), and
// the folder kept to its newest files of that kind, so it never grows without
// bound. Used by the texts' cache and the texts' memos.
import { mkdir, readdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

/** Write `bytes` to `where`, then drop the oldest files ending in `extension` beside it past `maxFiles`. */
export async function saveKeepingNewest(where: string, bytes: Uint8Array, extension: string, maxFiles: number): Promise<void> {
  const dir = path.dirname(where);
  await mkdir(dir, { recursive: true });
  const temporary = `${where}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, where);
  const names = (await readdir(dir)).filter((name) => name.endsWith(extension));
  if (names.length <= maxFiles) return;
  const dated = await Promise.all(names.map(async (name) => ({ name, time: (await stat(path.join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => a.time - b.time);
  await Promise.all(dated.slice(0, names.length - maxFiles).map(({ name }) => unlink(path.join(dir, name)).catch(() => undefined)));
}
