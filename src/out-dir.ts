// Where `build` and `watch` may write: never the root, a system folder or a
// folder the build reads from (a build there would publish into the system,
// or rebuild for ever under `watch`).
import { realpathSync } from "node:fs";
import path from "node:path";

/** Folders whose whole tree belongs to the system. */
const systemTrees = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sbin", "/sys", "/usr"];
/** Folders that hold others' files: refused themselves, their subfolders allowed (`/var/www/book`, `/tmp/out`). */
const systemFolders = ["/", "/var", "/run", "/home", "/root", "/opt", "/srv", "/mnt", "/media", "/tmp"];

/** The path with symlinks resolved as far as it exists (the rest may not be made yet). */
function realPath(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(realPath(parent), path.basename(absolute));
  }
}

const isInside = (child: string, parent: string) => {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
};

/** Why `outDir` may not take the build's outputs, or undefined when it may. `inputs` are the folders the build reads. */
export function refusedOutDir(outDir: string, inputs: { name: string; dir: string }[]): string | undefined {
  const out = realPath(outDir);
  if (systemFolders.includes(out)) return `the output folder \`${outDir}\` is ${out === "/" ? "the root folder" : `the system folder ${out}`}; choose a folder of its own`;
  const tree = systemTrees.find((dir) => isInside(out, dir));
  if (tree) return `the output folder \`${outDir}\` is inside the system folder ${tree}`;
  for (const input of inputs) {
    if (isInside(out, realPath(input.dir))) return `the output folder \`${outDir}\` is inside the ${input.name} (${input.dir}), which the build reads`;
  }
  return undefined;
}
