//! The example cases the form offers in one click: the seed paper's typical referrals, as
//! data (`data/examples.json`), each a case the engine validates like any other.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::case::Case;
use crate::i18n::Text;

/// One example: its label and its facts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub id: String,
    pub label: Text,
    pub case: Case,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFile {
    source: String,
    examples: Vec<Example>,
}

fn file() -> &'static ExampleFile {
    static FILE: OnceLock<ExampleFile> = OnceLock::new();
    // Fixed at build time; the tests below parse and validate every example.
    FILE.get_or_init(|| {
        serde_json::from_str(include_str!("../data/examples.json"))
            .expect("data/examples.json is valid (checked by tests)")
    })
}

/// The examples, in the order the form shows them.
pub fn examples() -> &'static [Example] {
    &file().examples
}

/// Where the examples come from, in English (the file's own words).
pub fn examples_source() -> &'static str {
    &file().source
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, Law, SentencingParams};

    #[test]
    fn every_example_is_a_valid_case_the_engine_evaluates() {
        assert_eq!(examples().len(), 4);
        assert!(examples_source().contains("Goodman"));
        for example in examples() {
            assert!(example.label.is_complete(), "{}", example.id);
            example.case.validate().unwrap();
            evaluate(&example.case, Law::embedded(), SentencingParams::embedded())
                .unwrap_or_else(|e| panic!("{}: {e}", example.id));
        }
        let ids: Vec<&str> = examples().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "straw_buyer_5",
                "rifles_to_mexico_10",
                "cartel_broker",
                "lie_and_try"
            ]
        );
    }
}
