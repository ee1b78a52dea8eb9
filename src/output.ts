// The one place that writes outputs. Each file is written beside its target
// under a temporary name and renamed into place, so `build/` never holds a
// half-written EPUB or PDF and a failed build leaves the last good one.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeAtomically(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
