//! Many cases at once: cases from a CSV file (one case per row, columns named as the case
//! fields) and evaluations back to CSV, for the `threshold batch` command and file uploads.

use std::fmt::{self, Write as _};

use serde_json::{Map, Value};

use crate::case::{Case, CaseError};
use crate::evaluate::{Evaluation, EvaluationError};
use crate::export::stamp_fields;
use crate::i18n::Message;
use crate::stamp::Stamp;

/// Columns whose values are names, never numbers ("2010" is a Manual, not a count).
const TEXT_COLUMNS: [&str; 10] = [
    "label",
    "law_era",
    "offense_date",
    "sentencing_date",
    "manual",
    "charge",
    "trafficking_933_conduct",
    "criminal_history",
    "trafficking_recipient",
    "role",
];

/// A row that could not be read, with its line number (1 = the header).
#[derive(Debug, Clone, PartialEq)]
pub struct BatchError {
    pub line: usize,
    pub error: CaseError,
}

impl BatchError {
    /// The error in the reader's language.
    pub fn message(&self) -> Message {
        Message::new("error.batch.line")
            .verbatim("line", self.line.to_string())
            .with("error", self.error.message())
    }
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for BatchError {}

/// Reads cases from CSV: a header of case field names, then one case per line. Fields are
/// separated by commas and cannot themselves contain commas or quotes; an empty cell leaves
/// the fact unset (it will be assumed and reported).
pub fn cases_from_csv(text: &str) -> Result<Vec<Case>, BatchError> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
    let Some((_, header)) = lines.next() else {
        return Err(BatchError {
            line: 1,
            error: CaseError {
                field: "(header)".into(),
                message: Message::new("error.batch.empty"),
            },
        });
    };
    let columns: Vec<&str> = header.split(',').map(str::trim).collect();
    lines
        .map(|(line, row)| {
            let cells: Vec<&str> = row.split(',').map(str::trim).collect();
            if cells.len() != columns.len() {
                return Err(BatchError {
                    line,
                    error: CaseError {
                        field: "(row)".into(),
                        message: Message::new("error.batch.cells")
                            .with("cells", cells.len())
                            .with("columns", columns.len()),
                    },
                });
            }
            let mut object = Map::new();
            for (&column, &cell) in columns.iter().zip(&cells) {
                if !cell.is_empty() {
                    object.insert(column.to_string(), cell_value(column, cell));
                }
            }
            Case::from_value(Value::Object(object)).map_err(|error| BatchError { line, error })
        })
        .collect()
}

fn cell_value(column: &str, cell: &str) -> Value {
    if TEXT_COLUMNS.contains(&column) {
        return Value::String(cell.to_string());
    }
    match cell {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => {
            if let Ok(n) = cell.parse::<i64>() {
                Value::from(n)
            } else if let Some(n) = cell
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
            {
                Value::Number(n)
            } else {
                Value::String(cell.to_string())
            }
        }
    }
}

/// The header of [`evaluations_to_csv`].
pub const CSV_HEADER: &str = "line,label,charge,law_era,manual,offense_level,criminal_history_category,range_min_months,range_max_months,zone,statutory_max_months,total_statutory_max_months,mean_months,median_months,p10_months,p90_months,p_any_prison,p_at_least_12_months,error,engine_version,manual,statutes_on,law_as_of,seed";

/// One CSV line per case: its figures, or the reason it could not be evaluated, then its
/// stamp (each case its own Manual and statutes: a file may mix eras). A life maximum is
/// written `life`.
pub fn evaluations_to_csv(
    results: &[(usize, Stamp, Result<Evaluation, EvaluationError>)],
) -> String {
    let months = |m: Option<u32>| m.map_or_else(|| "life".to_string(), |m| m.to_string());
    let mut out = String::with_capacity(64 + results.len() * 160);
    out.push_str(CSV_HEADER);
    out.push('\n');
    for (line, stamp, result) in results {
        match result {
            Ok(e) => {
                let x = &e.expected_sentence_months;
                let _ = writeln!(
                    out,
                    "{line},{},{},{},{},{},{},{},{},{},{},{},{:.2},{:.2},{:.2},{:.2},{:.4},{:.4},,{}",
                    e.label.as_deref().unwrap_or("").replace(',', ";"),
                    e.charge,
                    e.law_era.code(),
                    e.manual.code(),
                    e.offense_level,
                    e.criminal_history_category,
                    e.guideline_range_months.min,
                    months(e.guideline_range_months.max),
                    e.zone,
                    months(e.statutory_max_months),
                    months(e.total_statutory_max_months),
                    x.mean,
                    x.median,
                    x.p10,
                    x.p90,
                    x.p_any_prison,
                    x.p_at_least_12_months,
                    stamp_fields(stamp).join(","),
                );
            }
            Err(error) => {
                let _ = writeln!(
                    out,
                    "{line},,,,,,,,,,,,,,,,,,{},{}",
                    error.to_string().replace(',', ";"),
                    stamp_fields(stamp).join(","),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::ChargeId;
    use crate::{evaluate, Law, SentencingParams};

    #[test]
    fn reads_rows_with_types_and_blanks() {
        let text = "law_era,manual,charge,firearms,mexico_nexus,criminal_history,drug_grams\n\
                    april_2011,2010,straw_purchase_922a6,5,,I,\n\
                    today,,trafficking_933,12,true,III,\n\
                    april_2011,2010,drug_conspiracy_841b1a,,,,5000.5\n";
        let cases = cases_from_csv(text).unwrap();
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[0].firearms, Some(5));
        assert_eq!(cases[0].mexico_nexus, None);
        assert_eq!(cases[1].charge, ChargeId::Trafficking933);
        assert_eq!(cases[1].mexico_nexus, Some(true));
        assert_eq!(cases[2].drug_grams, Some(5000.5));
    }

    #[test]
    fn errors_name_line_and_field() {
        let text = "law_era,charge,firearms\ntoday,trafficking_933,3\ntoday,trafficking_933,lots\n";
        let err = cases_from_csv(text).unwrap_err();
        assert_eq!((err.line, err.error.field.as_str()), (3, "firearms"));
        let err = cases_from_csv("law_era,charge\ntoday\n").unwrap_err();
        assert_eq!(err.line, 2);
        let err = cases_from_csv("law_era,charge,colour\ntoday,trafficking_933,red\n").unwrap_err();
        assert_eq!(err.error.field, "colour");
        assert!(cases_from_csv("").is_err());
    }

    #[test]
    fn writes_one_line_per_case() {
        let cases = cases_from_csv(
            "law_era,charge,offense_date\napril_2011,straw_purchase_922a6,\n\
             april_2011,trafficking_933,\ntoday,trafficking_933,\n\
             april_2011,straw_purchase_922a6,2016-05-02\n",
        )
        .unwrap();
        let law = Law::embedded();
        let results: Vec<_> = cases
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    i + 2,
                    Stamp::for_case(c, law, 2011),
                    evaluate(c, law, SentencingParams::embedded()),
                )
            })
            .collect();
        let csv = evaluations_to_csv(&results);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[0], CSV_HEADER);
        assert!(CSV_HEADER.ends_with(&format!(",error,{}", crate::export::STAMP_HEADER)));
        let columns = CSV_HEADER.split(',').count();
        for line in &lines {
            assert_eq!(line.split(',').count(), columns, "{line}");
        }
        assert!(
            lines[1].starts_with("2,,straw_purchase_922a6,april_2011,2010,10,I,6,12,B,120,120,")
        );
        assert!(lines[2].contains("not available"));
        // Each row its own case's law: the error row too, since the case was still read.
        let law_as_of = crate::edition::law_as_of();
        let version = crate::VERSION;
        let newest = crate::ManualEdition::latest().effective();
        let ends = [
            format!(",{version},2010-11-01,2011-04-01,{law_as_of},2011"),
            format!(",{version},2010-11-01,2011-04-01,{law_as_of},2011"),
            format!(",{version},{newest},{law_as_of},{law_as_of},2011"),
            format!(
                ",{version},{},2016-05-02,{law_as_of},2011",
                crate::evaluate::manual_used(&cases[3], law).effective()
            ),
        ];
        for (line, end) in lines[1..].iter().zip(&ends) {
            assert!(line.ends_with(end.as_str()), "{line} should end {end}");
        }
    }
}
