// Editors' patterns (boilerplate rules, names that are no person) run on every
// line of every text, so one that can backtrack exponentially would hang the
// build. JavaScript has no linear-time engine built in and `re2` (npm) cannot
// be installed here (it builds a native addon at install time: install
// scripts are off and node-gyp cannot fetch Node's headers), so a pattern is
// checked statically when it is loaded: a repetition (`*`, `+`, `{2,}`…)
// of a group that itself holds a repetition (`(a+)+`, `(\w+\s?)*`, `(.*a){20}`)
// (a count that may vary: `?`, `+`, `{2,3}`) is refused. An optional group
// (`(-[A-Z][a-z]+)?`) repeats nothing and is allowed; so is `(ab{2})+`. safe-regex2 (a dependency) was tried first and is too coarse here:
// it counts `?` as a repetition and cannot parse a lookbehind, so it refused
// patterns of the edition's own data.
// What this check does not see: branches of an alternation that overlap
// under one repetition (`(a|a)*`); such a pattern still passes.

/** Why `source` may not be used as an editor's pattern, or undefined when it may. */
export function patternProblem(source: string): string | undefined {
  try {
    new RegExp(source, "u");
  } catch {
    return "is not a valid regular expression";
  }
  const nested = nestedRepetition(source);
  if (nested !== undefined) {
    return `repeats a group that holds a repetition (at character ${nested + 1}), which can take exponential time on a line that almost matches: write it without the nested repetition (for example \`(a+)+\` as \`a+\`)`;
  }
  return undefined;
}

/** The index of the first repetition applied to a group that holds a repetition, or undefined. Expects a valid `u` pattern. */
export function nestedRepetition(source: string): number | undefined {
  // One frame per open group: whether it holds a repetition whose count may vary.
  const frames: boolean[] = [false];
  let last: "atom" | "group" | undefined;
  let lastGroupRepeats = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === "\\") {
      const next = source[index + 1];
      if ((next === "p" || next === "P" || next === "u") && source[index + 2] === "{") index = source.indexOf("}", index);
      else if (next === "k" && source[index + 2] === "<") index = source.indexOf(">", index);
      else index++;
      last = "atom";
    } else if (char === "[") {
      for (index++; index < source.length && source[index] !== "]"; index++) if (source[index] === "\\") index++;
      last = "atom";
    } else if (char === "(") {
      frames.push(false);
      if (source[index + 1] === "?") {
        if (source[index + 2] === "<" && source[index + 3] !== "=" && source[index + 3] !== "!") index = source.indexOf(">", index);
        else index += source[index + 2] === "<" ? 3 : 2;
      }
      last = undefined;
    } else if (char === ")") {
      lastGroupRepeats = frames.pop()!;
      frames[frames.length - 1] ||= lastGroupRepeats;
      last = "group";
    } else if (char === "|") {
      last = undefined;
    } else if (char === "*" || char === "+" || char === "?" || (char === "{" && /^\{\d+(,\d*)?\}/.test(source.slice(index, index + 24)))) {
      const start = index;
      let [min, max] = char === "?" ? [0, 1] : [char === "+" ? 1 : 0, Infinity];
      if (char === "{") {
        const [, low, comma, high] = /^\{(\d+)(,?)(\d*)\}/.exec(source.slice(index))!;
        [min, max] = [Number(low), comma ? (high ? Number(high) : Infinity) : Number(low)];
        index = source.indexOf("}", index);
      }
      if (source[index + 1] === "?") index++; // lazy
      if (max > 1 && last === "group" && lastGroupRepeats) return start;
      // A count that may vary (`?`, `+`, `{2,3}`) gives the enclosing group more than one way to match.
      if (max > min) frames[frames.length - 1] = true;
      last = undefined;
    } else {
      last = "atom";
    }
  }
  return undefined;
}
