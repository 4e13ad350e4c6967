//! `threshold`: the engine on the command line, for analysts and batch runs.

#[path = "commands/scenario.rs"]
mod scenario_commands;

use std::io::Read;
use std::process::ExitCode;

use serde::Deserialize;
use threshold_engine::backtest::{backtest_markdown, default_backtest};
use threshold_engine::batch::{cases_from_csv, evaluations_to_csv};
use threshold_engine::calibration::{calibrate, markdown_table};
use threshold_engine::caseload::{ReferralPopulation, DEFAULT_SEED};
use threshold_engine::export::comparison_csv;
use threshold_engine::likely::likely_sentence;
use threshold_engine::prosecution::calibration::{
    calibrate_prosecution, calibration_checks, calibration_markdown, parameter_markdown,
    typical_comparisons, CalibrationData,
};
use threshold_engine::prosecution::fit::fit_prosecution;
use threshold_engine::prosecution::{
    assess, compare_charges, comparison_markdown, firearms_threshold, ProsecutionOverrides,
    ProsecutionParams,
};
use threshold_engine::scenario::Baseline;
use threshold_engine::stamp::Stamped;
use threshold_engine::{
    evaluate, guideline_range, zone, Case, CriminalHistory, Date, Lang, Law, LawEra, ManualEdition,
    SentencingOverrides, SentencingParams, Stamp,
};

const USAGE: &str = "\
threshold — sentencing and penalty what-if calculator for federal firearms-trafficking cases

USAGE:
    threshold <COMMAND> [ARGS]

COMMANDS:
    evaluate FILE|-          evaluate one case (JSON; `-` reads standard input) and print
                             the offense level, range, zone, statutory limits, expected
                             sentence, worksheet and the prosecution model (acceptance,
                             decline reasons, conviction, prison months per referral);
                             with facts not given, likely_sentence_months spreads each
                             over the referral population (the range is for the most
                             likely value)
    explain FILE|-           the same evaluation as plain text: result, then the worksheet
    example                  print a complete example case (JSON) to start from
    batch FILE.csv           evaluate one case per CSV row; print one CSV row per case
    compare FILE|- [--format json|table|csv]
                             rank every charge and charge set the case supports by
                             expected prison months per referral
    find-threshold FILE|-    the number of firearms at which the case's referral becomes
                             more likely accepted than declined, and how penalty changes
                             move it (JSON)
    calibrate                every published figure the models aim at beside the model's
                             own and the tolerance: the prosecution model over the
                             referral population, then the seed paper's typical sentences
                             (Markdown)
    backtest [--format table|json]
                             real published sentences (engine/data/backtest) beside the
                             model's likely sentence for the facts each source states:
                             per era and charge, how many fall inside the model's
                             10th–90th percentile band, the median error of its median,
                             and the cases furthest off
    fit-prosecution [--write FILE]
                             refit the prosecution model's intercept and weights to the
                             published figures (deterministic); --write puts the values
                             into FILE (engine/data/prosecution_params.json)
    calibrate-prosecution    print the prosecution model's calibration and the charge
                             ranking of the paper's typical cases (Markdown)
    params                   print every prosecution-model parameter (Markdown)
    charges [ERA]            list the charges and statutory limits (ERA april_2011 or today)
    scenario list            the preset policy scenarios: id, name, source (Markdown)
    scenario show ID         a preset as JSON, to copy into a FILE and edit
    scenario compare ID|FILE CASE.json [--format json|table|csv]
                             one case under the baseline and the scenario, each
                             difference with the change that causes it
    project --scenario ID|FILE [--cases CSV|default] [--referrals N] [--draws N] [--seed S]
            [--policy best|own] [--uncertainty full|chance] [--district ID]
            [--format json|table|csv]
                             a caseload under the baseline and the scenario (seeded
                             Monte Carlo): accepted referrals, convictions, prison-years
                             with 90% intervals over chance and assumptions (full: each
                             draw also draws the models' parameters from their stated
                             ranges and resamples the referrals) and over chance alone,
                             flips; --district sets the acceptance odds of a district with
                             a published rate (see threshold calibrate; ids national,
                             d_ariz, sd_tex, wd_tex, d_nm, sd_cal, nd_tex, d_nev)
                             (defaults: the referral population, 1000 draws, seed 2011,
                             best charge, full, national, table)
    sensitivity --scenario ID|FILE [--cases CSV|default] [--referrals N] [--metric M]
            [--format json|table]
                             each uncertain parameter at its low and high (tornado); M is
                             delta_prison_years_per_100 (default), delta_accepted_per_100,
                             scenario_prison_years_per_100 or scenario_accepted_per_100
    range LEVEL CATEGORY [EDITION]
                             guideline range and zone for an offense level (1–43) and
                             criminal history category (I–VI) under an edition (see
                             `threshold editions`; default the newest)
    editions                 each Guidelines Manual edition modelled: its day, the
                             amendments it brings, how far they were checked (Markdown)
    law timeline FILE|- [--format table|json]
                             how the law changed for this case: each edition and statute
                             change from Nov. 2010 to today, and the case's level, range
                             and maximum before and after it
    law show EDITION|DAY     the resolved law of one edition, every rule by its id, with
                             its citation and how it was verified (JSON); for a day
                             (YYYY-MM-DD), the edition in force then and every charge's
                             penalty for an offense that day

The case file is a case object, or {\"case\": {...}, \"sentencing_params\": {...},
\"prosecution_params\": {...}} to override the sentencing or prosecution assumptions.
Fields: see engine/README.md.

The JSON and CSV of evaluate, batch, compare, scenario compare and project carry a stamp:
the engine version, the day the Manual applied took effect, the day whose statutes apply,
the day the law data is entered as of, and the seed (JSON: a \"stamp\" object last; CSV:
the last columns engine_version, manual, statutes_on, law_as_of, seed, on every row; a
projection's seed column is its own). Commands without randomness name seed 2011, the seed
the page starts with, so their files equal the page's downloads.

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
        Some("find-threshold") => find_threshold(rest),
        Some("calibrate") => calibrate_command(),
        Some("calibrate-prosecution") => calibrate_prosecution_command(),
        Some("fit-prosecution") => fit_prosecution_command(rest),
        Some("backtest") => backtest_command(rest),
        Some("params") => Ok(parameter_markdown(ProsecutionParams::embedded())),
        Some("charges") => charges(rest),
        Some("range") => range(rest),
        Some("editions") => Ok(threshold_engine::timeline::editions_markdown()),
        Some("law") => law_command(rest),
        Some("scenario") => scenario_commands::scenario_command(rest),
        Some("project") => scenario_commands::project(rest),
        Some("sensitivity") => scenario_commands::sensitivity_command(rest),
        Some(other) => Err(format!("unknown command {other:?}; see `threshold --help`")),
    }
}

/// `law timeline FILE [--format table|json]` and `law show EDITION|DAY`.
fn law_command(args: &[String]) -> Result<String, String> {
    match args {
        [sub, rest @ ..] if sub == "timeline" => {
            let (path, format) = match rest {
                [path] => (path, "table"),
                [path, flag, format] if flag == "--format" => (path, format.as_str()),
                _ => return Err("law timeline needs FILE [--format table|json]".into()),
            };
            let file = read_case(&read_input(path)?)?;
            let t = threshold_engine::timeline::timeline(&file.case, Law::embedded())
                .map_err(|e| e.to_string())?;
            match format {
                "table" => Ok(threshold_engine::timeline::timeline_markdown(&t)),
                "json" => serde_json::to_string_pretty(&t)
                    .map(|s| s + "\n")
                    .map_err(|e| e.to_string()),
                other => Err(format!("--format must be table or json, not {other:?}")),
            }
        }
        [sub, code] if sub == "show" => {
            let law = Law::embedded();
            // A day (YYYY-MM-DD) shows the law in force that day: its Manual and the penalties.
            let (manual, on_day) = match code.parse::<Date>() {
                Ok(day) => {
                    let in_force = law.in_force_on(day).map_err(|e| e.to_string())?;
                    let charges: Vec<serde_json::Value> = in_force
                        .charges
                        .iter()
                        .map(|(charge, penalty)| {
                            serde_json::json!({
                                "charge": charge.id,
                                "statute": charge.statute,
                                "penalty": penalty,
                            })
                        })
                        .collect();
                    (in_force.manual, Some((day, charges)))
                }
                Err(_) => {
                    let edition = ManualEdition::from_code(code).ok_or_else(|| {
                        format!(
                            "EDITION must be one of {} or a day (YYYY-MM-DD), not {code:?}",
                            ManualEdition::codes()
                        )
                    })?;
                    (law.manual(edition).map_err(|e| e.to_string())?, None)
                }
            };
            let edition = manual.edition;
            let provenance: serde_json::Map<String, serde_json::Value> = manual
                .provenance
                .iter()
                .map(|(id, p)| (id.clone(), serde_json::to_value(p).unwrap_or_default()))
                .collect();
            let mut out = serde_json::json!({
                "edition": edition.code(),
                "effective": edition.effective(),
                "checked": edition.checked(),
                "text": manual.text,
                "provenance": provenance,
            });
            if let Some((day, charges)) = on_day {
                out["day"] = serde_json::json!(day);
                out["charges"] = serde_json::Value::Array(charges);
            }
            serde_json::to_string_pretty(&out)
                .map(|s| s + "\n")
                .map_err(|e| e.to_string())
        }
        _ => Err("law needs `timeline FILE` or `show EDITION|DAY`".into()),
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

/// A case file's contents: the case and the parameters to evaluate it with.
struct CaseFile {
    case: Case,
    sentencing: SentencingParams,
    prosecution: ProsecutionParams,
}

/// A case file: the case alone, or the case with sentencing and prosecution overrides.
fn read_case(text: &str) -> Result<CaseFile, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct WithParams {
        case: serde_json::Value,
        #[serde(default)]
        sentencing_params: Option<serde_json::Value>,
        #[serde(default)]
        prosecution_params: Option<serde_json::Value>,
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("the case is not valid JSON: {e}"))?;
    let sentencing = SentencingParams::embedded();
    let prosecution = ProsecutionParams::embedded();
    if value.get("case").is_none() {
        let case = Case::from_value(value).map_err(|e| e.to_string())?;
        return Ok(CaseFile {
            case,
            sentencing: sentencing.clone(),
            prosecution: prosecution.clone(),
        });
    }
    let wrapped: WithParams = serde_json::from_value(value).map_err(|e| {
        format!("case file: {e} (expected keys `case`, `sentencing_params`, `prosecution_params`)")
    })?;
    let case = Case::from_value(wrapped.case).map_err(|e| e.to_string())?;
    let sentencing = match wrapped.sentencing_params {
        None => sentencing.clone(),
        Some(v) => {
            let overrides: SentencingOverrides =
                serde_json::from_value(v).map_err(|e| format!("field `sentencing_params`: {e}"))?;
            sentencing
                .with_overrides(&overrides)
                .map_err(|e| format!("field `sentencing_params`: {e}"))?
        }
    };
    let prosecution = match wrapped.prosecution_params {
        None => prosecution.clone(),
        Some(v) => {
            let overrides: ProsecutionOverrides = serde_json::from_value(v)
                .map_err(|e| format!("field `prosecution_params`: {e}"))?;
            prosecution
                .with_overrides(&overrides)
                .map_err(|e| format!("field `prosecution_params`: {e}"))?
        }
    };
    Ok(CaseFile {
        case,
        sentencing,
        prosecution,
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

/// [`to_json`] with the stamp as the last field, as the app's files carry it.
fn to_stamped_json<T: serde::Serialize>(figures: &T, stamp: &Stamp) -> Result<String, String> {
    to_json(&Stamped { figures, stamp })
}

/// The stamp of a command without randomness: the seed of the default view, so the file
/// equals the page's download of the same case.
fn case_stamp(case: &Case) -> Stamp {
    Stamp::for_case(case, Law::embedded(), DEFAULT_SEED)
}

fn evaluate_command(args: &[String]) -> Result<String, String> {
    let text = read_input(one_path(args, "evaluate")?)?;
    let file = read_case(&text)?;
    let law = Law::embedded();
    let evaluation = evaluate(&file.case, law, &file.sentencing).map_err(|e| e.to_string())?;
    let prosecution =
        assess(&file.case, law, &file.sentencing, &file.prosecution).map_err(|e| e.to_string())?;
    let mut value = serde_json::to_value(&evaluation).map_err(|e| e.to_string())?;
    let p = serde_json::to_value(&prosecution).map_err(|e| e.to_string())?;
    if let (Some(out), Some(p)) = (value.as_object_mut(), p.as_object()) {
        for key in [
            "acceptance_probability",
            "decline_reasons",
            "conviction_probability",
            "expected_months_if_convicted",
            "expected_prison_months_per_referral",
            "acceptance_intercept",
            "acceptance_terms",
        ] {
            if let Some(v) = p.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        out.insert("prosecution_assumptions".into(), p["assumptions"].clone());
        let likely = likely_sentence(
            &file.case,
            law,
            &file.sentencing,
            &file.prosecution,
            ReferralPopulation::embedded(),
        )
        .map_err(|e| e.to_string())?;
        if let Some(likely) = likely {
            out.insert(
                "likely_sentence_months".into(),
                serde_json::to_value(&likely).map_err(|e| e.to_string())?,
            );
        }
    }
    to_stamped_json(&value, &case_stamp(&file.case))
}

fn explain(args: &[String]) -> Result<String, String> {
    let text = read_input(one_path(args, "explain")?)?;
    let file = read_case(&text)?;
    let (case, params) = (&file.case, &file.sentencing);
    let e = evaluate(case, Law::embedded(), params).map_err(|e| e.to_string())?;
    let p = assess(case, Law::embedded(), params, &file.prosecution)
        .map_err(|e| e.to_string())?
        .option;
    let x = &e.expected_sentence_months;
    let range = guideline_range(e.offense_level, e.criminal_history_category);
    Ok(format!(
        "{} ({}), {}, {}\n\
         offense level {}, category {}: table range {range}; final range {}–{} months, zone {}\n\
         expected sentence: mean {:.1}, median {:.1}, 10th–90th percentile {:.1}–{:.1} months; \
         P(any prison) {:.0}%, P(12 months or more) {:.0}%\n\
         prosecution: P(accept) {:.0}% (declined for low penalty {:.0}%, weak evidence {:.0}%, \
         no intent evidence {:.0}%, other {:.0}%); P(convict) {:.0}%; \
         {:.1} prison months per referral\n\n{}",
        e.statute,
        e.charge,
        e.law_era,
        e.manual.label(Lang::En),
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
        p.acceptance_probability * 100.0,
        p.decline_reasons.low_penalty * 100.0,
        p.decline_reasons.weak_evidence * 100.0,
        p.decline_reasons.no_intent_evidence * 100.0,
        p.decline_reasons.other * 100.0,
        p.conviction_probability * 100.0,
        p.expected_prison_months_per_referral,
        e.worksheet.to_text()
    ))
}

fn example() -> Result<String, String> {
    let mut case = Case::new(
        LawEra::April2011,
        threshold_engine::ChargeId::StrawPurchase922a6,
    );
    case.label = Some("Phoenix straw buyer, 2010".into());
    case.manual = threshold_engine::ManualChoice::from_code("2010");
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
        .map(|(i, case)| (i + 2, case_stamp(case), evaluate(case, law, params)))
        .collect();
    Ok(evaluations_to_csv(&results))
}

fn compare(args: &[String]) -> Result<String, String> {
    let (path, format) = match args {
        [path] => (path, "json"),
        [path, flag, format] | [flag, format, path] if flag == "--format" => {
            match format.as_str() {
                "table" | "json" | "csv" => (path, format.as_str()),
                other => {
                    return Err(format!(
                        "--format must be json, table or csv, not {other:?}"
                    ))
                }
            }
        }
        _ => {
            return Err(
                "compare needs one FILE (or -) and optionally --format json|table|csv".into(),
            )
        }
    };
    let file = read_case(&read_input(path)?)?;
    let comparison = compare_charges(
        &file.case,
        Law::embedded(),
        &file.sentencing,
        &file.prosecution,
    )
    .map_err(|e| e.to_string())?;
    let stamp = case_stamp(&file.case);
    if format == "csv" {
        return Ok(comparison_csv(&comparison, &stamp));
    }
    if format == "table" {
        let title = comparison.label.as_deref().unwrap_or("case");
        let mut out = format!(
            "{title} ({}, {})\n\n{}",
            comparison.law_era,
            comparison.manual.label(Lang::En),
            comparison_markdown(&comparison)
        );
        if !comparison.not_considered.is_empty() {
            out.push_str("\nNot considered:\n");
            for n in &comparison.not_considered {
                if n.charges.len() > 1 {
                    let set: Vec<&str> = n.charges.iter().map(|c| c.code()).collect();
                    out.push_str(&format!("- {} — {}\n", set.join(" + "), n.reason));
                } else {
                    out.push_str(&format!("- {}\n", n.reason));
                }
            }
        }
        Ok(out)
    } else {
        to_stamped_json(&comparison, &stamp)
    }
}

fn find_threshold(args: &[String]) -> Result<String, String> {
    let file = read_case(&read_input(one_path(args, "find-threshold")?)?)?;
    let finding = firearms_threshold(
        &file.case,
        &[file.case.charge],
        Law::embedded(),
        &file.sentencing,
        &file.prosecution,
    )
    .map_err(|e| e.to_string())?;
    to_json(&finding)
}

fn calibrate_prosecution_command() -> Result<String, String> {
    let (law, sentencing, prosecution, data) = (
        Law::embedded(),
        SentencingParams::embedded(),
        ProsecutionParams::embedded(),
        CalibrationData::embedded(),
    );
    let c = calibrate_prosecution(law, sentencing, prosecution, data).map_err(|e| e.to_string())?;
    let mut out = calibration_markdown(&calibration_checks(&c, data));
    for (title, comparison) in
        typical_comparisons(law, sentencing, prosecution, data).map_err(|e| e.to_string())?
    {
        out.push_str(&format!(
            "\n{title}:\n\n{}",
            comparison_markdown(&comparison)
        ));
    }
    Ok(out)
}

fn calibrate_command() -> Result<String, String> {
    let rows =
        calibrate(Law::embedded(), SentencingParams::embedded()).map_err(|e| e.to_string())?;
    let data = CalibrationData::embedded();
    let c = calibrate_prosecution(
        Law::embedded(),
        SentencingParams::embedded(),
        ProsecutionParams::embedded(),
        data,
    )
    .map_err(|e| e.to_string())?;
    Ok(format!(
        "Prosecution model over the referral population (best charge, 2010 Manual, April 2011 law):\n\n{}\nSentences of the seed paper's typical cases:\n\n{}",
        calibration_markdown(&calibration_checks(&c, data)),
        markdown_table(&rows)
    ))
}

/// `backtest [--format table|json]`: the real sentences beside the model.
fn backtest_command(args: &[String]) -> Result<String, String> {
    let json = match args {
        [] => false,
        [flag, f] if flag == "--format" && f == "table" => false,
        [flag, f] if flag == "--format" && f == "json" => true,
        _ => return Err("backtest takes only --format table|json".into()),
    };
    let b = default_backtest();
    if json {
        to_json(&b)
    } else {
        Ok(backtest_markdown(&b))
    }
}

/// `fit-prosecution [--write FILE]`: the fit's values and residuals; with `--write`, the
/// values go into the parameter file in place (its text otherwise untouched).
fn fit_prosecution_command(args: &[String]) -> Result<String, String> {
    let write = match args {
        [] => None,
        [flag, file] if flag == "--write" => Some(file.clone()),
        _ => return Err("fit-prosecution takes only --write FILE".into()),
    };
    let fit = fit_prosecution(&Baseline::embedded(), CalibrationData::embedded())
        .map_err(|e| e.to_string())?;
    let mut out = String::from("| parameter | fitted |\n|---|---|\n");
    for (name, value) in &fit.values {
        out.push_str(&format!("| `{name}` | {value} |\n"));
    }
    out.push_str("\n| target | model | published | standardised residual |\n|---|---|---|---|\n");
    for r in &fit.residuals {
        out.push_str(&format!(
            "| {} | {:.4} | {:.4} | {:+.2} |\n",
            r.target, r.model, r.published, r.standardised
        ));
    }
    out.push_str(&format!("\nobjective {:.4}\n", fit.objective));
    if let Some(file) = write {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
        let updated = write_values(&text, &fit.values)?;
        std::fs::write(&file, updated).map_err(|e| format!("{file}: {e}"))?;
        out.push_str(&format!("wrote the fitted values into {file}\n"));
    }
    Ok(out)
}

/// Replaces `"value": …` of each named parameter in a parameter file's text, and moves its
/// `low`/`high` with it: an intercept's range keeps its width (±0.5 or ±0.4 log-odds), a
/// weight's keeps its proportion (±30%), as the sources state.
fn write_values(text: &str, values: &[(&str, f64)]) -> Result<String, String> {
    let mut out = text.to_string();
    for &(name, value) in values {
        let key = format!("\"{name}\": {{");
        let at = out
            .find(&key)
            .ok_or_else(|| format!("no parameter {name} in the file"))?;
        let number = |out: &str, field: &str| -> Result<(usize, usize, f64), String> {
            let tag = format!("\"{field}\": ");
            let start = out[at..]
                .find(&tag)
                .map(|i| at + i + tag.len())
                .ok_or_else(|| format!("{name} has no {field}"))?;
            // The number ends at the first character that cannot be in one.
            let end = out[start..]
                .find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)))
                .map(|i| start + i)
                .ok_or_else(|| format!("{name}: {field} not closed"))?;
            let v = out[start..end]
                .parse::<f64>()
                .map_err(|e| format!("{name}: {field}: {e}"))?;
            Ok((start, end, v))
        };
        let (_, _, old) = number(&out, "value")?;
        let moved = |bound: f64| {
            let v = if name.ends_with("intercept") || old == 0.0 {
                bound + (value - old)
            } else {
                bound * value / old
            };
            (v * 1000.0).round() / 1000.0
        };
        let (low, high) = (number(&out, "low")?.2, number(&out, "high")?.2);
        // A weight that changed sign would swap its ends.
        let (low, high) = (moved(low).min(moved(high)), moved(low).max(moved(high)));
        // Each number is found afresh after the last replacement moved the text.
        for (field, v) in [("low", low), ("high", high), ("value", value)] {
            let (start, end, _) = number(&out, field)?;
            out.replace_range(start..end, &v.to_string());
        }
    }
    Ok(out)
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
            let limits = match charge.penalty_in(era) {
                None => "did not exist".to_string(),
                Some(l) => {
                    let max = l
                        .max_months
                        .map_or("life".into(), |m| format!("{m} months"));
                    format!("{} to {max}", l.min_months)
                }
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
        [] => ManualEdition::latest(),
        [code] => ManualEdition::from_code(code).ok_or_else(|| {
            format!(
                "EDITION must be one of {}, not {code:?}",
                ManualEdition::codes()
            )
        })?,
        _ => return Err("range takes at most three arguments".into()),
    };
    let range = guideline_range(level, category);
    let bands = Law::embedded().zones(edition).map_err(|e| e.to_string())?;
    Ok(format!(
        "level {level}, category {category}: {range}, zone {} ({})\n",
        zone(range, bands),
        edition.label(Lang::En)
    ))
}

#[cfg(test)]
mod tests {
    use super::write_values;

    /// A refit value carries its range with it: an intercept's keeps its width, a weight's
    /// its proportion; the rest of the text stays as it was.
    #[test]
    fn a_written_value_moves_its_range() {
        let text = r#"{ "acceptance_intercept": { "value": -4.0, "low": -4.5, "high": -3.5 },
  "firearms_weight": { "value": 0.2, "assumption": false, "low": 0.14, "high": 0.26 } }"#;
        let out = write_values(
            text,
            &[("acceptance_intercept", -3.0), ("firearms_weight", 0.1)],
        )
        .unwrap();
        assert_eq!(
            out,
            r#"{ "acceptance_intercept": { "value": -3, "low": -3.5, "high": -2.5 },
  "firearms_weight": { "value": 0.1, "assumption": false, "low": 0.07, "high": 0.13 } }"#
        );
        assert!(write_values(text, &[("missing", 1.0)]).is_err());
    }
}
