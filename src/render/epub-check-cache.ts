// EPUBCheck's verdict kept by the EPUB's bytes: the same bytes checked by the
// same checker and the same program pass again without half a second of
// checking (a build again with unchanged sources, in a new process or in
// `edition watch`). Only a passing verdict is kept, on disk beside the texts'
// cache (`EDITION_CACHE_DIR`); `EDITION_NO_CACHE=1` turns it off.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { EpubCheckOutcome } from "./epub-check.js";
import { checkEpubOffThread } from "./epub-check-off-thread.js";
import { codeVersion } from "../watch/text-cache.js";

const passed = new Set<string>();

function checkerVersion(): string {
  try {
    return (createRequire(import.meta.url)("@likecoin/epubcheck-ts/package.json") as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export async function checkEpubOnce(epub: Uint8Array, env: NodeJS.ProcessEnv = process.env): Promise<EpubCheckOutcome> {
  if (env.EDITION_NO_CACHE === "1") return checkEpubOffThread(epub, env);
  const key = createHash("sha256").update(checkerVersion()).update("\0").update(codeVersion()).update("\0").update(epub).digest("hex");
  const marker = path.join(env.EDITION_CACHE_DIR || path.join(os.tmpdir(), "edition-cache"), "epubcheck", `${key}.passed`);
  if (passed.has(key) || (await readFile(marker).then(() => true, () => false))) {
    passed.add(key);
    return { errors: [], ignored: [] };
  }
  const outcome = await checkEpubOffThread(epub, env);
  if (!outcome.errors.length) {
    passed.add(key);
    await mkdir(path.dirname(marker), { recursive: true })
      .then(() => writeFile(`${marker}.${process.pid}.tmp`, ""))
      .then(() => rename(`${marker}.${process.pid}.tmp`, marker))
      .catch(() => undefined);
  }
  return outcome;
}
