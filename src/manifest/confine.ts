// Confinement: a file the manifest names is read only when it lies inside the
// edition's folder (the manifest's folder), after every symbolic link is
// followed. A path that leaves the folder, by `..`, by an absolute path or
// through a link, is refused at its line in the manifest.
import { realpath } from "node:fs/promises";
import path from "node:path";
import type { VFile } from "vfile";
import { displayPath, type Point } from "./yaml-data-file.js";

/** True when `file` is `folder` itself or lies below it (both absolute). */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

async function real(file: string): Promise<string | undefined> {
  return realpath(file).catch(() => undefined);
}

/**
 * The absolute path of `relative` (as the manifest writes it) inside one of
 * `folders` (the edition's folder first). Fatal on the manifest's file, at
 * `place`, when the path leaves them as written or once its links are
 * followed. A file that does not exist is not refused here: the caller says
 * it is missing.
 */
export async function confinedPath(
  folders: readonly string[],
  relative: string,
  manifestFile: VFile,
  place: Point,
  kind: string,
): Promise<string> {
  const file = path.resolve(folders[0]!, relative);
  const edition = `the edition's folder (\`${displayPath(folders[0]!) || "."}\`)`;
  const fail = (how: string) =>
    manifestFile.fail(`${kind} path \`${relative}\` ${how}; only files inside the folder of the manifest \`${manifestFile.path}\` are read`, {
      place,
      ruleId: "manifest-path-outside",
      source: "manifest",
    });
  if (!folders.some((folder) => isInside(folder, file))) fail(`leaves ${edition}`);
  const target = await real(file);
  if (target === undefined) return file;
  const realFolders = await Promise.all(folders.map(async (folder) => (await real(folder)) ?? folder));
  if (!realFolders.some((folder) => isInside(folder, target))) fail(`leads through a symbolic link out of ${edition}, to \`${target}\``);
  return file;
}
