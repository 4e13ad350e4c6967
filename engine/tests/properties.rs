//! Invariants of the evaluation over arbitrary cases: monotone in firearms and criminal
//! history, always within the statutes, probabilities in [0, 1], and no input panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use threshold_engine::{
    evaluate, evaluate_quick, Case, ChargeId, CriminalHistory, EvaluationError, Law, LawEra,
    ManualEdition, Recipient, Role, SentencingOverrides, SentencingParams,
};

fn option<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop_oneof![1 => Just(None), 3 => s.prop_map(Some)].boxed()
}

fn case_strategy() -> impl Strategy<Value = Case> {
    let core = (
        prop::sample::select(LawEra::ALL.to_vec()),
        option(prop::sample::select(
            ManualEdition::all().collect::<Vec<_>>(),
        )),
        prop::sample::select(ChargeId::ALL.to_vec()),
        option(1u32..=5),
        option(prop::sample::select(CriminalHistory::ALL.to_vec())),
        option(0u32..=400),
        option(0u8..=3),
        option(prop::sample::select(vec![
            Recipient::None,
            Recipient::ProhibitedPerson,
            Recipient::Dangerous,
        ])),
        option(prop::sample::select(Role::ALL.to_vec())),
    );
    let flags = (
        prop::array::uniform12(option(any::<bool>())),
        option(0u32..=2_000),
        option(0.0f64..200_000.0),
        option(0.0f64..=1.0),
    );
    // Offense and sentencing days from 2009 to 2027, any of them, so §1B1.11 sees every
    // pair of editions (a sentencing day before the offense is refused, not evaluated).
    let day = (2009u16..=2027, 1u8..=12, 1u8..=28)
        .prop_map(|(y, m, d)| threshold_engine::Date::new(y, m, d).unwrap());
    let later = (
        option(day.clone()),
        option(day),
        any::<bool>(),
        prop::array::uniform6(option(any::<bool>())),
        option(0u32..=40),
        option(0u8..=15),
    );
    (core, flags, later).prop_map(
        |(
            (era, manual, charge, counts, history, firearms, priors, recipient, role),
            (b, rounds, grams, strength),
            (offense, sentencing, auto, n, devices, points),
        )| {
            let mut c = Case::new(era, charge);
            c.manual = match (manual, auto) {
                (_, true) => Some(threshold_engine::ManualChoice::Auto),
                (m, false) => m.map(threshold_engine::ManualChoice::Edition),
            };
            c.offense_date = offense;
            c.sentencing_date = sentencing;
            c.knew_leaving_us = n[0];
            c.criminal_group = n[1];
            c.relationship_or_fear_motive = n[2];
            c.parts_or_magazines = n[3];
            c.conversion_device_transferred = n[4];
            c.conversion_devices = devices;
            c.criminal_history_points = points.filter(|_| n[5] == Some(true));
            c.counts = counts;
            c.criminal_history = history;
            c.firearms = firearms;
            c.prior_violent_or_drug_felonies = priors;
            c.trafficking_recipient = recipient;
            c.role = role;
            c.prohibited_person = b[0];
            c.large_capacity_semiautomatic = b[1];
            c.nfa_weapon = b[2];
            c.knew_buyer_prohibited = b[3];
            c.stolen_firearm = b[4];
            c.altered_serial = b[5];
            c.mexico_nexus = b[6];
            c.other_felony = b[7];
            c.fully_automatic = b[8];
            c.accepts_responsibility = b[9];
            c.government_motion = b[10];
            c.crime_gun_recovered = b[11];
            c.ammunition_rounds = rounds;
            c.drug_grams = grams;
            c.evidence_strength = strength;
            c
        },
    )
}

fn quick(case: &Case) -> Result<threshold_engine::Evaluation, EvaluationError> {
    evaluate_quick(case, Law::embedded(), SentencingParams::embedded())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn more_firearms_never_lowers_the_offense_level(case in case_strategy(), extra in 1u32..300) {
        let Ok(before) = quick(&case) else { return Ok(()) };
        let mut more = case.clone();
        more.firearms = Some(case.firearms.unwrap_or(1) + extra);
        let after = quick(&more).unwrap();
        prop_assert!(after.offense_level >= before.offense_level,
            "{} → {}", before.offense_level, after.offense_level);
    }

    #[test]
    fn range_stays_within_the_statutes(case in case_strategy()) {
        let Ok(e) = quick(&case) else { return Ok(()) };
        let r = e.guideline_range_months;
        prop_assert!(r.min >= e.statutory_min_months);
        if let Some(max) = e.total_statutory_max_months {
            prop_assert!(r.min <= max);
            prop_assert!(r.max.is_some_and(|m| m <= max));
        }
        if let Some(m) = r.max { prop_assert!(m >= r.min); }
        let x = e.expected_sentence_months;
        prop_assert!(x.p10 >= f64::from(e.statutory_min_months) - 1e-9);
        if let Some(max) = e.total_statutory_max_months {
            prop_assert!(x.p90 <= f64::from(max) + 1e-9);
            prop_assert!(x.mean <= f64::from(max) + 1e-9);
        }
        prop_assert!(x.p10 <= x.median + 1e-9 && x.median <= x.p90 + 1e-9);
    }

    #[test]
    fn higher_criminal_history_never_lowers_the_range(case in case_strategy()) {
        let mut previous: Option<(u32, u32)> = None;
        for history in CriminalHistory::ALL {
            let mut c = case.clone();
            c.criminal_history = Some(history);
            let Ok(e) = quick(&c) else { return Ok(()) };
            let r = e.guideline_range_months;
            let here = (r.min, r.max.unwrap_or(u32::MAX));
            if let Some(prev) = previous {
                prop_assert!(here.0 >= prev.0 && here.1 >= prev.1, "{prev:?} → {here:?}");
            }
            previous = Some(here);
        }
    }

    #[test]
    fn every_probability_is_within_0_and_1(
        case in case_strategy(),
        within in option(0.0f64..=1.0),
        at_min in option(0.0f64..=1.0),
        zone_a in option(0.0f64..=1.0),
        zone_b in option(0.0f64..=1.0),
    ) {
        let overrides = SentencingOverrides {
            within_range_share: within,
            above_range_share: within.map(|w| (1.0 - w) / 4.0),
            within_at_minimum_share: at_min,
            probation_share_zone_a: zone_a,
            probation_share_zone_b: zone_b,
            ..Default::default()
        };
        let params = SentencingParams::embedded().with_overrides(&overrides).unwrap();
        let Ok(e) = evaluate(&case, Law::embedded(), &params) else { return Ok(()) };
        let x = e.expected_sentence_months;
        for p in [x.p_any_prison, x.p_at_least_12_months, x.p_probation,
                  x.share_within, x.share_below, x.share_above] {
            prop_assert!((0.0..=1.0).contains(&p), "{p} in {x:?}");
        }
        prop_assert!((x.share_within + x.share_below + x.share_above - 1.0).abs() < 1e-9);
    }

    #[test]
    fn no_input_panics(text in ".{0,200}") {
        let _ = Case::from_json(&text);
        let _ = threshold_engine::batch::cases_from_csv(&text);
    }

    #[test]
    fn no_facts_panic(
        case in case_strategy(),
        firearms in any::<u32>(),
        counts in any::<u32>(),
        priors in any::<u8>(),
        rounds in any::<u32>(),
        grams in any::<f64>(),
        strength in any::<f64>(),
    ) {
        let mut c = case;
        c.firearms = Some(firearms);
        c.counts = Some(counts);
        c.prior_violent_or_drug_felonies = Some(priors);
        c.ammunition_rounds = Some(rounds);
        c.drug_grams = Some(grams);
        c.evidence_strength = Some(strength);
        if let Ok(e) = evaluate(&c, Law::embedded(), SentencingParams::embedded()) {
            prop_assert!((1..=43).contains(&e.offense_level));
        }
    }

    #[test]
    fn no_json_case_panics(
        era in "[a-z_0-9]{0,12}",
        charge in "[a-z_0-9]{0,30}",
        firearms in any::<i64>(),
        grams in any::<f64>(),
    ) {
        let text = format!(
            r#"{{"law_era":"{era}","charge":"{charge}","firearms":{firearms},"drug_grams":{}}}"#,
            if grams.is_finite() { grams.to_string() } else { "1".into() }
        );
        if let Ok(case) = Case::from_json(&text) {
            let _ = quick(&case);
        }
    }
}

mod prosecution {
    //! The prosecution model's promises over arbitrary cases and parameters: acceptance
    //! never falls when a fact improves, the decline reasons sum to P(decline), the charge
    //! comparison is ranked and never panics.

    use super::*;
    use threshold_engine::prosecution::{
        acceptance_probability, assess, compare_charges, conviction_probability, decline_reasons,
        ProsecutionFacts, ProsecutionOverrides, ProsecutionParams,
    };
    use threshold_engine::{sentence_histogram, GuidelineRange, Zone};

    fn accept(case: &Case) -> Option<f64> {
        assess(
            case,
            Law::embedded(),
            SentencingParams::embedded(),
            ProsecutionParams::embedded(),
        )
        .ok()
        .map(|a| a.option.acceptance_probability)
    }

    fn facts_strategy() -> impl Strategy<Value = ProsecutionFacts> {
        (0u32..5_000, any::<[bool; 7]>(), 0.0f64..=1.0).prop_map(|(firearms, b, evidence)| {
            ProsecutionFacts {
                firearms,
                crime_gun_recovered: b[0],
                evidence_strength: evidence,
                intent_evidence: b[1],
                mexico_nexus: b[2],
                organiser: b[3],
                ice_joint_investigation: b[4],
                plea: b[5],
            }
        })
    }

    /// Any valid parameter set: every weight within its stated plausible range.
    fn params_strategy() -> impl Strategy<Value = ProsecutionParams> {
        let base = ProsecutionParams::embedded();
        let n = base.fields().len();
        prop::collection::vec(0.0f64..=1.0, n).prop_map(move |t| {
            let mut map = serde_json::Map::new();
            for ((name, p), t) in base.fields().into_iter().zip(t) {
                let (lo, hi) = (p.low.unwrap(), p.high.unwrap());
                map.insert(name.into(), (lo + t * (hi - lo)).into());
            }
            let o: ProsecutionOverrides = serde_json::from_value(map.into()).unwrap();
            base.with_overrides(&o).unwrap()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn acceptance_rises_with_firearms(case in case_strategy(), extra in 1u32..300) {
            let Some(before) = accept(&case) else { return Ok(()) };
            let mut more = case.clone();
            more.firearms = Some(case.firearms.unwrap_or(1) + extra);
            let after = accept(&more).unwrap();
            prop_assert!(after >= before - 1e-12, "{before} → {after}");
        }

        #[test]
        fn acceptance_rises_with_crime_gun_and_evidence(
            case in case_strategy(),
            lower in 0.0f64..=1.0,
            raise in 0.0f64..=1.0,
        ) {
            let mut without = case.clone();
            without.crime_gun_recovered = Some(false);
            let Some(before) = accept(&without) else { return Ok(()) };
            let mut with = case.clone();
            with.crime_gun_recovered = Some(true);
            prop_assert!(accept(&with).unwrap() > before);
            let mut weak = case.clone();
            weak.evidence_strength = Some(lower);
            let mut strong = case;
            strong.evidence_strength = Some((lower + raise).min(1.0));
            prop_assert!(accept(&strong).unwrap() >= accept(&weak).unwrap());
        }

        #[test]
        fn acceptance_rises_with_the_expected_sentence(
            facts in facts_strategy(),
            params in params_strategy(),
            months in 0.0f64..500.0,
            more in 0.0f64..500.0,
        ) {
            let a = acceptance_probability(&facts, months, &params);
            let b = acceptance_probability(&facts, months + more, &params);
            prop_assert!(b >= a && (0.0..=1.0).contains(&a));
        }

        #[test]
        fn decline_reasons_sum_to_the_decline_probability(
            facts in facts_strategy(),
            params in params_strategy(),
            months in 0.0f64..1_000.0,
        ) {
            let p = acceptance_probability(&facts, months, &params);
            let r = decline_reasons(&facts, months, &params);
            prop_assert!((r.total() - (1.0 - p)).abs() < 1e-12, "{r:?} vs {p}");
            for part in [r.low_penalty, r.weak_evidence, r.no_intent_evidence, r.other] {
                prop_assert!(part >= 0.0);
            }
        }

        #[test]
        fn conviction_rises_with_evidence(
            facts in facts_strategy(),
            params in params_strategy(),
            export in any::<bool>(),
            raise in 0.0f64..=1.0,
        ) {
            let p = conviction_probability(&facts, export, &params);
            let mut stronger = facts;
            stronger.evidence_strength = (facts.evidence_strength + raise).min(1.0);
            prop_assert!((0.0..=1.0).contains(&p));
            prop_assert!(conviction_probability(&stronger, export, &params) >= p);
        }

        #[test]
        fn comparison_is_ranked_and_consistent(case in case_strategy()) {
            let Ok(c) = compare_charges(
                &case,
                Law::embedded(),
                SentencingParams::embedded(),
                ProsecutionParams::embedded(),
            ) else { return Ok(()) };
            prop_assert!(c.options.iter().any(|o| o.charges == [case.charge]));
            for pair in c.options.windows(2) {
                prop_assert!(pair[0].expected_prison_months_per_referral
                    >= pair[1].expected_prison_months_per_referral);
            }
            for o in &c.options {
                let r = o.decline_reasons;
                prop_assert!((r.total() + o.acceptance_probability - 1.0).abs() < 1e-9);
                prop_assert!((0.0..=1.0).contains(&o.conviction_probability));
            }
        }

        #[test]
        fn histogram_sums_to_one(
            min in 0u32..400,
            width in 0u32..100,
            life in any::<bool>(),
            floor in 0u32..200,
            ceiling in option(1u32..500),
            bins in 0usize..60,
            probation in any::<bool>(),
        ) {
            let range = GuidelineRange {
                min_months: min,
                max_months: if life { None } else { Some(min + width) },
            };
            for zone in [Zone::A, Zone::B, Zone::C, Zone::D] {
                let h = sentence_histogram(
                    range, zone, floor, ceiling, probation, SentencingParams::embedded(), bins,
                );
                let total: f64 = h.iter().map(|b| b.probability).sum();
                prop_assert!((total - 1.0).abs() < 1e-9, "{total}");
                prop_assert!(h.iter().all(|b| b.probability >= -1e-12));
                prop_assert_eq!(h[0].to_months, 0.0);
            }
        }
    }
}

mod csv_files {
    //! The CSV files Threshold reads and writes: a caseload file as a spreadsheet writes it
    //! (quotes, commas and line breaks in cells, a BOM, CRLF) reads back to the same cases,
    //! and a bad case is named by the line its record starts on; `threshold batch` reads back
    //! to the labels it was given; a download reads back to the text it was given; no bytes
    //! panic the reader.

    use std::sync::OnceLock;

    use serde_json::Value;

    use super::*;
    use threshold_engine::batch::{cases_from_csv, evaluations_to_csv, CSV_HEADER};
    use threshold_engine::caseload::{Caseload, ChargePolicy, Projection, ProjectionSummary};
    use threshold_engine::export::{defused, projection_csv, side_by_side_csv};
    use threshold_engine::scenario::{preset, side_by_side, Baseline, SideBySide};
    use threshold_engine::Stamp;

    /// Text that a spreadsheet has to quote, or that a reader could mistake for something
    /// else (a comment, a formula, a BOM), among any other characters.
    fn text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            ',', '"', '\r', '\n', ' ', '\t', '#', '=', '\'', ';', 'é', '\u{feff}', 'a', 'Z', '1',
        ]);
        let char = prop_oneof![4 => special, 1 => any::<char>()];
        prop::collection::vec(char, 0..20).prop_map(|c| c.into_iter().collect())
    }

    fn labelled_cases() -> impl Strategy<Value = Vec<Case>> {
        let case = (case_strategy(), option(text())).prop_map(|(mut case, label)| {
            case.label = label;
            case
        });
        prop::collection::vec(case, 1..6)
    }

    fn line_breaks(text: &str) -> usize {
        text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count()
    }

    /// A caseload file as a spreadsheet writes it, label first and every fact a column, and
    /// the line each case's record starts on.
    fn spreadsheet(cases: &[Case], crlf: bool, bom: bool) -> (String, Vec<usize>) {
        let objects: Vec<serde_json::Map<String, Value>> = cases
            .iter()
            .map(|case| match serde_json::to_value(case).unwrap() {
                Value::Object(object) => object,
                other => panic!("a case is an object, not {other}"),
            })
            .collect();
        let mut columns = vec!["label".to_string()];
        for key in objects.iter().flat_map(|o| o.keys()) {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
        let terminator = if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        let record = |fields: Vec<String>| {
            // As a spreadsheet would: a cell that could pass for a comment is quoted.
            let mut writer = csv::WriterBuilder::new()
                .comment(Some(b'#'))
                .terminator(terminator)
                .from_writer(Vec::new());
            writer.write_record(&fields).unwrap();
            String::from_utf8(writer.into_inner().unwrap()).unwrap()
        };
        let mut text = if bom {
            "\u{feff}".to_string()
        } else {
            String::new()
        };
        text += &record(columns.clone());
        let mut lines = Vec::new();
        for object in &objects {
            lines.push(1 + line_breaks(&text));
            let cells = columns.iter().map(|column| match object.get(column) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
            });
            text += &record(cells.collect());
        }
        (text, lines)
    }

    /// The status quo beside a proposal, and a small projection: made once, renamed per case.
    fn downloads() -> &'static (Case, SideBySide, ProjectionSummary) {
        static MADE: OnceLock<(Case, SideBySide, ProjectionSummary)> = OnceLock::new();
        MADE.get_or_init(|| {
            let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
            case.firearms = Some(12);
            let scenario = preset("hr_2554_2011").unwrap();
            let sbs = side_by_side(&case, &Baseline::embedded(), scenario).unwrap();
            let caseload = Caseload::default_population();
            let mut projection = Projection::new(
                &caseload,
                &Baseline::embedded(),
                scenario,
                7,
                5,
                ChargePolicy::Best,
            )
            .unwrap();
            projection.step(5);
            (case, sbs, projection.summary())
        })
    }

    fn rows(text: &str) -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn a_spreadsheet_file_reads_back_to_its_cases(
            cases in labelled_cases(),
            crlf in any::<bool>(),
            bom in any::<bool>(),
        ) {
            // Cells are trimmed, and an empty one leaves the fact unset.
            let valid: Vec<Case> = cases.iter().filter(|c| c.validate().is_ok()).cloned().collect();
            let expected: Vec<Case> = valid
                .iter()
                .map(|case| {
                    let mut case = case.clone();
                    case.label = case.label.map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
                    case
                })
                .collect();
            if !valid.is_empty() {
                let (text, _) = spreadsheet(&valid, crlf, bom);
                prop_assert_eq!(cases_from_csv(&text).unwrap(), expected, "{:?}", text);
            }
            if let Some(bad) = cases.iter().position(|case| case.validate().is_err()) {
                let (text, lines) = spreadsheet(&cases, crlf, bom);
                let error = cases_from_csv(&text).unwrap_err();
                prop_assert_eq!(error.line, lines[bad], "{:?}", text);
            }
        }

        #[test]
        fn batch_output_reads_back_to_its_labels(cases in labelled_cases()) {
            let results: Vec<_> = cases
                .iter()
                .enumerate()
                .map(|(i, case)| (i + 2, Stamp::for_case(case, Law::embedded(), 2011), quick(case)))
                .collect();
            let text = evaluations_to_csv(&results);
            let read = rows(&text);
            prop_assert_eq!(read.len(), cases.len());
            for (row, (line, _, result)) in read.iter().zip(&results) {
                prop_assert_eq!(row.len(), CSV_HEADER.split(',').count());
                prop_assert_eq!(&row[0], line.to_string());
                match result {
                    Ok(e) => {
                        prop_assert_eq!(&row[1], e.label.as_deref().unwrap_or_default());
                        prop_assert_eq!(&row[2], e.charge.to_string());
                        prop_assert_eq!(&row[18], "");
                    }
                    Err(error) => prop_assert_eq!(&row[18], error.to_string()),
                }
            }
        }

        #[test]
        fn downloads_read_back_to_their_text(name in text(), caseload in text()) {
            let (case, sbs, summary) = downloads();
            let mut sbs = sbs.clone();
            sbs.scenario_id = name.clone();
            let stamp = Stamp::for_case(case, Law::embedded(), 2011);
            let read = rows(&side_by_side_csv(&sbs, &stamp));
            prop_assert_eq!(read.len(), sbs.rows.len());
            for (row, expected) in read.iter().zip(&sbs.rows) {
                prop_assert_eq!(&row[0], defused(&name));
                prop_assert_eq!(&row[2], defused(&expected.label.to_string()));
            }
            let mut summary = summary.clone();
            summary.scenario_id = name.clone();
            summary.caseload = caseload.clone();
            let read = rows(&projection_csv(&summary, &stamp));
            prop_assert_eq!(read.len(), 10);
            let (name, caseload) = (defused(&name), defused(&caseload));
            for row in &read {
                prop_assert_eq!((&row[0], &row[1]), (name.as_str(), caseload.as_str()));
            }
        }

        #[test]
        fn no_bytes_panic_the_reader(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = cases_from_csv(&String::from_utf8_lossy(&bytes));
        }

        /// A good file with quotes, commas, line breaks and BOMs dropped in anywhere.
        #[test]
        fn no_damaged_file_panics_the_reader(
            cases in labelled_cases(),
            damage in prop::collection::vec((any::<prop::sample::Index>(), text()), 1..6),
        ) {
            let (mut text, _) = spreadsheet(&cases, true, true);
            for (at, insert) in damage {
                let mut at = at.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, &insert);
            }
            if let Ok(read) = cases_from_csv(&text) {
                for case in &read {
                    prop_assert!(case.validate().is_ok());
                }
            }
        }
    }
}
