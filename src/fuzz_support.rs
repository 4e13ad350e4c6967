//! Shared pieces of the no-panic property tests over everything a user can feed the app:
//! share links, workspace files, saved-scenario storage and CSV caseloads.

use std::time::Instant;

use proptest::prelude::*;

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
