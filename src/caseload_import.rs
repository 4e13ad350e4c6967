//! Reads a caseload CSV the user picked (the columns of `threshold batch`), checked as the
//! projection will use it; errors are messages naming the file, line and column.

use std::fmt;

use threshold_engine::batch::{cases_from_csv, BatchError};
use threshold_engine::caseload::Caseload;
use threshold_engine::Case;

use crate::case_fields::case_field_words;
use crate::i18n::{render, verbatim, Arg, Lang, Message};

/// Files larger than this are refused before reading: 10,000 referrals of every column is
/// about 2 MB.
pub const MAX_CSV_BYTES: usize = 8 * 1024 * 1024;

/// Why a caseload file cannot be used, in no language yet: the page renders it in the
/// reader's, logs and tests in English.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// Refused from its size alone, before reading.
    TooLargeToRead { file: String },
    /// Read, and longer than a caseload file can be.
    TooLarge { file: String, bytes: usize },
    /// The browser could not read it (its own words).
    Unreadable { why: String },
    /// A line that is not a case; `line` counts from 1, the header.
    Row { file: String, error: BatchError },
    /// Cases that do not make a caseload (too few or too many).
    Caseload { file: String, why: Message },
}

impl ImportError {
    pub fn message(&self) -> Message {
        match self {
            ImportError::TooLargeToRead { file } => {
                Message::new("caseload.import.too_large_to_read")
                    .with("file", verbatim(file.clone()))
                    .with("max", verbatim(MAX_CSV_BYTES.to_string()))
            }
            ImportError::TooLarge { file, bytes } => Message::new("caseload.import.too_large")
                .with("file", verbatim(file.clone()))
                .with("bytes", verbatim(bytes.to_string()))
                .with("max", verbatim(MAX_CSV_BYTES.to_string())),
            ImportError::Unreadable { why } => {
                Message::new("caseload.import.unreadable").with("why", verbatim(why.clone()))
            }
            // Line numbers are written plain, as an editor shows them; the column keeps the
            // file format's English name, beside its label on the page.
            ImportError::Row { file, error } => Message::new("caseload.import.row")
                .with("file", verbatim(file.clone()))
                .with("line", verbatim(error.line.to_string()))
                .with("column", column(&error.error.field))
                .with("detail", error.error.message.clone()),
            ImportError::Caseload { file, why } => Message::new("caseload.import.caseload")
                .with("file", verbatim(file.clone()))
                .with("detail", why.clone()),
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        render(lang, &self.message())
    }
}

/// A CSV column by its name in the file and, when the case builder shows it, its label
/// there; the reader's own markers for the whole header, row or case are words, so they
/// are translated.
fn column(field: &str) -> Arg {
    let marker = match field {
        "(header)" => "caseload.import.where.header",
        "(row)" => "caseload.import.where.row",
        "(case)" => "caseload.import.where.case",
        _ => {
            let named = Message::new("caseload.import.where.column").verbatim("column", field);
            return match case_field_words(field) {
                Some(label) => named.with("label", label),
                None => {
                    Message::new("caseload.import.where.column_unknown").verbatim("column", field)
                }
            }
            .into();
        }
    };
    Message::new(marker).into()
}

/// English, for logs and tests.
impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The cases of a CSV file called `file_name`, or why they cannot be used.
pub fn read_cases(text: &str, file_name: &str) -> Result<Vec<Case>, ImportError> {
    if text.len() > MAX_CSV_BYTES {
        return Err(ImportError::TooLarge {
            file: file_name.to_string(),
            bytes: text.len(),
        });
    }
    let cases = cases_from_csv(text).map_err(|error| ImportError::Row {
        file: file_name.to_string(),
        error,
    })?;
    Caseload::from_cases(cases.clone(), file_name).map_err(|why| ImportError::Caseload {
        file: file_name.to_string(),
        why: why.message(),
    })?;
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
        let error = read_cases(&bad, "bad.csv").unwrap_err();
        assert_eq!(
            error.to_string(),
            "bad.csv, line 2, column “firearms” (Number of firearms): should be a whole number of 0 or more, not the text \"twelve\""
        );
        assert_eq!(
            error.text(Lang::Es),
            "bad.csv, línea 2, columna “firearms” (Número de armas de fuego): debería ser un número entero de 0 o más, no el texto \"twelve\""
        );
        let message = read_cases("label,law_era,charge\n", "empty.csv")
            .unwrap_err()
            .to_string();
        assert!(message.contains("1 to"), "{message}");
    }

    /// A file as a spreadsheet saves it: a BOM, CRLF, a quoted comma and a quoted line
    /// break; a bad cell after the cell that spans two lines is named by its own line.
    #[test]
    fn a_spreadsheet_file_reads_and_names_the_right_line() {
        let saved = "\u{feff}label,law_era,charge,firearms\r\n\
            \"Smith, John\",april_2011,straw_purchase_922a6,12\r\n\
            \"two\r\nlines\",today,trafficking_933,1\r\n";
        let cases = read_cases(saved, "saved.csv").unwrap();
        assert_eq!(cases[0].label.as_deref(), Some("Smith, John"));
        assert_eq!(cases[1].label.as_deref(), Some("two\r\nlines"));
        let bad = format!("{saved}x,today,trafficking_933,lots\r\n");
        let error = read_cases(&bad, "saved.csv").unwrap_err().to_string();
        assert!(
            error.starts_with("saved.csv, line 5, column “firearms”"),
            "{error}"
        );
    }

    #[test]
    fn every_import_error_reads_in_both_languages() {
        let read = |text: &str| read_cases(text, "f.csv").unwrap_err();
        let header = read("# only a comment\n");
        let row = read("label,firearms\na,1,extra\n");
        let errors = [
            ImportError::TooLargeToRead {
                file: "f.csv".into(),
            },
            ImportError::TooLarge {
                file: "f.csv".into(),
                bytes: MAX_CSV_BYTES + 1,
            },
            ImportError::Unreadable { why: "why".into() },
            read(&GOOD.replace(",12,", ",twelve,")),
            header.clone(),
            row.clone(),
            read("label,law_era,charge\n"),
            read("label,law_era,charge\n\"ring,today,trafficking_933\n"),
        ];
        for error in &errors {
            for lang in Lang::ALL {
                let text = error.text(lang);
                assert!(!text.contains('⟦'), "{text}");
                assert!(!text.contains('{'), "{text}");
            }
        }
        assert!(header
            .to_string()
            .starts_with("f.csv, line 1, the header row: "));
        assert!(header
            .text(Lang::Es)
            .starts_with("f.csv, línea 1, la fila de encabezado: "));
        assert!(row.text(Lang::Es).starts_with("f.csv, línea 2, la fila: "));
        for error in &errors {
            for lang in Lang::ALL {
                let text = error.text(lang);
                assert!(!text.contains('`') && !text.contains("u32"), "{text}");
            }
        }
        assert_eq!(
            errors[0].to_string(),
            format!("f.csv: the file is larger than a caseload file can be ({MAX_CSV_BYTES} bytes at most).")
        );
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
