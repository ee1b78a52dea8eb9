import { corpusNameScores, seedNameScoresWithoutAuthority } from "./names-quality.js";
const full = process.argv.includes("--full");
const show = (name: string, s: any) => {
  const { missedMentions, ...rest } = s;
  console.log(name, JSON.stringify(full ? s : { ...rest, missedMentions: missedMentions.length }));
};
const c = await corpusNameScores();
show("schneider", c.schneider); show("dawsey", c.dawsey);
const s = await seedNameScoresWithoutAuthority();
show("sherry", s.sherry); show("marot", s.marot);
