//! Data-driven extraction tests: sentences written for the tests (not copied from the
//! seeds) in `tests/entity_cases.tsv` and `tests/relation_cases.tsv`, each with what the
//! extractor must (or must not) find. One `check` helper runs them all and lists every
//! failing case at once.

use newsgraph::corpus::{Format, Reader};
use newsgraph::extract::{Extractor, Lexicon};
use newsgraph::model::{Entity, Extraction};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ontology");
        Extractor::new(Lexicon::load(&root).expect("ontology loads"))
    })
}

fn extract(sentence: &str) -> Extraction {
    let doc = Reader::default().parse(Path::new("case.txt"), "case.txt", Format::Text, sentence.as_bytes()).expect("a test sentence");
    extractor().extract(&doc)
}

/// Lines of a case file: tab-separated fields (`\\n` for a line break), comments and blank lines skipped.
fn cases(file: &str) -> Vec<(usize, Vec<String>)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')).map(|(n, l)| (n + 1, l.split('\t').map(|f| f.trim().replace("\\n", "\n")).collect())).collect()
}

fn names(e: &Entity) -> impl Iterator<Item = &str> {
    std::iter::once(e.label.as_str()).chain(e.aliases.iter().map(String::as_str))
}

fn find<'a>(ex: &'a Extraction, name: &str) -> Vec<&'a Entity> {
    ex.entities.iter().filter(|e| names(e).any(|n| n.eq_ignore_ascii_case(name))).collect()
}

fn show(ex: &Extraction) -> String {
    let entities: Vec<String> = ex.entities.iter().map(|e| format!("{} [{}] {:?}", e.label, e.class, e.aliases)).collect();
    let relations: Vec<String> = ex.relations.iter().map(|r| format!("{} {} {}{}", r.subject, r.predicate, r.object, if r.negated { " (negated)" } else { "" })).collect();
    format!("entities: {entities:?}\n      relations: {relations:?}")
}

/// Runs every case through `judge`; fails listing all the cases that did not hold. A case
/// whose sentence starts with "? " is a known miss: a construction the extractor should
/// read and does not yet. Known misses are run and reported, not required, and may be no
/// more than a quarter of the cases.
fn check(file: &str, judge: impl Fn(&[String], &Extraction) -> Result<(), String>) {
    let mut failures = Vec::new();
    let (mut known, mut still_missed, mut now_hold) = (0, Vec::new(), Vec::new());
    let all = cases(file);
    assert!(all.len() >= 10, "{file} holds real cases");
    for (line, fields) in &all {
        let mut fields = fields.clone();
        let miss = fields[0].starts_with("? ");
        if miss {
            fields[0] = fields[0][2..].to_string();
            known += 1;
        }
        let ex = extract(&fields[0]);
        let judged = judge(&fields, &ex);
        if miss && judged.is_ok() {
            now_hold.push(format!("{file}:{line}: {}", fields[0]));
        }
        if let Err(why) = judged {
            let report = format!("{file}:{line}: {why}\n    sentence: {}\n      {}", fields[0], show(&ex));
            if miss {
                still_missed.push(report);
            } else {
                failures.push(report);
            }
        }
    }
    eprintln!("{file}: {} of {known} known misses still missed:\n{}", still_missed.len(), still_missed.join("\n"));
    eprintln!("{file}: known misses that now hold (remove their \"? \"):\n{}", now_hold.join("\n"));
    assert!(known * 4 <= all.len(), "{file}: {known} of {} cases are known misses", all.len());
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}

/// `sentence  label  Type` — an entity with that name and type;
/// `sentence  !label` — no entity has that name.
#[test]
fn entity_cases() {
    check("entity_cases.tsv", |f, ex| match (f.get(1).map(String::as_str), f.get(2)) {
        (Some(name), _) if name.starts_with('!') => {
            let found = find(ex, &name[1..]);
            if found.is_empty() {
                Ok(())
            } else {
                Err(format!("{} should not be an entity", &name[1..]))
            }
        }
        (Some(name), Some(class)) => {
            let found = find(ex, name);
            if found.iter().any(|e| e.class.as_str() == class) {
                Ok(())
            } else if found.is_empty() {
                Err(format!("no entity {name}"))
            } else {
                Err(format!("{name} typed {} not {class}", found[0].class))
            }
        }
        _ => Err("a case needs a name and a type, or !name".into()),
    });
}

/// `sentence  subject  predicate  object  [year=N] [status=S] [amount=A] [negated]`, or
/// `sentence  subject  !predicate  object` — both are entities, and no such relation holds.
#[test]
fn relation_cases() {
    check("relation_cases.tsv", |f, ex| {
        if f.len() < 4 {
            return Err("a case needs sentence, subject, predicate, object".into());
        }
        let ids = |name: &str| find(ex, name).iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        let (subjects, objects) = (ids(&f[1]), ids(&f[3]));
        if subjects.is_empty() || objects.is_empty() {
            return Err(format!("entities missing: {} → {:?}, {} → {:?}", f[1], subjects, f[3], objects));
        }
        let absent = f[2].strip_prefix('!');
        let predicate = absent.unwrap_or(&f[2]);
        let wanted: Vec<_> = ex
            .relations
            .iter()
            .filter(|r| r.predicate.as_str().eq_ignore_ascii_case(predicate))
            .filter(|r| (subjects.contains(&r.subject) && objects.contains(&r.object)) || (r.predicate.is_symmetric() && subjects.contains(&r.object) && objects.contains(&r.subject)))
            .collect();
        if absent.is_some() {
            return match wanted.first() {
                Some(_) => Err(format!("{} {} {} should not hold", f[1], predicate, f[3])),
                None => Ok(()),
            };
        }
        let Some(r) = wanted.first() else { return Err(format!("no {} {} {}", f[1], f[2], f[3])) };
        for attr in &f[4..] {
            let ok = match attr.split_once('=') {
                Some(("year", y)) => r.year.map(|v| v.to_string()).as_deref() == Some(y),
                Some(("status", s)) => r.status.map(|v| v.as_str()) == Some(s),
                Some(("amount", a)) => r.amount.as_deref() == Some(a),
                None if attr == "negated" => r.negated,
                None if attr.is_empty() => true,
                _ => return Err(format!("unknown attribute {attr}")),
            };
            if !ok {
                return Err(format!("{attr} expected; got year {:?}, status {:?}, amount {:?}, negated {}", r.year, r.status, r.amount, r.negated));
            }
        }
        if !f[4..].iter().any(|a| a == "negated") && r.negated {
            return Err("relation is negated".into());
        }
        Ok(())
    });
}

#[test]
fn a_name_after_alongside_is_no_object_of_the_preposition_before() {
    let ex = extract("KOGAS holds a 10% stake in the project alongside Mitsui.");
    assert!(ex.relations.iter().all(|r| r.predicate.as_str() != "investsIn"), "{:?}", ex.relations);
}

#[test]
fn comma_and_before_a_name_and_its_verb_starts_a_new_clause() {
    let ex = extract("Peru supplies copper to Chile, and Bolivia exports lithium to Japan.");
    let has = |s: &str, p: &str, o: &str| ex.relations.iter().any(|r| r.subject == s && r.predicate.as_str() == p && r.object == o);
    assert!(has("country/bolivia", "supplies", "country/japan"), "{:?}", ex.relations);
    assert!(!has("country/chile", "supplies", "country/japan"), "{:?}", ex.relations);
    assert!(!has("country/peru", "supplies", "country/bolivia"), "{:?}", ex.relations);
    // A list of three with a comma before "and" stays one list.
    let ex = extract("Peru, Chile, and Bolivia signed an agreement.");
    assert!(ex.relations.iter().any(|r| r.predicate.as_str() == "cooperatesWith" && [&r.subject, &r.object].contains(&&"country/bolivia".to_string())), "{:?}", ex.relations);
}

#[test]
fn the_outlet_that_reports_is_no_party() {
    for text in ["The two leaders met in Lima, Xinhua reported.", "According to Reuters, Peru's imports of copper from Chile rose."] {
        let ex = extract(text);
        let outlet = ex.entities.iter().find(|e| e.label == "Xinhua" || e.label == "Reuters").expect("the outlet is named");
        assert!(ex.relations.iter().all(|r| r.subject != outlet.id && r.object != outlet.id), "{text}: {:?}", ex.relations);
    }
}

#[test]
fn the_asker_is_not_the_subject_of_the_infinitive() {
    let ex = extract("Ivan Tarsov urged Peruvian companies to invest in the Tarsk Industrial Park.");
    assert!(ex.relations.iter().all(|r| !(r.subject == "person/ivan_tarsov" && r.predicate.as_str() == "investsIn")), "{:?}", ex.relations);
}

#[test]
fn a_pronoun_after_two_people_refers_to_nobody() {
    let ex = extract("Ivan Petrov met Oleg Sidorov in May. There he unveiled the Amur Bridge project.");
    assert!(ex.relations.iter().all(|r| r.predicate.as_str() != "proposes"), "{:?}", ex.relations);
    let ex = extract("Ivan Petrov met the press in May. There he unveiled the Amur Bridge project.");
    assert!(ex.relations.iter().any(|r| r.subject == "person/ivan_petrov" && r.predicate.as_str() == "proposes"), "{:?}", ex.relations);
}

#[test]
fn status_cues_stage_undertakings_not_roles_or_criticism() {
    let ex = extract("Japan criticized Georgia over the planned referendum.");
    let criticism = ex.relations.iter().find(|r| r.predicate.as_str() == "criticizes").expect("a criticism");
    assert_eq!(criticism.status, None);
    let ex = extract("Gazprom planned to invest in the Amur Gas Processing Plant.");
    let investment = ex.relations.iter().find(|r| r.predicate.as_str() == "investsIn").expect("an investment");
    assert_eq!(investment.status.map(|s| s.as_str()), Some("planned"));
}

#[test]
fn a_person_a_title_ties_to_one_firm_holds_no_role_in_the_other() {
    let ex = extract("Tarsk Group Chairman Ivan Orlov and Velmar Group Chairman Sajjan Jindal signed the deal.");
    let roles: Vec<_> = ex.relations.iter().filter(|r| r.predicate.as_str() == "holdsRole").map(|r| (r.subject.as_str(), r.object.as_str())).collect();
    assert!(roles.contains(&("person/sajjan_jindal", "company/velmar_group")), "{roles:?}");
    assert!(!roles.contains(&("person/sajjan_jindal", "company/tarsk_group")), "{roles:?}");
}

#[test]
fn it_after_two_projects_refers_to_neither() {
    let ex = extract("Rosatom discussed the Amur Bridge, and Rostec discussed the Lena Tunnel. It was initiated by Gazprom.");
    assert!(ex.relations.iter().all(|r| r.subject != "company/gazprom"), "{:?}", ex.relations);
}

#[test]
fn a_country_in_brackets_says_where_not_who() {
    let ex = extract("The Sokcho Port (South Korea) terminal was renovated.");
    let korea = find(&ex, "South Korea");
    assert_eq!(korea.len(), 1, "{}", show(&ex));
    assert!(!korea[0].aliases.iter().any(|a| a == "Sokcho Port"), "{}", show(&ex));
    // An acronym in brackets is still an alias.
    let ex = extract("The Korea Electric Power Corporation (KEPCO) signed the deal.");
    assert!(find(&ex, "KEPCO").iter().any(|e| e.label == "Korea Electric Power Corporation"), "{}", show(&ex));
}

#[test]
fn a_state_adjective_before_a_commodity_does_not_take_the_commoditys_slot() {
    let ex = extract("KEPCO showed interest in buying Australian coal.");
    assert!(ex.relations.iter().all(|r| !(r.predicate.as_str() == "interestedIn" && r.object == "country/australia")), "{:?}", ex.relations);
    // Criticism of a leader's government is no role in the critic's state.
    let ex = extract("Russia criticized the Biden administration.");
    assert!(ex.relations.iter().all(|r| !(r.predicate.as_str() == "holdsRole" && r.object == "country/russia")), "{:?}", ex.relations);
}

#[test]
fn a_place_near_another_is_not_in_its_owner() {
    // "near" is a cue of locatedIn (eval/SCHEMA.md: "a plant near Nakhodka"), so Ulan Bator
    // may be read as where Ussuriysk is; Mongolia, whose Ulan Bator it is, may not.
    let ex = extract("Ussuriysk in Primorsky Krai, located near Mongolia's Ulan Bator, grew fast.");
    assert!(ex.relations.iter().all(|r| !(r.predicate.as_str() == "locatedIn" && r.subject == "place/ussuriysk" && r.object == "country/mongolia")), "{:?}", ex.relations);
    assert!(ex.relations.iter().any(|r| r.predicate.as_str() == "locatedIn" && r.object == "place/primorsky_krai"), "{:?}", ex.relations);
}

#[test]
fn a_known_place_with_a_generic_head_is_that_place() {
    let ex = extract("Containers were shipped from Rajin Port to Busan.");
    let rajin = find(&ex, "Rajin Port");
    assert_eq!(rajin.len(), 1, "{}", show(&ex));
    assert_eq!(rajin[0].label, "Rajin", "{}", show(&ex));
}

#[test]
fn it_in_a_relative_clause_is_the_one_actor_named_before() {
    let builds = |ex: &Extraction| ex.relations.iter().filter(|r| r.predicate.as_str() == "builds").map(|r| r.subject.clone()).collect::<Vec<_>>();
    let ex = extract("Japan backs the Tarsk gas project that it is developing.");
    assert_eq!(builds(&ex), ["country/japan"], "{}", show(&ex));
    // Two states named before it: it may be either.
    let ex = extract("Tokyo protested to Beijing over the Tarsk gas project that it is developing.");
    assert!(builds(&ex).is_empty(), "{}", show(&ex));
}

#[test]
fn a_name_typed_two_ways_is_one_entity_of_its_commoner_class() {
    // A verb's agent makes a firm of "Zelvar" once; two places say where things are.
    let ex = extract("India runs the Tarsk terminal at Zelvar. Zelvar also competes with Omsk. Ships call at the port in Zelvar.");
    let zelvar = find(&ex, "Zelvar");
    assert_eq!(zelvar.len(), 1, "{}", show(&ex));
    assert_eq!(zelvar[0].class.as_str(), "Place", "{}", show(&ex));
}

#[test]
fn a_project_named_again_with_lowercase_words_added_is_one_project() {
    let ex = extract("Loans were extended for the Tarsk–Olvin high-speed rail line. The corridor, officially the Tarsk-Olvin High Speed Rail, opens in 2030.");
    let line = find(&ex, "Tarsk-Olvin High Speed Rail");
    assert_eq!(line.len(), 1, "{}", show(&ex));
    assert!(line[0].aliases.iter().chain([&line[0].label]).any(|n| n.ends_with("rail line")), "{}", show(&ex));
    // A number or a name after it makes another project.
    let ex = extract("Gazprom runs the Power of Tarsk pipeline. The Power of Tarsk 2 is planned.");
    assert_eq!(find(&ex, "Power of Tarsk 2").len(), 1, "{}", show(&ex));
    assert!(find(&ex, "Power of Tarsk 2").iter().all(|e| e.label != "Power of Tarsk pipeline"), "{}", show(&ex));
}

#[test]
fn names_coordinated_before_a_plural_head_join_the_project_named_in_full() {
    let ex = extract("The Trans-Tarsk Railway was planned in 2001. Goods will move along the Trans-Tarsk and Trans-Olvin railways.");
    let railway = find(&ex, "Trans-Tarsk Railway");
    assert_eq!(railway.len(), 1, "{}", show(&ex));
    assert!(railway[0].aliases.iter().any(|a| a == "Trans-Tarsk"), "{}", show(&ex));
    assert_eq!(ex.entities.iter().filter(|e| e.class.as_str() == "Project").count(), 2, "{}", show(&ex));
}

#[test]
fn a_route_named_with_its_acronym_is_the_project_the_gazetteer_knows() {
    let ex = extract("Transneft runs the Eastern Siberia-Pacific Ocean (ESPO) oil pipeline. ESPO carries oil to Kozmino. The ESPO pipeline is long.");
    let pipelines: Vec<_> = ex.entities.iter().filter(|e| e.class.as_str() == "Project").collect();
    assert_eq!(pipelines.len(), 1, "{}", show(&ex));
    assert!(pipelines[0].aliases.iter().any(|a| a == "ESPO"), "{}", show(&ex));
}

#[test]
fn places_listed_with_their_preposition_are_not_in_each_other() {
    let ex = extract("Novatek operates plants in Yamal, in Sakhalin and in Chukotka.");
    assert!(ex.relations.iter().all(|r| r.predicate.as_str() != "locatedIn"), "{}", show(&ex));
}

/// A copy of the ontology with the file at `relative` (inside `ontology/`) replaced by `content`.
fn ontology_with(relative: &str, content: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ontology");
    let status = std::process::Command::new("cp").arg("-r").arg(&source).arg(dir.path().join("ontology")).status().unwrap();
    assert!(status.success());
    std::fs::write(dir.path().join("ontology").join(relative), content).unwrap();
    dir
}

#[test]
fn the_scorers_threshold_decides_and_bad_rows_are_refused() {
    let sentence = "Mongolia joined the Amur Bridge project.";
    let doc = Reader::default().parse(Path::new("case.txt"), "case.txt", Format::Text, sentence.as_bytes()).unwrap();
    let joined = |ex: &Extraction| ex.relations.iter().any(|r| r.predicate.as_str() == "participatesIn");
    assert!(joined(&extractor().extract(&doc)), "{}", show(&extractor().extract(&doc)));
    // The same weights with a threshold no pair reaches: no relation.
    let weights = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ontology/scorer.csv")).unwrap();
    let strict: String = weights.lines().map(|l| if l.starts_with("threshold,") { "threshold,1.0".to_string() } else { l.to_string() }).collect::<Vec<_>>().join("\n");
    let dir = ontology_with("scorer.csv", &strict);
    let strict = Extractor::new(Lexicon::load(&dir.path().join("ontology")).unwrap());
    assert!(strict.extract(&doc).relations.is_empty());
    // A weight the code does not know, a frame with an unknown word class: refused, naming file and line.
    let dir = ontology_with("scorer.csv", "feature,weight\nagree|nonsense,1\n");
    let err = format!("{:#}", Lexicon::load(&dir.path().join("ontology")).unwrap_err());
    assert!(err.contains("scorer.csv:2") && err.contains("unknown feature"), "{err}");
    let dir = ontology_with("frames.csv", "predicate,cue,pos,subject,object\ninvestsIn,invest,adverb,subj,in\n");
    let err = format!("{:#}", Lexicon::load(&dir.path().join("ontology")).unwrap_err());
    assert!(err.contains("frames.csv:2") && err.contains("pos must be"), "{err}");
    let dir = ontology_with("frames.csv", "predicate,cue,pos,subject,object\ninvestsIn,invest,verb,subj,inside-out\n");
    let err = format!("{:#}", Lexicon::load(&dir.path().join("ontology")).unwrap_err());
    assert!(err.contains("frames.csv:2") && err.contains("unknown place"), "{err}");
}

#[test]
fn a_pair_adjective_row_without_adjective_is_refused() {
    let dir = ontology_with("lexicon/pair_adjectives.csv", "adjective,first,second\n,country/north_korea,country/south_korea\n");
    let err = format!("{:#}", Lexicon::load(&dir.path().join("ontology")).unwrap_err());
    assert!(err.contains("pair_adjectives.csv:2") && err.contains("adjective is empty"), "{err}");
}

#[test]
fn a_leaders_government_is_a_role_in_the_state_named_elsewhere() {
    // "the Trump administration" alone in its sentence: the state is named in another one.
    let ex = extract("The United States raised tariffs. They rose again under the Trump administration.");
    assert!(ex.relations.iter().any(|r| r.predicate.as_str() == "holdsRole" && r.subject == "person/donald_trump" && r.object == "country/united_states"), "{:?}", ex.relations);
}

#[test]
fn data_files_with_a_misspelt_column_a_bad_min_words_or_a_duplicate_id_are_refused() {
    let cases = [
        ("gazetteer/entities.csv", "id,type,label,alias,wikidata,country\nacme,Company,Acme,,,\n", "entities.csv:1: unknown column \"alias\""),
        ("typing/titles.csv", "title\nPresident\n", "titles.csv:1: no column \"kind\""),
        ("typing/heads.csv", "head,type,min_words\nCorporation,Company,two\n", "heads.csv:2: min_words must be a number of words (1 or more), not \"two\""),
        ("typing/heads.csv", "head,type,min_words\nCorporation,Company,0\n", "heads.csv:2: min_words"),
        ("gazetteer/entities.csv", "id,type,label,aliases,wikidata,country\nacme,Company,Acme,,,\nacme,Company,Acme Corp,,,\n", "entities.csv:3: duplicate id company/acme"),
    ];
    for (file, content, expected) in cases {
        let dir = ontology_with(file, content);
        let err = format!("{:#}", Lexicon::load(&dir.path().join("ontology")).unwrap_err());
        assert!(err.contains(expected), "{file}: {err}");
    }
}

#[test]
fn a_missing_word_list_is_an_error_naming_it() {
    let dir = ontology_with("lexicon/pair_nouns.txt", "");
    std::fs::remove_file(dir.path().join("ontology/lexicon/pair_nouns.txt")).unwrap();
    let err = format!("{:#}", Lexicon::load(&dir.path().join("ontology")).unwrap_err());
    assert!(err.contains("pair_nouns.txt: cannot read"), "{err}");
}

#[test]
fn the_fingerprint_covers_the_data_the_extractor_reads_not_the_tools() {
    let shipped = Lexicon::load_untrained(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ontology")).unwrap().fingerprint;
    let fingerprint = |dir: &tempfile::TempDir| Lexicon::load_untrained(&dir.path().join("ontology")).unwrap().fingerprint;
    assert_eq!(fingerprint(&ontology_with("tools/gen_places.py", "# another script\n")), shipped, "tools/ is not read");
    let furniture = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ontology/lexicon/furniture.txt")).unwrap();
    assert_ne!(fingerprint(&ontology_with("lexicon/furniture.txt", &format!("{furniture}one more phrase\n"))), shipped, "a data file is");
}

#[test]
fn a_described_event_is_the_named_one_with_its_head_and_place() {
    let ex = extract("Russia's war against Ukraine continues. The war in Ukraine hurt trade.");
    let war = find(&ex, "war against Ukraine");
    assert_eq!(war.len(), 1, "{}", show(&ex));
    assert_eq!(war[0].label, "war in Ukraine", "{}", show(&ex));
    // Another head is another event.
    let ex = extract("Russia's invasion of Ukraine began in 2022. The war in Ukraine hurt trade.");
    assert_eq!(ex.entities.iter().filter(|e| e.class.to_string() == "Event").count(), 2, "{}", show(&ex));
}

#[test]
fn places_in_a_list_are_not_in_each_other() {
    // "Olvendo, Tarsk Province" places the first in the second; a list of places does not.
    for text in
        ["Offices in Nakhodka, Vladivostok and Khabarovsk will open.", "Offices in Nakhodka, Vladivostok, Khabarovsk and Ussuriysk will open.", "Offices in Astana, Almaty or Shymkent will open."]
    {
        let ex = extract(text);
        assert!(ex.relations.iter().all(|r| r.predicate.as_str() != "locatedIn"), "{text}: {:?}", ex.relations);
    }
    let ex = extract("The office in Olvendo, Tarsk Province, will open.");
    assert!(ex.relations.iter().any(|r| r.predicate.as_str() == "locatedIn" && r.subject == "place/olvendo"), "{:?}", ex.relations);
}

#[test]
fn sanctions_with_no_target_named_anywhere_are_aimed_at_nobody_else() {
    // Two states named as often: no document state, no target named after "on"/"against".
    let ex = extract("Japan and China traded more. Japan and China met. The UN sanctions call for the repatriation of workers.");
    assert!(ex.relations.iter().all(|r| r.predicate.as_str() != "sanctions"), "{:?}", ex.relations);
    // A target named elsewhere in the document is theirs.
    let ex = extract("Japan and China traded more. The UN imposed sanctions against North Korea. The UN sanctions call for the repatriation of workers.");
    assert!(ex.relations.iter().any(|r| r.predicate.as_str() == "sanctions" && r.rule == "sanctions:document-target" && r.object == "country/north_korea"), "{:?}", ex.relations);
}

#[test]
fn a_place_before_a_title_is_the_titles_not_a_party() {
    let ex = extract("Jin Sung-ho met Ohio Gov. Daniel Harper on Tuesday.");
    // The frame's object is the person; the place is left to the scorer's weaker guess.
    let met = |object: &str| ex.relations.iter().find(|r| r.predicate.as_str() == "meetsWith" && r.subject == "person/jin_sung_ho" && r.object == object);
    assert!(met("person/daniel_harper").is_some_and(|r| r.rule.starts_with("frames.csv")), "{:?}", ex.relations);
    assert!(met("place/ohio").is_none_or(|r| !r.rule.starts_with("frames.csv")), "{:?}", ex.relations);
}

#[test]
fn a_participle_after_a_plain_noun_describes_the_noun() {
    // "based in" says where the companies are, not the agency that names them.
    let ex = extract("The Tarsk Sanctions Office is sanctioning four companies based in Olvendo, Tarsk Province, and Dubai.");
    let placed = |r: &newsgraph::model::Relation| r.predicate.as_str() == "locatedIn" && r.subject.ends_with("tarsk_sanctions_office") && r.rule.starts_with("frames.csv");
    assert!(!ex.relations.iter().any(placed), "{:?}", ex.relations);
    // Said of the name itself, through a copula, a relative pronoun or an apposition, it holds.
    for text in [
        "The Tarsk Sanctions Office is based in Olvendo.",
        "The Tarsk Sanctions Office, which is based in Olvendo, will open.",
        "The Tarsk Sanctions Office, a small agency based in Olvendo, will open.",
    ] {
        let ex = extract(text);
        assert!(ex.relations.iter().any(placed), "{text}: {:?}", ex.relations);
    }
}

#[test]
fn an_acronym_and_its_name_relate_to_nothing_as_two() {
    // A name defining a known acronym ("CRBC" is in the gazetteer) joins the acronym's
    // entity: never a relation with itself.
    let ex = extract("The venture has hired Tarsk Tunnel Group and China Road and Bridge Corporation (CRBC) as main contractors.");
    assert!(ex.relations.iter().all(|r| r.subject != r.object), "{:?}", ex.relations);
}

#[test]
fn the_audience_of_what_is_said_is_no_party() {
    // `lexicon/audience_verbs.txt`: the name after "told" is addressed; the scorer pairs it with nothing.
    let ex = extract("The Tarsk-Olvendo Investment Platform was set up in 2013. Although the platform has no sector focus, a Tarvex Capital spokesman told Infrastructure Weekly that the platform will mostly focus on energy.");
    assert!(ex.relations.iter().all(|r| !r.subject.contains("infrastructure_weekly") && !r.object.contains("infrastructure_weekly")), "{:?}", ex.relations);
    // What the speaker's body does is still read.
    assert!(ex.relations.iter().any(|r| r.subject.contains("tarvex_capital")), "{:?}", ex.relations);
}

#[test]
fn the_of_right_after_a_cue_noun_is_the_cues_own() {
    // "on the sidelines of X": the "of" belongs to "sidelines", though "on" governs its phrase.
    let ex = extract("Ken Harumo held talks with Olvar Tarsakis on the sidelines of the Tarsk Economic Forum.");
    let at_forum = ex.relations.iter().find(|r| r.predicate.as_str() == "participatesIn" && r.subject == "person/ken_harumo" && r.object == "event/tarsk_economic_forum");
    assert!(at_forum.is_some_and(|r| r.rule.starts_with("frames.csv")), "{:?}", ex.relations);
}

#[test]
fn a_legal_form_before_a_firms_name_is_an_alias_and_the_name_its_label() {
    let ex = extract("PJSC Vortana signed the contract. Vortana said output would rise.");
    let firms = find(&ex, "Vortana");
    assert_eq!(firms.len(), 1, "{}", show(&ex));
    assert_eq!(firms[0].label, "Vortana", "{}", show(&ex));
    assert!(firms[0].aliases.iter().any(|a| a == "PJSC Vortana"), "{}", show(&ex));
}

#[test]
fn a_short_form_defined_in_brackets_names_the_same_firm_later() {
    let ex = extract("The plant of PT Sentara Borneo Green Power (SBG Green Power) is in Karuna. SBG Green Power began output in 2024.");
    let firms: Vec<_> = ex.entities.iter().filter(|e| e.class.as_str() == "Company").collect();
    assert_eq!(firms.len(), 1, "{}", show(&ex));
    assert!(firms[0].aliases.iter().any(|a| a == "SBG Green Power"), "{}", show(&ex));
}

#[test]
fn two_states_named_side_by_side_supply_nothing() {
    // A long paragraph of the seeds names states side by side: "Russia and China proposed to
    // the U.S. administration a roadmap …" had given North Korea supplies the United States
    // from the pair's features alone, with no word of giving in the sentence.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/001_aba28fb30b3702b5.txt");
    let bytes = std::fs::read(&path).expect("the seed reads");
    let doc = Reader::default().parse(&path, "001_aba28fb30b3702b5.txt", Format::Text, &bytes).expect("the seed parses");
    let ex = extractor().extract(&doc);
    let supplies = |s: &str, o: &str| ex.relations.iter().any(|r| r.predicate.as_str() == "supplies" && r.subject == s && r.object == o);
    assert!(!supplies("country/north_korea", "country/united_states"), "{:?}", ex.relations.iter().filter(|r| r.rule == "scorer").collect::<Vec<_>>());
    assert!(!supplies("country/north_korea", "country/south_korea"));
}
