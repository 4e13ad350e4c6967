//! Reads a caseload CSV the user picked (the columns of `threshold batch`), checked as the
//! projection will use it; errors are sentences naming the file, line and column.

use threshold_engine::batch::cases_from_csv;
use threshold_engine::caseload::Caseload;
use threshold_engine::Case;

/// Files larger than this are refused before reading: 10,000 referrals of every column is
/// about 2 MB.
pub const MAX_CSV_BYTES: usize = 8 * 1024 * 1024;

/// The cases of a CSV file called `file_name`, or why they cannot be used.
pub fn read_cases(text: &str, file_name: &str) -> Result<Vec<Case>, String> {
    if text.len() > MAX_CSV_BYTES {
        return Err(format!(
            "{file_name}: the file is {} bytes; a caseload file is at most {MAX_CSV_BYTES}.",
            text.len()
        ));
    }
    let cases = cases_from_csv(text).map_err(|e| format!("{file_name}: {e}"))?;
    Caseload::from_cases(cases.clone(), file_name).map_err(|e| format!("{file_name}: {e}"))?;
    Ok(cases)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::test_support::{config, mutate, mutation, run_counted};

    const GOOD: &str = "label,law_era,charge,firearms,criminal_history,role,evidence_strength\n\
        ring,april_2011,straw_purchase_922a6,12,III,organizer_small,0.8\n\
        # a comment line\n\
        single,today,trafficking_933,1,I,,\n";

    #[test]
    fn a_good_file_reads_and_a_bad_one_names_line_and_column() {
        assert_eq!(read_cases(GOOD, "good.csv").unwrap().len(), 2);
        let bad = GOOD.replace(",12,", ",twelve,");
        let message = read_cases(&bad, "bad.csv").unwrap_err();
        assert!(message.starts_with("bad.csv: line 2"), "{message}");
        assert!(message.contains("firearms"), "{message}");
        let message = read_cases("label,law_era,charge\n", "empty.csv").unwrap_err();
        assert!(message.contains("1 to"), "{message}");
    }

    #[test]
    fn mutated_csv_never_panics_the_reader() {
        run_counted("caseload CSV, mutated", || {
            proptest!(config(), |(mutations in prop::collection::vec(mutation(b",\n#-.0123456789_aeilnrstuy"), 1..8))| {
                let text = mutate(GOOD, &mutations);
                if let Ok(cases) = read_cases(&text, "fuzz.csv") {
                    prop_assert!(!cases.is_empty());
                    for case in &cases {
                        prop_assert!(case.validate().is_ok());
                    }
                }
            });
        });
    }

    #[test]
    fn arbitrary_text_never_panics_the_reader() {
        run_counted("caseload CSV, arbitrary text", || {
            proptest!(config(), |(text in any::<String>())| {
                let _ = read_cases(&text, "fuzz.csv");
            });
        });
    }
}
