// The name authority file compiled for matching: every form a person is
// called by, one pattern that finds them all, and the zones that are no
// person (a work's title, a place) even though a name stands in them.
import type { NamesAuthority, PersonEntry } from "../../manifest/names-schema.js";

/** A form as it is compared: one space between words, one after each initial, lower case. */
export function formKey(form: string): string {
  return form
    .replace(/[\s\u00A0]+/g, " ")
    .replace(/\.\s*(?=\S)/g, ". ")
    .trim()
    .toLowerCase();
}

export function surnameOf(heading: string): string {
  return heading.split(",")[0]!.trim();
}

/** `Zinoviev, Grigory` → `Grigory Zinoviev`. */
export function directOrder(heading: string): string {
  const [surname, forenames] = heading.split(",").map((part) => part.trim());
  return forenames ? `${forenames} ${surname}` : surname!;
}

export interface CompiledAuthority {
  persons: Map<string, PersonEntry>;
  /** Headings of persons by each full form (two words or more). */
  fullForms: Map<string, string[]>;
  /** Headings of persons by each one-word form (a surname alone). */
  singleForms: Map<string, string[]>;
  /** Finds every form. */
  match: ((text: string) => NameMatch[]) | undefined;
  notPersons: RegExp[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A form as a pattern: any run of spaces (no-break spaces after initials too) between words. */
function formPattern(form: string): string {
  const words = form.trim().split(/(?<=\.)\s*|\s+/);
  return words.map((word, index) => (index ? (words[index - 1]!.endsWith(".") ? "[\\s\\u00A0]*" : "[\\s\\u00A0]+") : "") + escape(word)).join("");
}

const letter = "\\p{L}\\p{M}\\p{N}";

/** One form found in a text: where it starts, and the name (without a possessive). */
export interface NameMatch {
  index: number;
  name: string;
}

/**
 * Finds the forms in a text, as one alternation of them all would (the longest form first at each place, not inside
 * a word: `Stalinist`, `Leningrad`), but with one small pattern per first letter, tried only where a word starts with
 * that letter: V8 ran the alternation of a few hundred forms in its slow interpreter, at every character of the text.
 */
export function namesMatcher(forms: Iterable<string>): ((text: string) => NameMatch[]) | undefined {
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  if (!sorted.length) return undefined;
  const byFirst = new Map<string, string[]>();
  for (const form of sorted) {
    const first = [...form.trim()][0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), formPattern(form)]);
  }
  const patterns = new Map([...byFirst].map(([first, alternatives]) => [first, new RegExp(`(${alternatives.join("|")})(?![${letter}])`, "uy")]));
  const firsts = [...byFirst.keys()].map((char) => escape(char).replace(/-/g, "\\-")).join("");
  const starts = new RegExp(`(?<![${letter}’'])[${firsts}]`, "gu");
  return (text) => {
    const found: NameMatch[] = [];
    starts.lastIndex = 0;
    for (let start = starts.exec(text); start; start = starts.exec(text)) {
      const pattern = patterns.get(start[0])!;
      pattern.lastIndex = start.index;
      const match = pattern.exec(text);
      if (!match) continue;
      found.push({ index: start.index, name: match[1]! });
      starts.lastIndex = start.index + Math.max(match[0].length, 1);
    }
    return found;
  };
}

function add(map: Map<string, string[]>, form: string, heading: string): void {
  const key = formKey(form);
  const headings = map.get(key) ?? [];
  if (!headings.includes(heading)) headings.push(heading);
  map.set(key, headings);
}

export function compileAuthority(names: NamesAuthority | undefined): CompiledAuthority {
  const persons = new Map<string, PersonEntry>();
  const fullForms = new Map<string, string[]>();
  const singleForms = new Map<string, string[]>();
  const surfaces: string[] = [];
  for (const person of names?.persons ?? []) {
    persons.set(person.heading, person);
    const forms = new Set([directOrder(person.heading), ...person.variants]);
    if (person.surnameAlone) {
      for (const form of [...forms]) forms.add(form.trim().split(/\s+/).at(-1)!);
    }
    for (const form of forms) {
      add(formKey(form).includes(" ") ? fullForms : singleForms, form, person.heading);
      surfaces.push(form);
      // Names in capitals (a byline, an opening in small capitals): `TONY CLIFF`.
      if (form.toUpperCase() !== form) surfaces.push(form.toUpperCase());
    }
  }
  return {
    persons,
    fullForms,
    singleForms,
    match: namesMatcher(surfaces),
    notPersons: (names?.notPersons ?? []).map((entry) => new RegExp(entry.pattern, "gu")),
  };
}
