import nlp from "compromise";
for (const t of ["Exiling Trotsky", "Exiling", "Les"]) console.log(t, JSON.stringify(nlp(t).json()[0]?.terms.map((x:any)=>x.tags)), nlp(t).match("#Person+").text());
