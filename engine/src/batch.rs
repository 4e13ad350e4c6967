//! Many cases at once: cases from a CSV file (one case per row, columns named as the case
//! fields) and evaluations back to CSV, for the `threshold batch` command and file uploads.

use std::fmt;

use serde_json::{Map, Value};

use crate::case::{Case, CaseError};
use crate::evaluate::{Evaluation, EvaluationError};
use crate::export::{stamp_fields, CsvText, LineEnd};
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

/// Reads cases from CSV: a header of case field names, then one case per record. Fields
/// follow RFC 4180 as spreadsheets write them: a field in double quotes may hold commas,
/// doubled quotes and line breaks; lines may end in CRLF; a leading UTF-8 BOM is ignored.
/// Cells are trimmed, blank lines and lines starting with `#` are skipped, and an empty cell
/// leaves the fact unset (it will be assumed and reported). An error names the line its
/// record starts on.
pub fn cases_from_csv(text: &str) -> Result<Vec<Case>, BatchError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Lengths are checked here, not by the csv crate, so that a blank or indented comment
    // line is skipped rather than refused and a ragged row is refused in words.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut lines = LineCounter::new(bytes);
    let records: Vec<_> = reader
        .records()
        .filter_map(|record| {
            let at = match &record {
                Ok(record) => record.position(),
                Err(error) => error.position(),
            };
            let start = record_start(bytes, at.map_or(0, |p| p.byte() as usize));
            let rest = text.get(start..).unwrap_or_default();
            if let Ok(record) = &record {
                let blank = record.len() == 1 && record[0].is_empty();
                if blank || rest.trim_start_matches([' ', '\t']).starts_with('#') {
                    return None;
                }
            }
            Some((lines.line_at(start), rest, record))
        })
        .collect();
    let Some(((_, _, header), rows)) = records.split_first() else {
        return Err(BatchError {
            line: 1,
            error: CaseError {
                field: "(header)".into(),
                message: Message::new("error.batch.empty"),
            },
        });
    };
    let columns = header.as_ref().map_err(|_| unreadable(1))?;
    rows.iter()
        .enumerate()
        .map(|(i, (line, rest, record))| {
            let line = *line;
            let cells = record.as_ref().map_err(|_| unreadable(line))?;
            if cells.len() != columns.len() {
                // A quote never closed runs to the end of the file: the record is the last,
                // and its text holds an odd number of quotes.
                let last = i + 1 == rows.len();
                let message = if last && rest.matches('"').count() % 2 == 1 {
                    Message::new("error.batch.open_quote")
                } else {
                    Message::new("error.batch.cells")
                        .with("cells", cells.len())
                        .with("columns", columns.len())
                };
                return Err(BatchError {
                    line,
                    error: CaseError {
                        field: "(row)".into(),
                        message,
                    },
                });
            }
            let mut object = Map::new();
            for (column, cell) in columns.iter().zip(cells) {
                if !cell.is_empty() {
                    object.insert(column.to_string(), cell_value(column, cell));
                }
            }
            Case::from_value(Value::Object(object)).map_err(|error| BatchError { line, error })
        })
        .collect()
}

/// Reading text from memory cannot fail in the csv crate; should it ever, the row is
/// refused rather than skipped.
fn unreadable(line: usize) -> BatchError {
    BatchError {
        line,
        error: CaseError {
            field: "(row)".into(),
            message: Message::new("error.batch.unreadable"),
        },
    }
}

/// The first byte of a record's own text. The csv crate places a record where the one
/// before it ended, before the line break, blank lines and comments it skipped; its line
/// number counts from there, and misses lines ended by CR alone.
fn record_start(text: &[u8], mut at: usize) -> usize {
    loop {
        match text.get(at) {
            Some(b'\r' | b'\n') => at += 1,
            Some(b'#') => {
                at = text[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(text.len(), |n| at + n + 1)
            }
            _ => return at.min(text.len()),
        }
    }
}

/// Line numbers as an editor shows them (1 = the first line): LF, CRLF and a lone CR each
/// end a line. Asked for ever later bytes, it reads the text once.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        for i in self.at..byte {
            let next = self.text.get(i + 1);
            match self.text[i] {
                b'\n' => self.line += 1,
                b'\r' if next != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.at = self.at.max(byte);
        self.line
    }
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

/// One CSV row per case: its figures, or the reason it could not be evaluated, then its
/// stamp (each case its own Manual and statutes: a file may mix eras). A life maximum is
/// written `life`. Labels and reasons are written as they are, quoted where they hold a
/// comma, quote or line break, so the file reads back to the same labels.
pub fn evaluations_to_csv(
    results: &[(usize, Stamp, Result<Evaluation, EvaluationError>)],
) -> String {
    let months = |m: Option<u32>| m.map_or_else(|| "life".to_string(), |m| m.to_string());
    let mut out = CsvText::new(LineEnd::Lf);
    out.header(CSV_HEADER);
    for (line, stamp, result) in results {
        let (figures, error) = match result {
            Ok(e) => {
                let x = &e.expected_sentence_months;
                let figures = [
                    e.label.clone().unwrap_or_default(),
                    e.charge.to_string(),
                    e.law_era.code().to_string(),
                    e.manual.code().to_string(),
                    e.offense_level.to_string(),
                    e.criminal_history_category.to_string(),
                    e.guideline_range_months.min.to_string(),
                    months(e.guideline_range_months.max),
                    e.zone.to_string(),
                    months(e.statutory_max_months),
                    months(e.total_statutory_max_months),
                    format!("{:.2}", x.mean),
                    format!("{:.2}", x.median),
                    format!("{:.2}", x.p10),
                    format!("{:.2}", x.p90),
                    format!("{:.4}", x.p_any_prison),
                    format!("{:.4}", x.p_at_least_12_months),
                ];
                (figures, String::new())
            }
            Err(error) => (Default::default(), error.to_string()),
        };
        let [line, error] = [line.to_string(), error];
        out.row(
            std::iter::once(&line)
                .chain(&figures)
                .chain([&error])
                .chain(&stamp_fields(stamp)),
        );
    }
    out.finish()
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

    /// What a spreadsheet writes: a BOM, CRLF, quoted commas, doubled quotes and a line
    /// break inside a cell all read as the text they stand for.
    #[test]
    fn reads_quoted_cells_a_bom_and_crlf() {
        let text = "\u{feff}label,law_era,charge,firearms\r\n\
                    \"Smith, John\",april_2011,straw_purchase_922a6,5\r\n\
                    \"the \"\"ring\"\"\nof four\", today ,trafficking_933,\"12\"\r\n";
        let cases = cases_from_csv(text).unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].label.as_deref(), Some("Smith, John"));
        assert_eq!(cases[0].law_era, crate::LawEra::April2011);
        assert_eq!(cases[1].label.as_deref(), Some("the \"ring\"\nof four"));
        assert_eq!(cases[1].law_era, crate::LawEra::Today);
        assert_eq!(cases[1].firearms, Some(12));
    }

    /// Errors name the line a record starts on as an editor counts lines: past comments,
    /// blank lines, CRLF, a lone CR and a cell that spans lines.
    #[test]
    fn errors_name_the_line_the_record_starts_on() {
        let line = |text: &str| cases_from_csv(text).unwrap_err().line;
        let bad = "today,trafficking_933,lots";
        assert_eq!(
            line(&format!("law_era,charge,firearms\n# note\n\n{bad}\n")),
            4
        );
        assert_eq!(
            line(&format!("law_era,charge,firearms\r\n\r\n{bad}\r\n")),
            3
        );
        assert_eq!(line(&format!("law_era,charge,firearms\r{bad}\r")), 2);
        assert_eq!(
            line(&format!(
                "  # indented\nlaw_era,charge,firearms\n   \n{bad}\n"
            )),
            4
        );
        let spanning = "label,law_era,charge,firearms\n\"two\nlines\",today,trafficking_933,1\n";
        assert_eq!(line(&format!("{spanning}\"and\nthree\nlines\",{bad}\n")), 4);
        let err = cases_from_csv(&format!("{spanning}x,{bad},\n")).unwrap_err();
        assert_eq!((err.line, err.error.field.as_str()), (4, "(row)"));
        assert_eq!(
            err.error.message.to_string(),
            "5 cells, but the header names 4 columns"
        );
    }

    #[test]
    fn a_quote_never_closed_is_named() {
        let err = cases_from_csv(
            "label,law_era,charge\n\"ring,today,trafficking_933\nsingle,today,trafficking_933\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.error.field.as_str()), (2, "(row)"));
        assert!(
            err.to_string().contains("never closed"),
            "{}",
            err.to_string()
        );
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
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 4);
        for row in &rows {
            assert_eq!(row.len(), columns, "{row:?}");
        }
        assert!(
            lines[1].starts_with("2,,straw_purchase_922a6,april_2011,2010,10,I,6,12,B,120,120,")
        );
        // A reason keeps its commas, in quotes, as it reads on the page.
        assert!(lines[2].contains(",\"field `charge`: 18 U.S.C. 933(a), (b) is not available"));
        assert_eq!(&rows[1][18], results[1].2.as_ref().unwrap_err().to_string());
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
