//! `threshold`: the engine on the command line, for analysts and batch runs.

use std::io::Read;
use std::process::ExitCode;

use serde::Deserialize;
use threshold_engine::batch::{cases_from_csv, evaluations_to_csv};
use threshold_engine::calibration::{calibrate, markdown_table};
use threshold_engine::{
    evaluate, evaluate_each_charge, guideline_range, zone, Case, CriminalHistory, Law, LawEra,
    ManualEdition, SentencingOverrides, SentencingParams,
};

const USAGE: &str = "\
threshold — sentencing and penalty what-if calculator for federal firearms-trafficking cases

USAGE:
    threshold <COMMAND> [ARGS]

COMMANDS:
    evaluate FILE|-          evaluate one case (JSON; `-` reads standard input) and print
                             the offense level, range, zone, statutory limits, expected
                             sentence and worksheet as JSON
    explain FILE|-           the same evaluation as plain text: result, then the worksheet
    example                  print a complete example case (JSON) to start from
    batch FILE.csv           evaluate one case per CSV row; print one CSV row per case
    compare FILE|-           evaluate the case under every charge of its legal era
    calibrate                print the calibration table against the seed paper (Markdown)
    charges [ERA]            list the charges and statutory limits (ERA april_2011 or today)
    range LEVEL CATEGORY [EDITION]
                             guideline range and zone for an offense level (1–43) and
                             criminal history category (I–VI); EDITION 2010, 2011 or
                             2023 (default 2023)

The case file is a case object, or {\"case\": {...}, \"sentencing_params\": {...}} to
override the sentencing assumptions. Fields: see engine/README.md.

OPTIONS:
    -h, --help       print this help
    -V, --version    print the engine version

Exit codes: 0 success, 2 invalid input.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("threshold: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let rest = args.get(1..).unwrap_or_default();
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => Ok(USAGE.to_string()),
        Some("-V" | "--version") => Ok(format!("threshold {}\n", threshold_engine::VERSION)),
        Some("evaluate") => evaluate_command(rest),
        Some("explain") => explain(rest),
        Some("example") => example(),
        Some("batch") => batch(rest),
        Some("compare") => compare(rest),
        Some("calibrate") => calibrate_command(),
        Some("charges") => charges(rest),
        Some("range") => range(rest),
        Some(other) => Err(format!("unknown command {other:?}; see `threshold --help`")),
    }
}

fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {path:?}: {e}"))
    }
}

fn one_path<'a>(args: &'a [String], command: &str) -> Result<&'a str, String> {
    match args {
        [path] => Ok(path),
        _ => Err(format!(
            "{command} needs one FILE (or - for standard input)"
        )),
    }
}

/// A case file: the case alone, or the case with sentencing overrides.
fn read_case(text: &str) -> Result<(Case, SentencingParams), String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct WithParams {
        case: serde_json::Value,
        #[serde(default)]
        sentencing_params: Option<serde_json::Value>,
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("the case is not valid JSON: {e}"))?;
    let defaults = SentencingParams::embedded();
    if value.get("case").is_some() {
        let wrapped: WithParams = serde_json::from_value(value)
            .map_err(|e| format!("case file: {e} (expected keys `case`, `sentencing_params`)"))?;
        let case = Case::from_value(wrapped.case).map_err(|e| e.to_string())?;
        let params = match wrapped.sentencing_params {
            None => defaults.clone(),
            Some(v) => {
                let overrides: SentencingOverrides = serde_json::from_value(v)
                    .map_err(|e| format!("field `sentencing_params`: {e}"))?;
                defaults
                    .with_overrides(&overrides)
                    .map_err(|e| format!("field `sentencing_params`: {e}"))?
            }
        };
        Ok((case, params))
    } else {
        let case = Case::from_value(value).map_err(|e| e.to_string())?;
        Ok((case, defaults.clone()))
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

fn evaluate_command(args: &[String]) -> Result<String, String> {
    let text = read_input(one_path(args, "evaluate")?)?;
    let (case, params) = read_case(&text)?;
    let evaluation = evaluate(&case, Law::embedded(), &params).map_err(|e| e.to_string())?;
    to_json(&evaluation)
}

fn explain(args: &[String]) -> Result<String, String> {
    let text = read_input(one_path(args, "explain")?)?;
    let (case, params) = read_case(&text)?;
    let e = evaluate(&case, Law::embedded(), &params).map_err(|e| e.to_string())?;
    let x = &e.expected_sentence_months;
    let range = guideline_range(e.offense_level, e.criminal_history_category);
    Ok(format!(
        "{} ({}), {}, {}\n\
         offense level {}, category {}: table range {range}; final range {}–{} months, zone {}\n\
         expected sentence: mean {:.1}, median {:.1}, 10th–90th percentile {:.1}–{:.1} months; \
         P(any prison) {:.0}%, P(12 months or more) {:.0}%\n\n{}",
        e.statute,
        e.charge,
        e.law_era,
        e.manual.label(),
        e.offense_level,
        e.criminal_history_category,
        e.guideline_range_months.min,
        e.guideline_range_months
            .max
            .map_or("life".to_string(), |m| m.to_string()),
        e.zone,
        x.mean,
        x.median,
        x.p10,
        x.p90,
        x.p_any_prison * 100.0,
        x.p_at_least_12_months * 100.0,
        e.worksheet.to_text()
    ))
}

fn example() -> Result<String, String> {
    let mut case = Case::new(
        LawEra::April2011,
        threshold_engine::ChargeId::StrawPurchase922a6,
    );
    case.label = Some("Phoenix straw buyer, 2010".into());
    case.manual = Some(ManualEdition::Nov2010);
    case.counts = Some(1);
    case.criminal_history = Some(CriminalHistory::I);
    case.firearms = Some(8);
    case.prior_violent_or_drug_felonies = Some(0);
    case.prohibited_person = Some(false);
    case.large_capacity_semiautomatic = Some(true);
    case.nfa_weapon = Some(false);
    case.knew_buyer_prohibited = Some(false);
    case.trafficking_recipient = Some(threshold_engine::Recipient::None);
    case.stolen_firearm = Some(false);
    case.altered_serial = Some(false);
    case.mexico_nexus = Some(true);
    case.other_felony = Some(false);
    case.role = Some(threshold_engine::Role::None);
    case.accepts_responsibility = Some(true);
    case.government_motion = Some(true);
    case.crime_gun_recovered = Some(true);
    case.evidence_strength = Some(0.6);
    case.ice_joint_investigation = Some(false);
    to_json(&case)
}

fn batch(args: &[String]) -> Result<String, String> {
    let text = read_input(one_path(args, "batch")?)?;
    let cases = cases_from_csv(&text).map_err(|e| e.to_string())?;
    let (law, params) = (Law::embedded(), SentencingParams::embedded());
    let results: Vec<_> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| (i + 2, evaluate(case, law, params)))
        .collect();
    Ok(evaluations_to_csv(&results))
}

fn compare(args: &[String]) -> Result<String, String> {
    let text = read_input(one_path(args, "compare")?)?;
    let (case, params) = read_case(&text)?;
    let rows: Vec<serde_json::Value> = evaluate_each_charge(&case, Law::embedded(), &params)
        .into_iter()
        .map(|e| {
            serde_json::json!({
                "charge": e.charge,
                "statute": e.statute,
                "offense_level": e.offense_level,
                "guideline_range_months": e.guideline_range_months,
                "total_statutory_max_months": e.total_statutory_max_months,
                "expected_sentence_months": e.expected_sentence_months,
            })
        })
        .collect();
    to_json(&rows)
}

fn calibrate_command() -> Result<String, String> {
    let rows =
        calibrate(Law::embedded(), SentencingParams::embedded()).map_err(|e| e.to_string())?;
    Ok(markdown_table(&rows))
}

fn charges(args: &[String]) -> Result<String, String> {
    let eras: Vec<LawEra> = match args {
        [] => LawEra::ALL.to_vec(),
        [code] => vec![LawEra::ALL
            .into_iter()
            .find(|e| e.code() == code)
            .ok_or_else(|| format!("ERA must be april_2011 or today, not {code:?}"))?],
        _ => return Err("charges takes at most one argument".into()),
    };
    let mut out = String::new();
    for era in eras {
        out.push_str(&format!("{era}:\n"));
        for charge in &Law::embedded().charges {
            let Some(l) = charge.limits_in(era) else {
                continue;
            };
            let limits = if !l.exists {
                "did not exist".to_string()
            } else {
                let max = l
                    .max_months
                    .map_or("life".into(), |m| format!("{m} months"));
                format!("{} to {max}", l.min_months)
            };
            out.push_str(&format!(
                "  {:<28} {:<36} {:<14} {limits}\n",
                charge.id.code(),
                charge.statute,
                charge.guideline.citation()
            ));
        }
    }
    Ok(out)
}

fn range(args: &[String]) -> Result<String, String> {
    let [level, category, rest @ ..] = args else {
        return Err("range needs LEVEL and CATEGORY, e.g. `threshold range 12 I`".into());
    };
    let level: i32 = level
        .parse()
        .ok()
        .filter(|l| (1..=43).contains(l))
        .ok_or_else(|| format!("LEVEL must be a whole number from 1 to 43, not {level:?}"))?;
    let category = CriminalHistory::from_roman(category).ok_or_else(|| {
        format!("CATEGORY must be one of I, II, III, IV, V, VI, not {category:?}")
    })?;
    let edition = match rest {
        [] => ManualEdition::Nov2023,
        [code] => ManualEdition::from_code(code)
            .ok_or_else(|| format!("EDITION must be 2010, 2011 or 2023, not {code:?}"))?,
        _ => return Err("range takes at most three arguments".into()),
    };
    let range = guideline_range(level, category);
    Ok(format!(
        "level {level}, category {category}: {range}, zone {} ({})\n",
        zone(range, edition),
        edition.label()
    ))
}
