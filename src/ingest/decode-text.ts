// Raw bytes to a string the parser can trust. Only UTF-8 is accepted for now;
// anything else is refused with a clear message rather than decoded wrongly.
import type { VFile } from "vfile";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Decode a text file's bytes in place; a fatal message if they are not UTF-8. */
export function decodeText(file: VFile): string {
  if (typeof file.value === "string") return file.value;
  try {
    file.value = utf8.decode(file.value);
  } catch {
    file.fail("text is not valid UTF-8; save it as UTF-8 and rebuild", {
      ruleId: "ingest-encoding",
      source: "ingest",
    });
  }
  return file.value;
}
