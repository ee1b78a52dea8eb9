// Editorial data files (the manifest, corrections, boilerplate rules) are YAML
// checked against a strict schema. Every problem is a fatal vfile message
// with the line and column in the YAML file, and a rule id named after it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { VFile } from "vfile";
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { Memo, memoKey } from "../watch/render-memo.js";

export interface Point {
  line: number;
  column: number;
}

export interface YamlDataFile<T> {
  file: VFile;
  data: T;
  /** `manifest`, `corrections`…: the source of its messages and the start of their rule ids. */
  kind: string;
  /** Where the value at `keyPath` stands in the YAML file. */
  placeOf(keyPath: readonly PropertyKey[]): Point;
  /** Whether the file writes a value at `keyPath` (a default filled in by the schema is not written). */
  has(keyPath: readonly PropertyKey[]): boolean;
}

/** Paths in messages are relative to the working folder, as editors type them. */
export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith("..") ? absolute : relative;
}

export async function loadYamlDataFile<S extends z.ZodType>(
  absolute: string,
  schema: S,
  /** `manifest`, `corrections`…: the source of messages and the start of rule ids. */
  kind: string,
): Promise<YamlDataFile<z.output<S>>> {
  const file: VFile = new VFile({ path: displayPath(absolute) });
  let raw: string;
  try {
    raw = await readFile(absolute, "utf8");
  } catch (error) {
    file.fail(`cannot read ${kind} file: ${(error as Error).message}`, { ruleId: `${kind}-unreadable`, source: kind });
  }
  file.value = raw;

  // A file read before without a problem is taken from the memo: its YAML is parsed again only if a place in it is asked for.
  const key = memoKey(raw);
  let parsedDocument: { doc: Document; lineCounter: LineCounter } | undefined;
  const parse = () => {
    if (parsedDocument) return parsedDocument;
    const lineCounter = new LineCounter();
    return (parsedDocument = { doc: parseDocument(raw, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter });
  };
  const kept = yamlValues.get(key);
  // A copy: callers own what they load.
  let value: unknown = kept === undefined ? undefined : structuredClone(kept);
  if (value === undefined) {
    const { doc, lineCounter } = parse();
    for (const problem of [...doc.errors, ...doc.warnings]) {
      file.fail(`YAML: ${problem.message.split("\n")[0]!.trim()}`, {
        place: toPoint(lineCounter.linePos(problem.pos[0])),
        ruleId: `${kind}-yaml`,
        source: kind,
      });
    }
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (error) {
      // yaml refuses an alias bomb (aliases that expand to billions of nodes) with a ReferenceError.
      file.fail(`YAML: ${(error as Error).message.split("\n")[0]!.trim()} (at most ${maxAliasCount} alias expansions)`, {
        place: toPoint(lineCounter.linePos(firstAlias(raw))),
        ruleId: `${kind}-yaml`,
        source: kind,
      });
    }
    if (value !== undefined) yamlValues.set(key, value);
  }

  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    file.fail(describeIssue(issue), {
      place:
        issue.code === "unrecognized_keys"
          ? keyPlace(parse().doc, parse().lineCounter, issue.path, issue.keys[0]!)
          : placeOf(parse().doc, parse().lineCounter, issue.path),
      ruleId: `${kind}-schema`,
      source: kind,
    });
  }
  return { file, data: parsed.data, kind, placeOf: (keyPath) => placeOf(parse().doc, parse().lineCounter, keyPath), has: (keyPath) => parse().doc.hasIn(keyPath as unknown[]) };
}

/** Each data file's value by its bytes (../watch/render-memo.ts: in memory, and on disk for the edition command). */
const yamlValues = new Memo<unknown>("yaml-values", 16 * 1024 * 1024, (value) => JSON.stringify(value)?.length ?? 1);

/** How many aliases a data file may expand: yaml's default, which stops an alias bomb. */
const maxAliasCount = 100;

/** Where the first alias (`*name`) stands, for a message about aliases. */
function firstAlias(raw: string): number {
  const match = /(?:^|[\s,[{:-])\*[^\s,\]}]/m.exec(raw);
  return match ? match.index + match[0].indexOf("*") : 0;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `\`${issue.path.join(".")}\`: ` : "";
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) {
    return `${where}required key is missing`;
  }
  if (issue.code === "unrecognized_keys") {
    return `${where}unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")}`;
  }
  return `${where}${issue.message}`;
}

/** The line and column of the deepest YAML node that exists along `keyPath`. */
function placeOf(doc: Document, lineCounter: LineCounter, keyPath: readonly PropertyKey[]): Point {
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = doc.getIn(keyPath.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return toPoint(lineCounter.linePos(node.range[0]));
  }
  return { line: 1, column: 1 };
}

/** The line and column of a key itself, for a key that should not be there. */
function keyPlace(doc: Document, lineCounter: LineCounter, mapPath: readonly PropertyKey[], key: string): Point {
  const map = mapPath.length ? doc.getIn(mapPath as unknown[], true) : doc.contents;
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (isScalar(pair?.key) && pair.key.range) return toPoint(lineCounter.linePos(pair.key.range[0]));
  }
  return placeOf(doc, lineCounter, [...mapPath, key]);
}

function toPoint({ line, col }: { line: number; col: number }): Point {
  return { line, column: col };
}
