//! Share links round-trip every kind of view, refuse damage in words, open v0 links, and never
//! panic on any input (property tests; `PROPTEST_CASES` raises the count for the long run).

use proptest::prelude::*;
use std::rc::Rc;
use threshold_engine::scenario::presets;
use threshold_engine::{Case, ChargeId, LawEra};

use super::*;
use crate::state::ImportedCases;
use crate::test_support::{
    config, edited_state, mutate, mutation, run_counted, straw_purchase_maximum,
};

fn round_trip(state: &AppState) -> AppState {
    let link = encode(state);
    assert!(is_link(&link), "{link}");
    decode(&link).unwrap_or_else(|e| panic!("{link}: {e}"))
}

fn edited_link() -> String {
    encode(&edited_state())
}

#[test]
fn base64url_matches_the_rfc_4648_vectors() {
    // RFC 4648 §10, without the padding §5 lets URLs drop.
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64url_encode(plain.as_bytes()), coded);
        assert_eq!(base64url_decode(coded).as_deref(), Ok(plain.as_bytes()));
    }
    // 0xfb 0xff is "+/8=" in standard base64: the URL alphabet uses - and _ instead.
    assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
    assert_eq!(base64url_decode("-_8"), Ok(vec![0xfb, 0xff]));
    for bad in ["Z", "Zm9vY", "Zh", "Zm9", "Zm+v", "Zm9v=", "Zm 9"] {
        assert!(base64url_decode(bad).is_err(), "{bad}");
    }
    let all: Vec<u8> = (0..=255).collect();
    assert_eq!(base64url_decode(&base64url_encode(&all)), Ok(all));
}

#[test]
fn the_default_view_is_a_short_link_and_comes_back() {
    // The language is always written, and the first proposal, since a link naming none
    // means amendment 753 (see `LINK_IMPLIED_SCENARIO`).
    let link = encode(&AppState::default());
    assert!(link.len() < 60, "{link}");
    assert_eq!(round_trip(&AppState::default()), AppState::default());
    // A link from before languages opens in the reader's language (the app's to choose),
    // and one naming no proposal keeps the one it meant when it was written.
    let written_then = AppState {
        scenario: preset(LINK_IMPLIED_SCENARIO).unwrap().clone(),
        ..AppState::default()
    };
    assert_eq!(
        decode_with_lang("#v1.e30"),
        Ok((written_then.clone(), None))
    );
    assert_eq!(decode("#v1.e30"), Ok(written_then));
    let spanish = AppState {
        lang: Lang::Es,
        ..AppState::default()
    };
    let link = encode(&spanish);
    assert_eq!(decode_with_lang(&link), Ok((spanish, Some(Lang::Es))));
}

#[test]
fn a_view_edited_everywhere_comes_back_exactly() {
    let state = edited_state();
    let link = encode(&state);
    assert!(link.len() < 800, "{} characters: {link}", link.len());
    assert_eq!(round_trip(&state), state);
}

#[test]
fn every_preset_comes_back_and_travels_as_its_id() {
    for preset in presets() {
        let state = AppState {
            scenario: preset.clone(),
            ..AppState::default()
        };
        assert_eq!(round_trip(&state), state, "{}", preset.id);
        assert!(
            encode(&state).len() < 60,
            "{}: {}",
            preset.id,
            encode(&state)
        );
    }
}

#[test]
fn an_edited_proposal_travels_in_full() {
    let state = AppState {
        scenario: straw_purchase_maximum("gtpa_20yr_straw_copy", 480),
        ..edited_state()
    };
    assert_eq!(round_trip(&state), state);
}

#[test]
fn imported_cases_stay_out_of_the_link() {
    let mut state = edited_state();
    state.caseload.imported = Some(ImportedCases {
        name: "private.csv".into(),
        cases: Rc::new(vec![state.case.clone()]),
    });
    assert!(!encode(&state).contains("private"));
    let opened = round_trip(&state);
    assert_eq!(opened.caseload.imported, None);
    state.caseload.imported = None;
    assert_eq!(opened, state);
}

#[test]
fn a_v0_link_of_a_case_alone_opens_with_every_other_setting_at_its_default() {
    // The first format: `case=` and the case's JSON, percent-encoded.
    let link = "case=%7B%22law_era%22%3A%22today%22%2C%22charge%22%3A%22trafficking_933%22%2C%22firearms%22%3A20%7D";
    let state = decode(link).expect("v0 link opens");
    let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
    case.firearms = Some(20);
    assert_eq!(state.case, case);
    assert_eq!(state.charges, vec![ChargeId::Trafficking933]);
    assert_eq!(state.scenario.id, LINK_IMPLIED_SCENARIO);
    // Once opened, the view is written back as a current link.
    assert!(encode(&state).starts_with("v1."));
    assert_eq!(round_trip(&state), state);
    for bad in [
        "case=%7B",
        "case=%zz",
        "case=%7",
        "case=%7B%22law_era%22%3A1%7D",
        "case=%FF",
    ] {
        assert!(decode(bad).is_err(), "{bad}");
    }
}

fn v1(json: &str) -> String {
    format!("v1.{}", base64url_encode(json.as_bytes()))
}

#[test]
fn damaged_or_tampered_links_are_refused_in_words() {
    let long = format!("v1.{}", "A".repeat(MAX_LINK_BYTES));
    let cases = [
        ("v1.", "contents"),
        ("v1.e30x", "contents"),
        ("v1.e30xy", "damaged"),
        ("v1.!!!!", "damaged"),
        ("v2.e30", "version"),
        ("v99999999999999999999.e30", "version"),
        ("x1.e30", "not a Threshold link"),
        (long.as_str(), "longer"),
        (&v1(r#"{"c":{"law_era":"today"}}"#), "contents"),
        (&v1(r#"{"zz":1}"#), "contents"),
        (
            &v1(r#"{"c":{"law_era":"today","charge":"straw_purchase_922a6","firearms":-1}}"#),
            "contents",
        ),
        (
            &v1(r#"{"c":{"law_era":"today","charge":"straw_purchase_922a6","counts":0}}"#),
            "Counts charged: must be a whole number from 1 to 100",
        ),
        (&v1(r#"{"k":["smuggling_554"]}"#), "charges"),
        (&v1(r#"{"k":[]}"#), "charges"),
        (
            &v1(r#"{"k":["straw_purchase_922a6","straw_purchase_922a6"]}"#),
            "twice",
        ),
        (
            &v1(r#"{"s":{"within_range_share":7}}"#),
            "“Sentences within the guideline range” must be from 0% to 100%, not 700%.",
        ),
        (&v1(r#"{"p":{"sentence_weight":1e999}}"#), "contents"),
        (&v1(r#"{"x":"no_such_preset"}"#), "no proposal"),
        (&v1(r#"{"x":"amendment_753","y":{}}"#), "contents"),
        (&v1(r#"{"d":0}"#), "draws"),
        (&v1(r#"{"d":100001}"#), "draws"),
        (&v1(r#"{"r":-1}"#), "contents"),
        (&v1(r#"{"m":[["referrals",0]]}"#), "mix"),
        (&v1(r#"{"m":[["nope",1]]}"#), "caseload parameter"),
        (&v1(r#"{"m":[["referrals",5],["referrals",6]]}"#), "twice"),
    ];
    for (link, says) in cases {
        let error = decode(link).expect_err(link);
        let message = error.to_string();
        assert!(message.contains(says), "{link}: {message}");
        assert!(message.ends_with("The default view is shown instead."));
    }
    // A proposal that does not fit the law is refused as a whole.
    let state = AppState {
        scenario: straw_purchase_maximum("bad", 1_000_000),
        ..AppState::default()
    };
    let message = decode(&encode(&state)).expect_err("refused").to_string();
    assert!(message.contains("proposal"), "{message}");
}

#[test]
fn anchors_in_the_page_are_not_links() {
    for anchor in ["", "#", "main", "#main", "caseload-title"] {
        assert!(!is_link(anchor), "{anchor}");
    }
    for link in ["v1.e30", "#v1.e30", "case=%7B%7D", "v1.", "é"] {
        assert!(is_link(link), "{link}");
    }
}

/// Valid links of several shapes for the mutations to start from.
fn valid_links() -> Vec<String> {
    let mut custom = edited_state();
    custom.scenario.id = "mine".into();
    let v0 = "case=%7B%22law_era%22%3A%22today%22%2C%22charge%22%3A%22trafficking_933%22%7D";
    vec![
        encode(&AppState::default()),
        edited_link(),
        encode(&custom),
        v0.to_string(),
    ]
}

#[test]
fn arbitrary_text_never_panics_the_decoder() {
    run_counted("share_link arbitrary text", || {
        proptest!(config(), |(text in any::<String>())| {
            let _ = decode(&text);
            let _ = is_link(&text);
        });
    });
}

#[test]
fn mutated_links_never_panic_the_decoder() {
    let links = valid_links();
    run_counted("share_link mutated links", || {
        proptest!(config(), |(
            which in 0..links.len(),
            mutations in prop::collection::vec(mutation(BASE64URL), 1..6),
        )| {
            let text = mutate(&links[which], &mutations);
            if let Ok(state) = decode(&text) {
                // Whatever opens is a view the app can show, and it links to itself.
                prop_assert!(state.baseline().is_ok());
                prop_assert_eq!(decode(&encode(&state)), Ok(state));
            }
        });
    });
}

/// Payloads that are valid base64url of JSON-like text: the decoder's checks after the
/// codec, not just the codec, meet the damage.
#[test]
fn arbitrary_payloads_never_panic_the_decoder() {
    let fragments = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"c\"",
        "\"k\"",
        "\"s\"",
        "\"p\"",
        "\"x\"",
        "\"y\"",
        "\"r\"",
        "\"d\"",
        "\"m\"",
        "0",
        "-1",
        "1e308",
        "0.5",
        "18446744073709551615",
        "null",
        "true",
        "\"today\"",
        "\"charge\"",
        "\"law_era\"",
        "\"firearms\"",
        "\"referrals\"",
        "\"straw_purchase_922a6\"",
        "\"amendment_753\"",
        "\"within_range_share\"",
    ]);
    run_counted("share_link arbitrary payloads", || {
        proptest!(config(), |(parts in prop::collection::vec(fragments, 0..40))| {
            let _ = decode(&v1(&parts.concat()));
        });
    });
}

#[test]
fn refusals_read_in_spanish_too() {
    use crate::i18n::render;
    let cases = [
        ("x1.e30", "no es un enlace de Threshold"),
        ("v2.e30", "versión de Threshold"),
        ("v1.!!!!", "contiene un carácter"),
        ("v1.e30xy", "su longitud es imposible"),
        ("v1.", "se cortó"),
        (&v1(r#"{"zz":1}"#) as &str, "no puede usar"),
        (
            &v1(r#"{"x":"no_such_preset"}"#),
            "no existe la propuesta \"no_such_preset\"",
        ),
        (&v1(r#"{"d":0}"#), "entre 1 y 100000"),
    ];
    for (link, says) in cases {
        let error = decode(link).expect_err(link);
        let spanish = render(Lang::Es, &error.message());
        assert!(
            spanish.starts_with("No se pudo abrir este enlace: "),
            "{spanish}"
        );
        assert!(spanish.contains(says), "{link}: {spanish}");
        assert!(!spanish.contains('⟦'), "{spanish}");
        assert_eq!(render(Lang::En, &error.message()), error.to_string());
    }
}

/// Keys chosen at run time, which the catalog scan cannot see.
#[test]
fn every_reason_chosen_at_run_time_is_in_the_catalog() {
    for why in [
        Base64Error::Length,
        Base64Error::Character,
        Base64Error::Ending,
    ] {
        assert!(
            crate::i18n::catalog().contains(&why.message().key),
            "{why:?}"
        );
    }
    for key in [
        "keep.link.cut_short",
        "keep.link.changed",
        "keep.link.unusable_setting",
    ] {
        assert!(crate::i18n::catalog().contains(key), "{key}");
    }
}
