//! Results as CSV for spreadsheets: the charge comparison, a proposal side by side, and a
//! caseload projection, written the same way by the app's downloads and the command line.
//!
//! RFC 4180 through the csv crate: comma-separated, CRLF line ends, a field quoted when it
//! holds a comma, quote or line break (so the csv reader, or any spreadsheet, gives back the
//! text written). Numbers are written in Rust's shortest exact form, so a figure read back
//! is the figure computed. A text field that a spreadsheet would run as a formula (`=`, `+`,
//! `-`, `@`, tab, carriage return first) starts with `'` instead: proposal names and labels
//! may come from a file someone else wrote.
//!
//! Every row ends with the stamp's columns ([`STAMP_HEADER`]): on every row rather than in
//! a preamble, so the file stays one rectangle a spreadsheet sorts, filters and pastes
//! without losing which engine, law and seed made each figure.

use crate::caseload::{ChargePolicy, Interval, ProjectionSummary};
use crate::i18n::Lang;
use crate::prosecution::ChargeComparison;
use crate::scenario::SideBySide;
use crate::stamp::Stamp;

/// A text field with a `'` before it when a spreadsheet would run it as a formula. Quoting
/// is left to the writer.
pub fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn number(value: f64) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        String::new()
    }
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// How a file's rows end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineEnd {
    /// RFC 4180's, for the files the page downloads.
    Crlf,
    /// `threshold batch`'s, as it has always printed.
    Lf,
}

/// A CSV file being written, one row at a time: every field is quoted when it must be (and
/// only then), by the same crate that reads caseload files.
pub(crate) struct CsvText(csv::Writer<Vec<u8>>);

impl CsvText {
    pub(crate) fn new(end: LineEnd) -> CsvText {
        let terminator = match end {
            LineEnd::Crlf => csv::Terminator::CRLF,
            LineEnd::Lf => csv::Terminator::Any(b'\n'),
        };
        // Flexible: a row's width is fixed by the code that builds it, and the tests check
        // it; a mistake must not drop a row from a user's file.
        let writer = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Necessary)
            .terminator(terminator)
            .flexible(true)
            .from_writer(Vec::new());
        CsvText(writer)
    }

    /// The header row, its names as one comma-separated constant.
    pub(crate) fn header(&mut self, names: &str) {
        self.row(names.split(','));
    }

    pub(crate) fn row<I>(&mut self, fields: I)
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        // Writing to memory cannot fail.
        let _ = self.0.write_record(fields);
    }

    pub(crate) fn finish(self) -> String {
        // Flushing into memory cannot fail, and every field was text: the writer adds only
        // ASCII between them.
        let bytes = self.0.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
    }
}

/// The stamp's columns, the last of every CSV Threshold writes.
pub const STAMP_HEADER: &str = "engine_version,manual,statutes_on,law_as_of,seed";

/// The cells under [`STAMP_HEADER`], unquoted: a [`CsvText`] quotes them.
pub fn stamp_fields(stamp: &Stamp) -> [String; 5] {
    [
        defused(&stamp.engine_version),
        stamp.manual.to_string(),
        stamp.statutes_on.to_string(),
        stamp.law_as_of.to_string(),
        stamp.seed.to_string(),
    ]
}

/// The header of [`comparison_csv`].
pub const COMPARISON_HEADER: &str = "rank,charges,statutes,offense_level,range_min_months,\
range_max_months,zone,statutory_min_months,total_statutory_max_months,mean_months,\
median_months,p10_months,p90_months,p_any_prison,acceptance_probability,\
conviction_probability,expected_prison_months_per_referral,\
engine_version,manual,statutes_on,law_as_of,seed";

/// Every charge option for one case, best first; an empty maximum is life.
pub fn comparison_csv(comparison: &ChargeComparison, stamp: &Stamp) -> String {
    let mut out = CsvText::new(LineEnd::Crlf);
    out.header(COMPARISON_HEADER);
    for (rank, option) in comparison.options.iter().enumerate() {
        let codes: Vec<&str> = option.charges.iter().map(|c| c.code()).collect();
        let sentence = &option.expected_sentence_months;
        let figures = [
            (rank + 1).to_string(),
            defused(&codes.join("+")),
            defused(&option.statutes),
            option.offense_level.to_string(),
            option.guideline_range_months.min.to_string(),
            optional(option.guideline_range_months.max),
            option.zone.to_string(),
            option.statutory_min_months.to_string(),
            optional(option.total_statutory_max_months),
            number(sentence.mean),
            number(sentence.median),
            number(sentence.p10),
            number(sentence.p90),
            number(sentence.p_any_prison),
            number(option.acceptance_probability),
            number(option.conviction_probability),
            number(option.expected_prison_months_per_referral),
        ];
        out.row(figures.iter().chain(&stamp_fields(stamp)));
    }
    out.finish()
}

/// The header of [`side_by_side_csv`].
pub const SIDE_BY_SIDE_HEADER: &str =
    "proposal,output,label,baseline,proposal_value,baseline_text,proposal_text,difference,\
difference_points,ratio,difference_text,changed,causes,engine_version,manual,statutes_on,\
law_as_of,seed";

/// One case before and after a proposal: a row per output, its causes joined by "; ". The
/// stamp is the case's under the status quo; the proposal column names what it changes.
pub fn side_by_side_csv(comparison: &SideBySide, stamp: &Stamp) -> String {
    side_by_side_csv_in(comparison, stamp, Lang::En)
}

/// [`side_by_side_csv`] with its text cells in `lang` (the columns stay as named).
pub fn side_by_side_csv_in(comparison: &SideBySide, stamp: &Stamp, lang: Lang) -> String {
    let mut out = CsvText::new(LineEnd::Crlf);
    out.header(SIDE_BY_SIDE_HEADER);
    for row in &comparison.rows {
        let output = serde_json::to_value(row.output)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let causes: Vec<String> = row
            .causes
            .iter()
            .map(|cause| match row.cause_difference(cause) {
                Some(d) => format!("{}: {}", cause.label.render(lang), d.render(lang)),
                None => cause.label.render(lang),
            })
            .collect();
        // Exact figures in their own columns; the text columns are rounded for reading.
        let probability = row.output.is_probability();
        let points = row.delta.filter(|_| probability).map(|d| number(d * 100.0));
        let ratio = match (probability, row.baseline.number, row.scenario.number) {
            (true, Some(from), Some(to)) if from > 0.0 => number(to / from),
            _ => String::new(),
        };
        let figures = [
            defused(&comparison.scenario_id),
            output,
            defused(&row.label.render(lang)),
            row.baseline.number.map(number).unwrap_or_default(),
            row.scenario.number.map(number).unwrap_or_default(),
            defused(&row.baseline.text.render(lang)),
            defused(&row.scenario.text.render(lang)),
            row.delta.map(number).unwrap_or_default(),
            points.unwrap_or_default(),
            ratio,
            defused(&row.difference().map(|d| d.render(lang)).unwrap_or_default()),
            row.changed.to_string(),
            defused(&causes.join("; ")),
        ];
        out.row(figures.iter().chain(&stamp_fields(stamp)));
    }
    out.finish()
}

/// The header of [`projection_csv`].
pub const PROJECTION_HEADER: &str = "proposal,caseload,charge_policy,seed,draws,metric,\
baseline_mean,baseline_p5,baseline_p95,proposal_mean,proposal_p5,proposal_p95,\
difference_mean,difference_p5,difference_p95,engine_version,manual,statutes_on,law_as_of";

/// A caseload projection's summary: a row per measure with its 90% intervals in both worlds
/// and the difference draw by draw where the projection keeps it; then the flips. The
/// stamp's seed is not repeated: the `seed` column near the front is the one the figures
/// were drawn with (`Stamp::for_caseload` with `summary.seed`).
pub fn projection_csv(summary: &ProjectionSummary, stamp: &Stamp) -> String {
    let mut out = CsvText::new(LineEnd::Crlf);
    out.header(PROJECTION_HEADER);
    let policy = match summary.charge_policy {
        ChargePolicy::Best => "best",
        ChargePolicy::Own => "own",
    };
    let lead = [
        defused(&summary.scenario_id),
        defused(&summary.caseload),
        policy.to_string(),
        summary.seed.to_string(),
        summary.draws.to_string(),
    ];
    let [engine_version, manual, statutes_on, law_as_of, _seed] = stamp_fields(stamp);
    let stamped = [engine_version, manual, statutes_on, law_as_of];
    let interval = |i: &Interval| [number(i.mean), number(i.p5), number(i.p95)];
    let (b, s) = (&summary.baseline, &summary.scenario);
    let rows: [(&str, &Interval, &Interval, Option<&Interval>); 6] = [
        (
            "accepted",
            &b.accepted,
            &s.accepted,
            Some(&summary.difference_accepted),
        ),
        (
            "convictions",
            &b.convictions,
            &s.convictions,
            Some(&summary.difference_convictions),
        ),
        (
            "prison_years",
            &b.prison_years,
            &s.prison_years,
            Some(&summary.difference_prison_years),
        ),
        (
            "accepted_per_100",
            &b.accepted_per_100,
            &s.accepted_per_100,
            None,
        ),
        (
            "convictions_per_100",
            &b.convictions_per_100,
            &s.convictions_per_100,
            None,
        ),
        (
            "prison_years_per_100",
            &b.prison_years_per_100,
            &s.prison_years_per_100,
            None,
        ),
    ];
    let mut row = |metric: &str, fields: [String; 9]| {
        let metric = [metric.to_string()];
        out.row(lead.iter().chain(&metric).chain(&fields).chain(&stamped));
    };
    let exact = |value: f64| [number(value), String::new(), String::new()];
    row(
        "referrals",
        concat(
            exact(b.referrals as f64),
            exact(s.referrals as f64),
            exact(s.referrals as f64 - b.referrals as f64),
        ),
    );
    for (metric, baseline, scenario, difference) in rows {
        let difference = difference.map(interval).unwrap_or_default();
        row(
            metric,
            concat(interval(baseline), interval(scenario), difference),
        );
    }
    let flips = &summary.flips;
    let mut flip = |metric: &str, value: f64| {
        row(
            metric,
            concat(Default::default(), Default::default(), exact(value)),
        )
    };
    flip(
        "flips_declined_to_accepted",
        flips.declined_to_accepted as f64,
    );
    flip(
        "flips_accepted_to_declined",
        flips.accepted_to_declined as f64,
    );
    flip(
        "expected_extra_acceptances",
        flips.expected_extra_acceptances,
    );
    out.finish()
}

fn concat(a: [String; 3], b: [String; 3], c: [String; 3]) -> [String; 9] {
    let [a0, a1, a2] = a;
    let [b0, b1, b2] = b;
    let [c0, c1, c2] = c;
    [a0, a1, a2, b0, b1, b2, c0, c1, c2]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{preset, side_by_side, Baseline};
    use crate::SentencingParams;
    use crate::{compare_charges, Case, ChargeId, Law, LawEra, ProsecutionParams};

    /// The rows as the csv crate reads them back; every file ends its last row with CRLF.
    fn read(csv: &str) -> Vec<Vec<String>> {
        assert!(csv.ends_with("\r\n"), "the last row ends with CRLF");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes())
            .records()
            .map(|record| record.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    fn case() -> Case {
        let mut case = Case::new(LawEra::Today, ChargeId::StrawPurchase932);
        case.firearms = Some(12);
        case
    }

    fn stamp_of(case: &Case) -> Stamp {
        Stamp::for_case(case, Law::embedded(), 2011)
    }

    /// The stamp's cells at the end of a row, by name.
    fn stamp_cells<'a>(header: &str, row: &'a [String]) -> Vec<(String, &'a str)> {
        let names: Vec<&str> = header.split(',').collect();
        assert_eq!(names.len(), row.len(), "{row:?}");
        STAMP_HEADER
            .split(',')
            .filter_map(|name| {
                let at = names.iter().position(|n| *n == name)?;
                Some((name.to_string(), row[at].as_str()))
            })
            .collect()
    }

    /// The bytes a text field becomes, beside a plain one: quoted only when it holds a
    /// comma, quote or line break, and defused when a spreadsheet would run it.
    #[test]
    fn text_fields_are_quoted_and_defused() {
        let written = |text: &str| {
            let mut out = CsvText::new(LineEnd::Crlf);
            out.row([defused(text), "x".into()]);
            out.finish()
        };
        for (text, field) in [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"no\"", "\"say \"\"no\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "'+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("", ""),
        ] {
            assert_eq!(written(text), format!("{field},x\r\n"), "{text:?}");
        }
        let odd = "=1,\"2\"\r\n@3";
        assert_eq!(read(&written(odd))[0], [format!("'{odd}"), "x".into()]);
        let mut lf = CsvText::new(LineEnd::Lf);
        lf.header("a,b");
        lf.row(["1", "Smith, John"]);
        assert_eq!(lf.finish(), "a,b\n1,\"Smith, John\"\n");
    }

    #[test]
    fn comparison_rows_match_the_comparison() {
        let comparison = compare_charges(
            &case(),
            Law::embedded(),
            SentencingParams::embedded(),
            ProsecutionParams::embedded(),
        )
        .unwrap();
        let rows = read(&comparison_csv(&comparison, &stamp_of(&case())));
        let width = COMPARISON_HEADER.split(',').count();
        assert_eq!(rows[0].join(","), COMPARISON_HEADER);
        assert_eq!(rows.len(), comparison.options.len() + 1);
        for (row, option) in rows[1..].iter().zip(&comparison.options) {
            assert_eq!(row.len(), width);
            assert_eq!(row[3], option.offense_level.to_string());
            assert_eq!(
                row[14].parse::<f64>().unwrap(),
                option.acceptance_probability
            );
            assert_eq!(
                row[16].parse::<f64>().unwrap(),
                option.expected_prison_months_per_referral
            );
        }
    }

    #[test]
    fn side_by_side_rows_keep_the_numbers_exactly() {
        let scenario = preset("gtpa_20yr_straw").unwrap();
        let comparison = side_by_side(&case(), &Baseline::embedded(), scenario).unwrap();
        let rows = read(&side_by_side_csv(&comparison, &stamp_of(&case())));
        assert_eq!(rows[0].join(","), SIDE_BY_SIDE_HEADER);
        assert_eq!(rows.len(), comparison.rows.len() + 1);
        for (row, expected) in rows[1..].iter().zip(&comparison.rows) {
            assert_eq!(row.len(), SIDE_BY_SIDE_HEADER.split(',').count());
            assert_eq!(row[2], expected.label.to_string());
            let back = |text: &str| (!text.is_empty()).then(|| text.parse::<f64>().unwrap());
            assert_eq!(back(&row[3]), expected.baseline.number);
            assert_eq!(back(&row[4]), expected.scenario.number);
            assert_eq!(row[11], expected.changed.to_string());
        }
    }

    /// A chance's difference is in percentage points with the ratio beside it, exactly; the
    /// text column rounds it for reading.
    #[test]
    fn side_by_side_probability_rows_carry_points_and_ratio() {
        let mut two_thousand_eleven = case();
        two_thousand_eleven.law_era = LawEra::April2011;
        two_thousand_eleven.charge = ChargeId::StrawPurchase922a6;
        two_thousand_eleven.firearms = Some(10);
        two_thousand_eleven.mexico_nexus = Some(true);
        two_thousand_eleven.knew_leaving_us = Some(true);
        let scenario = preset("today_bsca_819").unwrap();
        let comparison =
            side_by_side(&two_thousand_eleven, &Baseline::embedded(), scenario).unwrap();
        let rows = read(&side_by_side_csv(
            &comparison,
            &stamp_of(&two_thousand_eleven),
        ));
        let acceptance = rows.iter().find(|r| r[1] == "acceptance").unwrap();
        let (from, to): (f64, f64) = (
            acceptance[3].parse().unwrap(),
            acceptance[4].parse().unwrap(),
        );
        assert!(to > from, "{acceptance:?}");
        assert_eq!(acceptance[7].parse::<f64>().unwrap(), to - from);
        assert_eq!(acceptance[8].parse::<f64>().unwrap(), (to - from) * 100.0);
        assert_eq!(acceptance[9].parse::<f64>().unwrap(), to / from);
        assert!(acceptance[10].contains(" points ("), "{}", acceptance[10]);
        assert!(acceptance[10].contains("× likelier"), "{}", acceptance[10]);
        let range = rows.iter().find(|r| r[1] == "guideline_range").unwrap();
        assert_eq!(range[8], "", "months have no points");
        assert!(
            range[10].ends_with("at the bottom of the range"),
            "{}",
            range[10]
        );
    }

    #[test]
    fn projection_rows_carry_every_interval_and_the_flips() {
        use crate::caseload::{Caseload, Projection};
        let caseload = Caseload::default_population();
        let scenario = preset("today_bsca_819").unwrap();
        let mut projection = Projection::new(
            &caseload,
            &Baseline::embedded(),
            scenario,
            7,
            40,
            ChargePolicy::Best,
        )
        .unwrap();
        projection.step(40);
        let summary = projection.summary();
        let stamp = Stamp::for_caseload(&caseload, Law::embedded(), summary.seed);
        let rows = read(&projection_csv(&summary, &stamp));
        assert_eq!(rows[0].join(","), PROJECTION_HEADER);
        assert_eq!(rows.len(), 1 + 1 + 6 + 3);
        for row in &rows[1..] {
            assert_eq!(row.len(), PROJECTION_HEADER.split(',').count());
            assert_eq!(
                &row[..5],
                [
                    "today_bsca_819",
                    caseload.origin.as_str(),
                    "best",
                    "7",
                    "40"
                ]
            );
        }
        let prison = rows.iter().find(|r| r[5] == "prison_years").unwrap();
        let value = |i: usize| prison[i].parse::<f64>().unwrap();
        assert_eq!(value(6), summary.baseline.prison_years.mean);
        assert_eq!(value(11), summary.scenario.prison_years.p95);
        assert_eq!(value(12), summary.difference_prison_years.mean);
        let flips = rows
            .iter()
            .find(|r| r[5] == "flips_declined_to_accepted")
            .unwrap();
        assert_eq!(flips[12], summary.flips.declined_to_accepted.to_string());
        assert!(flips[6..12].iter().all(String::is_empty));
    }

    /// Every CSV ends its rows with the stamp, each cell what the case's law says: a file
    /// missing a column, or naming the wrong Manual, fails here.
    #[test]
    fn every_row_of_every_csv_carries_the_stamp() {
        let law_as_of = crate::edition::law_as_of().to_string();
        let mut old = case();
        old.law_era = LawEra::April2011;
        old.charge = ChargeId::StrawPurchase922a6;
        let newest = crate::ManualEdition::latest().effective().to_string();
        let eras = [
            (old, "2010-11-01", "2011-04-01".to_string()),
            (case(), newest.as_str(), law_as_of.clone()),
        ];
        for (case, manual, statutes_on) in eras {
            let stamp = Stamp::for_case(&case, Law::embedded(), 99);
            let expected = [
                ("engine_version", crate::VERSION),
                ("manual", manual),
                ("statutes_on", statutes_on.as_str()),
                ("law_as_of", law_as_of.as_str()),
                ("seed", "99"),
            ];
            let expected: Vec<(String, &str)> =
                expected.iter().map(|(n, v)| (n.to_string(), *v)).collect();
            let comparison = compare_charges(
                &case,
                Law::embedded(),
                SentencingParams::embedded(),
                ProsecutionParams::embedded(),
            )
            .unwrap();
            let scenario = preset("gtpa_20yr_straw").unwrap();
            let sbs = side_by_side(&case, &Baseline::embedded(), scenario).unwrap();
            let files = [
                (COMPARISON_HEADER, comparison_csv(&comparison, &stamp)),
                (SIDE_BY_SIDE_HEADER, side_by_side_csv(&sbs, &stamp)),
                (
                    SIDE_BY_SIDE_HEADER,
                    side_by_side_csv_in(&sbs, &stamp, Lang::Es),
                ),
            ];
            for (header, csv) in files {
                assert!(header.ends_with(&format!(",{STAMP_HEADER}")), "{header}");
                let rows = read(&csv);
                assert!(rows.len() > 1);
                for row in &rows[1..] {
                    assert_eq!(stamp_cells(header, row), expected, "{row:?}");
                }
            }
        }
    }

    /// The projection's stamp has no second `seed`: the one column is the draws' seed.
    #[test]
    fn projection_rows_carry_the_stamp_of_the_referrals() {
        use crate::caseload::{Caseload, Projection};
        assert_eq!(PROJECTION_HEADER.matches("seed").count(), 1);
        assert!(PROJECTION_HEADER.ends_with(",engine_version,manual,statutes_on,law_as_of"));
        let caseload = Caseload::default_population();
        let scenario = preset("today_bsca_819").unwrap();
        let base = Baseline::embedded();
        let mut projection =
            Projection::new(&caseload, &base, scenario, 3, 10, ChargePolicy::Best).unwrap();
        projection.step(10);
        let summary = projection.summary();
        let stamp = Stamp::for_caseload(&caseload, Law::embedded(), summary.seed);
        let rows = read(&projection_csv(&summary, &stamp));
        let law_as_of = crate::edition::law_as_of().to_string();
        for row in &rows[1..] {
            let cells = stamp_cells(PROJECTION_HEADER, row);
            let cells: Vec<(&str, &str)> = cells.iter().map(|(n, v)| (n.as_str(), *v)).collect();
            // The population's referrals are April 2011 cases, the proposal's change aside.
            assert_eq!(
                cells,
                [
                    ("engine_version", crate::VERSION),
                    ("manual", "2010-11-01"),
                    ("statutes_on", "2011-04-01"),
                    ("law_as_of", law_as_of.as_str()),
                    ("seed", "3"),
                ]
            );
        }
    }

    /// Any text, through the writer and the csv crate's reader, comes back as written; and
    /// the bytes are those of the rule the hand-written writer followed before (defuse, then
    /// quote a field holding a comma, quote, CR or LF, doubling its quotes), so files
    /// written before and after the change are the same file.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        fn hand_written(text: &str) -> String {
            let defused = defused(text);
            if defused.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", defused.replace('"', "\"\""))
            } else {
                defused
            }
        }

        fn text() -> impl Strategy<Value = String> {
            let special = prop::sample::select(vec![
                ',', '"', '\r', '\n', '\t', ' ', '#', '=', '+', '-', '@', '\'', ';', 'é',
                '\u{feff}', 'a', '1',
            ]);
            let char = prop_oneof![3 => special, 1 => any::<char>()];
            prop::collection::vec(char, 0..16).prop_map(|c| c.into_iter().collect())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn rows_read_back_and_match_the_hand_written_bytes(
                rows in prop::collection::vec(prop::collection::vec(text(), 2..5), 1..6),
                crlf in any::<bool>(),
            ) {
                let end = if crlf { LineEnd::Crlf } else { LineEnd::Lf };
                // A header first, as in every file: a reader drops a BOM that opens the
                // file, which only a header could start with.
                let mut out = CsvText::new(end);
                out.header("a,b");
                let mut expected = if crlf { "a,b\r\n" } else { "a,b\n" }.to_string();
                for row in &rows {
                    let fields: Vec<String> = row.iter().map(|t| defused(t)).collect();
                    out.row(&fields);
                    let hand: Vec<String> = row.iter().map(|t| hand_written(t)).collect();
                    expected.push_str(&hand.join(","));
                    expected.push_str(if crlf { "\r\n" } else { "\n" });
                }
                let written = out.finish();
                prop_assert_eq!(&written, &expected);
                let back: Vec<Vec<String>> = csv::ReaderBuilder::new()
                    .flexible(true)
                    .from_reader(written.as_bytes())
                    .records()
                    .map(|r| r.unwrap().iter().map(str::to_string).collect())
                    .collect();
                let defused_rows: Vec<Vec<String>> =
                    rows.iter().map(|r| r.iter().map(|t| defused(t)).collect()).collect();
                prop_assert_eq!(back, defused_rows);
            }
        }
    }
}
