//! Workspace and proposal files round-trip, name the field at fault when they are wrong, and
//! never panic on damaged or invented input (property tests; `PROPTEST_CASES` for the long
//! run).

use std::sync::OnceLock;

use proptest::prelude::*;
use threshold_engine::scenario::{preset, presets};

use super::*;
use crate::i18n::Lang;
use crate::test_support::{
    config, edited_state, mutate, mutation, run_counted, straw_purchase_maximum,
};

fn default_stamp() -> Stamp {
    let state = AppState::default();
    Stamp::for_case(&state.case, Law::embedded(), state.caseload.seed)
}

fn opened_workspace(text: &str) -> (AppState, Option<String>) {
    match open(text, &AppState::default()) {
        Ok(Opened::Workspace(state, name)) => (*state, name),
        other => panic!("{other:?}\n{text}"),
    }
}

#[test]
fn a_workspace_comes_back_exactly() {
    for state in [AppState::default(), edited_state()] {
        let text = workspace_json(
            &state,
            Some("Briefing — «draft»"),
            Some("2026-11-27T21:00:00Z"),
        );
        let (back, name) = opened_workspace(&text);
        assert_eq!(back, state);
        assert_eq!(name.as_deref(), Some("Briefing — «draft»"));
    }
}

#[test]
fn every_preset_travels_by_id_and_an_edited_proposal_in_full() {
    for preset in presets() {
        let state = AppState {
            scenario: preset.clone(),
            ..AppState::default()
        };
        let text = workspace_json(&state, None, None);
        assert!(
            text.contains(&format!("\"preset\": \"{}\"", preset.id)),
            "{text}"
        );
        assert_eq!(opened_workspace(&text).0, state);
    }
    let state = AppState {
        scenario: straw_purchase_maximum("mine", 180),
        ..AppState::default()
    };
    let text = workspace_json(&state, None, None);
    assert!(text.contains("\"proposal\""));
    assert_eq!(opened_workspace(&text).0, state);
}

#[test]
fn a_proposal_file_opens_as_the_proposal_only() {
    let scenario = preset("hr_2554_2011").unwrap();
    let text = proposal_json(scenario, &default_stamp(), Some("2026-11-27T21:00:00Z"));
    match open(&text, &AppState::default()) {
        Ok(Opened::Proposal(back)) => assert_eq!(*back, *scenario),
        other => panic!("{other:?}"),
    }
}

/// Both files name the engine, the case's Manual and statutes, the law data's day and the
/// view's seed, as dates a person reads.
#[test]
fn files_carry_the_stamp_of_the_view() {
    let mut state = edited_state();
    state.caseload.seed = 4242;
    let stamp = Stamp::for_case(&state.case, Law::embedded(), 4242);
    let expected = serde_json::to_value(&stamp).unwrap();
    let workspace: serde_json::Value =
        serde_json::from_str(&workspace_json(&state, None, None)).unwrap();
    assert_eq!(workspace["stamp"], expected);
    assert_eq!(workspace["stamp"]["seed"], 4242);
    assert_eq!(
        workspace["stamp"]["engine_version"],
        threshold_engine::VERSION
    );
    let manual = threshold_engine::evaluate::manual_used(&state.case, Law::embedded());
    assert_eq!(workspace["stamp"]["manual"], manual.effective().to_string());
    assert_eq!(
        workspace["stamp"]["statutes_on"],
        state.case.statute_date().to_string()
    );
    let proposal: serde_json::Value =
        serde_json::from_str(&proposal_json(&state.scenario, &stamp, None)).unwrap();
    assert_eq!(proposal["stamp"], expected);
}

/// Files written before the stamp open as before, and a stamp someone edited into nonsense
/// does not stop a file opening: nothing is read from it.
#[test]
fn files_open_with_or_without_a_stamp() {
    let state = edited_state();
    let stamped = workspace_json(&state, Some("x"), None);
    let mut old: serde_json::Value = serde_json::from_str(&stamped).unwrap();
    assert!(old.as_object_mut().unwrap().remove("stamp").is_some());
    let old = serde_json::to_string_pretty(&old).unwrap();
    let mut odd: serde_json::Value = serde_json::from_str(&stamped).unwrap();
    odd["stamp"] = serde_json::json!({"manual": "yesterday", "seed": -1, "extra": [1]});
    let odd = odd.to_string();
    for text in [&stamped, &old, &odd] {
        assert_eq!(opened_workspace(text), (state.clone(), Some("x".into())));
    }
    let scenario = preset("hr_2554_2011").unwrap();
    let stamped = proposal_json(scenario, &default_stamp(), None);
    let mut old: serde_json::Value = serde_json::from_str(&stamped).unwrap();
    assert!(old.as_object_mut().unwrap().remove("stamp").is_some());
    for text in [stamped, old.to_string()] {
        match open(&text, &AppState::default()) {
            Ok(Opened::Proposal(back)) => assert_eq!(*back, *scenario),
            other => panic!("{other:?}\n{text}"),
        }
    }
}

/// Replaces `from` with `to` in the default workspace file, once.
fn edited_file(from: &str, to: &str) -> String {
    let text = workspace_json(&edited_state(), Some("x"), None);
    assert!(text.contains(from), "{from} not in {text}");
    text.replacen(from, to, 1)
}

#[test]
fn errors_name_the_field_at_fault() {
    let cases = [
        (
            edited_file("\"firearms\": 23", "\"firearms\": \"many\""),
            "Number of firearms: should be a whole number of 0 or more, not the text \"many\" (line ",
        ),
        (
            edited_file("\"firearms\": 23", "\"firearms\": 2000000"),
            "firearms",
        ),
        (
            edited_file("\"seed\": 18446744073709551615", "\"seed\": -1"),
            "Random seed: should be a whole number of 0 or more, not -1",
        ),
        (edited_file("\"draws\": 37", "\"draws\": 0"), "draws"),
        (
            edited_file("\"organiser_share\": 0.3", "\"colour\": 0.3"),
            "colour",
        ),
        (
            edited_file("\"organiser_share\": 0.3", "\"organiser_share\": 3.0"),
            "“Organiser share” must be from 0% to 100%, not 300%.",
        ),
        (
            edited_file(
                &format!("\"preset\": \"{}\"", edited_state().scenario.id),
                "\"preset\": \"nope\"",
            ),
            "nope",
        ),
        (edited_file("\"charges\": [", "\"chargez\": ["), "chargez"),
        (
            edited_file("\"smuggling_554\"", "\"straw_purchase_922a6\""),
            "same charge twice",
        ),
        (edited_file("\"version\": 1", "\"version\": 2"), "version"),
        (
            edited_file("\"threshold\": \"workspace\"", "\"threshold\": \"recipe\""),
            "threshold",
        ),
        (
            edited_file("\"within_range_share\": 0.2", "\"within_range_share\": 7"),
            "“Sentences within the guideline range” must be from 0% to 100%, not 700%.",
        ),
    ];
    for (text, named) in cases {
        let message = open(&text, &AppState::default()).unwrap_err().to_string();
        println!("{message}");
        assert!(message.contains(named), "{named:?} not named in: {message}");
        assert!(message.ends_with('.'), "{message}");
        assert!(
            !message.contains('`') && !message.contains("u32"),
            "{message}"
        );
    }
    for (text, expected) in [
        ("", "not a JSON object"),
        ("[1, 2]", "no \"threshold\" field"),
        ("{\"version\": 1}", "no \"threshold\" field"),
        ("{\"threshold\": \"workspace\"}", "which version"),
    ] {
        let message = open(text, &AppState::default()).unwrap_err().to_string();
        assert!(message.contains(expected), "{text}: {message}");
    }
    let huge = format!(
        "{{\"threshold\":\"workspace\",\"pad\":\"{}\"}}",
        "x".repeat(MAX_FILE_BYTES)
    );
    assert!(open(&huge, &AppState::default())
        .unwrap_err()
        .to_string()
        .contains("at most"));
}

#[test]
fn a_proposal_that_cannot_apply_over_the_current_assumptions_is_refused() {
    let scenario = straw_purchase_maximum("mine", 0);
    let error = open(
        &proposal_json(&scenario, &default_stamp(), None),
        &AppState::default(),
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("proposal"), "{message}");
    let spanish = error.text(Lang::Es);
    assert!(
        spanish.starts_with("proposal: no se puede aplicar: "),
        "{spanish}"
    );
}

#[test]
fn errors_read_in_spanish_with_the_field_named_in_words() {
    let spanish = |text: &str| open(text, &AppState::default()).unwrap_err().text(Lang::Es);
    let firearms = spanish(&edited_file("\"firearms\": 23", "\"firearms\": \"many\""));
    assert!(
        firearms.starts_with(
            "Número de armas de fuego: debería ser un número entero de 0 o más, no el texto \"many\""
        ),
        "{firearms}"
    );
    assert!(
        firearms.ends_with(").") && firearms.contains("(línea "),
        "{firearms}"
    );
    let unknown = spanish(&edited_file("\"charges\": [", "\"chargez\": ["));
    assert!(
        unknown.contains("“chargez” no es un nombre que Threshold lea aquí"),
        "{unknown}"
    );
    let twice = spanish(&edited_file(
        "\"smuggling_554\"",
        "\"straw_purchase_922a6\"",
    ));
    assert_eq!(twice, "Incluye dos veces el mismo cargo.");
    for (text, expected) in [
        (
            "",
            "El archivo no es de Threshold (no es un objeto JSON: el texto termina",
        ),
        ("[1, 2]", "no tiene un campo \"threshold\""),
        (
            "{\"threshold\": \"workspace\"}",
            "version: el archivo no indica",
        ),
        (
            "{\"threshold\": \"workspace\", \"version\": 2}",
            "versión 1, no de la 2",
        ),
        (
            "{\"threshold\": \"recipe\", \"version\": 1}",
            "\"recipe\" no es un tipo",
        ),
    ] {
        let message = spanish(text);
        assert!(message.contains(expected), "{text}: {message}");
        assert!(!message.contains('⟦'), "{message}");
    }
}

/// The published schema of a kind of file, as a reader of the repository finds it.
fn schema(kind: &str) -> &'static jsonschema::Validator {
    static WORKSPACE: OnceLock<jsonschema::Validator> = OnceLock::new();
    static PROPOSAL: OnceLock<jsonschema::Validator> = OnceLock::new();
    let (cell, text) = match kind {
        "workspace" => (
            &WORKSPACE,
            include_str!("../../docs/schemas/workspace.schema.json"),
        ),
        _ => (
            &PROPOSAL,
            include_str!("../../docs/schemas/proposal.schema.json"),
        ),
    };
    cell.get_or_init(|| {
        let schema: serde_json::Value = serde_json::from_str(text).expect("a schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("a valid schema")
    })
}

fn schema_errors(kind: &str, text: &str) -> Vec<String> {
    let file: serde_json::Value = serde_json::from_str(text).expect("the app writes JSON");
    schema(kind)
        .iter_errors(&file)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn the_files_the_app_writes_validate_against_the_published_schemas() {
    let mut states = vec![AppState::default(), edited_state()];
    states.extend(presets().iter().map(|preset| AppState {
        scenario: preset.clone(),
        ..AppState::default()
    }));
    states.push(AppState {
        scenario: straw_purchase_maximum("mine", 180),
        ..edited_state()
    });
    for state in &states {
        let text = workspace_json(state, Some("Briefing"), Some("2026-11-27T21:00:00.000Z"));
        let errors = schema_errors("workspace", &text);
        assert!(errors.is_empty(), "{errors:#?}\n{text}");
        let text = proposal_json(&state.scenario, &default_stamp(), Some("2026-11-27"));
        let errors = schema_errors("proposal", &text);
        assert!(errors.is_empty(), "{errors:#?}\n{text}");
    }
}

/// Opening checks more than the file's shape; where the schema can say it, it does.
#[test]
fn the_schemas_refuse_what_opening_refuses_beyond_the_types() {
    let workspace = workspace_json(&edited_state(), None, None);
    for (from, to) in [
        ("\"threshold\": \"workspace\"", "\"threshold\": \"folder\""),
        ("\"version\": 1", "\"version\": 2"),
        ("\"organiser_share\"", "\"organizer_share\""),
        ("\"draws\": 37", "\"draws\": 0"),
    ] {
        assert!(workspace.contains(from), "{from}");
        let text = workspace.replacen(from, to, 1);
        assert!(open(&text, &AppState::default()).is_err(), "{to}: opens");
        assert!(!schema_errors("workspace", &text).is_empty(), "{to}: valid");
    }
    let proposal = proposal_json(preset("amendment_753").unwrap(), &default_stamp(), None);
    let text = proposal.replacen("\"version\": 1", "\"version\": 0", 1);
    assert!(open(&text, &AppState::default()).is_err());
    assert!(!schema_errors("proposal", &text).is_empty());
}

fn valid_files() -> Vec<String> {
    let mut custom = edited_state();
    custom.scenario.id = "mine".into();
    vec![
        workspace_json(&AppState::default(), None, None),
        workspace_json(&edited_state(), Some("x"), Some("2026-11-27T21:00:00Z")),
        workspace_json(&custom, None, None),
        proposal_json(preset("amendment_753").unwrap(), &default_stamp(), None),
    ]
}

#[test]
fn mutated_files_never_panic_the_reader() {
    let files = valid_files();
    run_counted("workspace files, mutated", || {
        proptest!(config(), |(
            which in 0..files.len(),
            mutations in prop::collection::vec(mutation(b"{}[]\",:.-0123456789aeflnrstu "), 1..6),
        )| {
            let text = mutate(&files[which], &mutations);
            if let Ok(Opened::Workspace(state, name)) = open(&text, &AppState::default()) {
                // Whatever opens is a view the app can show, and it writes itself back, in
                // a file its schema accepts.
                prop_assert!(state.baseline().is_ok());
                let again = workspace_json(&state, name.as_deref(), None);
                let errors = schema_errors("workspace", &again);
                prop_assert!(errors.is_empty(), "{:?}\n{}", errors, again);
                prop_assert_eq!(open(&again, &AppState::default()), Ok(Opened::Workspace(state, name)));
            }
        });
    });
}

/// Text assembled from the file's own words: the checks after parsing meet the damage.
#[test]
fn invented_files_never_panic_the_reader() {
    let words = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"threshold\"",
        "\"workspace\"",
        "\"proposal\"",
        "\"version\"",
        "1",
        "2",
        "\"case\"",
        "\"charges\"",
        "\"law_era\"",
        "\"today\"",
        "\"april_2011\"",
        "\"charge\"",
        "\"straw_purchase_922a6\"",
        "\"trafficking_933\"",
        "\"firearms\"",
        "\"caseload\"",
        "\"seed\"",
        "\"draws\"",
        "\"mix\"",
        "\"referrals\"",
        "\"preset\"",
        "\"amendment_753\"",
        "\"sentencing_assumptions\"",
        "\"prosecution_assumptions\"",
        "\"within_range_share\"",
        "0",
        "-1",
        "0.5",
        "1e308",
        "18446744073709551615",
        "null",
        "true",
    ]);
    run_counted("workspace files, invented", || {
        proptest!(config(), |(parts in prop::collection::vec(words, 0..48))| {
            let _ = open(&parts.concat(), &AppState::default());
        });
    });
}

#[test]
fn arbitrary_text_never_panics_the_reader() {
    run_counted("workspace files, arbitrary text", || {
        proptest!(config(), |(text in any::<String>())| {
            let _ = open(&text, &AppState::default());
        });
    });
}
