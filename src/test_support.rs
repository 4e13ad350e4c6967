//! Shared pieces of the native tests: an edited view to round-trip, and the no-panic
//! property machinery over everything a user can feed the app (share links, workspace files,
//! saved-scenario storage, CSV caseloads).

use std::time::Instant;

use proptest::prelude::*;
use threshold_engine::scenario::{preset, presets, Rule, Scenario};
use threshold_engine::{Case, ChargeId, CriminalHistory, LawEra, Role};

use crate::parameters::SentencingParam;
use crate::state::{AppState, DEFAULT_SCENARIO};

/// A view with something changed in every part the link carries.
pub fn edited_state() -> AppState {
    let mut state = AppState::default();
    let mut case = Case::new(LawEra::Today, ChargeId::StrawPurchase922a6);
    case.manual = threshold_engine::ManualChoice::from_code("2011");
    case.firearms = Some(23);
    case.counts = Some(3);
    case.criminal_history = Some(CriminalHistory::III);
    case.role = Some(Role::OrganizerSmall);
    case.mexico_nexus = Some(true);
    case.evidence_strength = Some(0.123_456_789_012_345_67);
    case.drug_grams = Some(12.5);
    case.label = Some("Ring of four — «Phoenix»".into());
    state.case = case;
    state.charges = vec![ChargeId::StrawPurchase922a6, ChargeId::Smuggling554];
    SentencingParam::WithinRangeShare.set(&mut state.sentencing_overrides, Some(0.2));
    // A value typed as a percentage: 12.3 / 100 has a 17-digit shortest form.
    state
        .prosecution_overrides
        .set("sentence_weight", Some(12.3 / 100.0));
    state.scenario = presets()
        .iter()
        .find(|p| p.id != DEFAULT_SCENARIO)
        .cloned()
        .expect("more than one preset");
    state.caseload.seed = u64::MAX;
    state.caseload.draws = 37;
    state.caseload.mix_overrides = vec![("organiser_share", 0.3), ("referrals", 250.0)];
    state
}

/// The user's copy of the 20-year straw-purchase preset with another maximum.
pub fn straw_purchase_maximum(id: &str, max_months: u32) -> Scenario {
    let mut scenario = preset("gtpa_20yr_straw").cloned().expect("preset");
    scenario.id = id.into();
    scenario.name = format!("{max_months}-month straw-purchase maximum");
    scenario.changes[0].rule = Rule::StatutoryMax {
        charge: ChargeId::StrawPurchase922a6,
        era: LawEra::April2011,
        max_months: Some(max_months),
    };
    scenario
}

/// Cases per property: 20,000 by default keeps `scripts/test` fast; the long run sets
/// `PROPTEST_CASES` (e.g. to 1,000,000) and prints what it did.
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A change to valid input of the kinds a copy, a chat client, a disk or a person makes.
#[derive(Debug, Clone)]
pub enum Mutation {
    FlipBit(usize, u8),
    Truncate(usize),
    Insert(usize, u8),
    Delete(usize),
    Replace(usize, u8),
}

pub fn mutate(input: &str, mutations: &[Mutation]) -> String {
    let mut bytes = input.as_bytes().to_vec();
    for m in mutations {
        let at = |i: &usize, len: usize| if len == 0 { 0 } else { i % len };
        match m {
            Mutation::FlipBit(i, bit) => {
                let i = at(i, bytes.len());
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= 1 << (bit % 8);
                }
            }
            Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len() + 1)),
            Mutation::Insert(i, b) => bytes.insert(at(i, bytes.len() + 1), *b),
            Mutation::Delete(i) => {
                if !bytes.is_empty() {
                    let i = at(i, bytes.len());
                    bytes.remove(i);
                }
            }
            Mutation::Replace(i, b) => {
                let i = at(i, bytes.len());
                if let Some(x) = bytes.get_mut(i) {
                    *x = *b;
                }
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Mutations whose replacement bytes come from `alphabet` (the characters the input is made
/// of, so a replacement keeps it plausible).
pub fn mutation(alphabet: &'static [u8]) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), prop::sample::select(alphabet)).prop_map(|(i, b)| Mutation::Replace(i, b)),
    ]
}

/// Runs a property, then prints how many inputs it tried and how long that took.
pub fn run_counted(name: &str, test: impl FnOnce()) {
    let started = Instant::now();
    test();
    println!(
        "{name}: {} cases, no panic, {:.1} s",
        cases(),
        started.elapsed().as_secs_f64()
    );
}
