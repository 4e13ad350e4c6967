//! The policy what-if commands of `threshold`: `scenario list|show`, `project` and
//! `sensitivity`, kept apart from the single-case commands.

use threshold_engine::batch::cases_from_csv;
use threshold_engine::caseload::{
    summary_markdown, Caseload, ChargePolicy, Projection, ReferralPopulation, Uncertainty,
    DEFAULT_SEED, MAX_DRAWS,
};
use threshold_engine::export::{projection_csv, side_by_side_csv};
use threshold_engine::prosecution::calibration::CalibrationData;
use threshold_engine::scenario::{
    presets, presets_markdown, scenario_from_name_or_json, side_by_side, side_by_side_markdown,
    Baseline, Scenario,
};
use threshold_engine::sensitivity::{sensitivity, sensitivity_markdown, Metric};
use threshold_engine::{Case, Law, Stamp};

use super::{case_stamp, to_stamped_json};

/// `threshold scenario list|show ID`.
pub fn scenario_command(args: &[String]) -> Result<String, String> {
    match args {
        [list] if list == "list" => Ok(presets_markdown()),
        [show, id] if show == "show" => {
            let s = presets()
                .iter()
                .find(|s| &s.id == id)
                .ok_or_else(|| no_preset(id))?;
            serde_json::to_string_pretty(s)
                .map(|t| t + "\n")
                .map_err(|e| e.to_string())
        }
        [compare, scenario, case, rest @ ..] if compare == "compare" => {
            let f = flags(rest, &["format"])?;
            scenario_compare(scenario, case, output_format(get(&f, "format"))?)
        }
        _ => Err("usage: threshold scenario list | scenario show ID | \
                  scenario compare ID|FILE CASE.json [--format json|table|csv]"
            .into()),
    }
}

/// `threshold scenario compare ID|FILE CASE.json`: the side-by-side the UI shows.
fn scenario_compare(scenario: &str, case_path: &str, format: Format) -> Result<String, String> {
    let scenario = read_scenario(scenario)?;
    let text = if case_path == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(case_path).map_err(|e| format!("cannot read {case_path:?}: {e}"))?
    };
    let case = Case::from_json(&text).map_err(|e| e.to_string())?;
    let sbs = side_by_side(&case, &Baseline::embedded(), &scenario).map_err(|e| e.to_string())?;
    let stamp = case_stamp(&case);
    match format {
        Format::Json => to_stamped_json(&sbs, &stamp),
        Format::Table => Ok(side_by_side_markdown(&sbs)),
        Format::Csv => Ok(side_by_side_csv(&sbs, &stamp)),
    }
}

fn no_preset(id: &str) -> String {
    let ids: Vec<&str> = presets().iter().map(|s| s.id.as_str()).collect();
    format!("no preset {id:?}; presets: {}", ids.join(", "))
}

/// `--name value` pairs; every flag must be known and given once.
fn flags<'a>(args: &'a [String], known: &[&str]) -> Result<Vec<(&'a str, &'a str)>, String> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let name = flag
            .strip_prefix("--")
            .filter(|n| known.contains(n))
            .ok_or_else(|| {
                format!(
                    "unknown argument {flag:?}; expected one of --{}",
                    known.join(", --")
                )
            })?;
        let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
        if out.iter().any(|(n, _)| *n == name) {
            return Err(format!("--{name} given twice"));
        }
        out.push((name, value));
    }
    Ok(out)
}

fn get<'a>(flags: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    flags.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

fn read_scenario(name_or_file: &str) -> Result<Scenario, String> {
    if presets().iter().any(|s| s.id == name_or_file) {
        return scenario_from_name_or_json(name_or_file).map_err(|e| e.to_string());
    }
    if std::path::Path::new(name_or_file).is_file() {
        let text = std::fs::read_to_string(name_or_file)
            .map_err(|e| format!("cannot read {name_or_file:?}: {e}"))?;
        return Scenario::from_json(&text).map_err(|e| format!("{name_or_file}: {e}"));
    }
    Err(format!(
        "--scenario: {} (nor a file)",
        no_preset(name_or_file)
    ))
}

fn read_caseload(
    cases: Option<&str>,
    referrals: Option<&str>,
) -> Result<(Caseload, Option<ReferralPopulation>), String> {
    match cases {
        None | Some("default") => {
            let mut mix = ReferralPopulation::embedded().clone();
            if let Some(n) = referrals {
                let n: f64 = parse_number("referrals", n, "a number of referrals")?;
                mix = mix
                    .with_param("referrals", n)
                    .map_err(|e| format!("--referrals: {e}"))?;
            }
            Ok((Caseload::from_population(&mix), Some(mix)))
        }
        Some(_) if referrals.is_some() => {
            Err("--referrals sizes the default caseload only, not a CSV file".into())
        }
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path:?}: {e}"))?;
            let cases = cases_from_csv(&text).map_err(|e| format!("{path}: {e}"))?;
            Caseload::from_cases(cases, path)
                .map(|c| (c, None))
                .map_err(|e| format!("{path}: {e}"))
        }
    }
}

fn parse_number<T: std::str::FromStr>(flag: &str, text: &str, what: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("--{flag}: {text:?} is not {what}"))
}

/// How `scenario compare` and `project` print; `sensitivity` has no CSV.
#[derive(Clone, Copy)]
enum Format {
    Json,
    Table,
    Csv,
}

fn output_format(format: Option<&str>) -> Result<Format, String> {
    match format {
        None | Some("table") => Ok(Format::Table),
        Some("json") => Ok(Format::Json),
        Some("csv") => Ok(Format::Csv),
        Some(other) => Err(format!("--format: {other:?}; expected json, table or csv")),
    }
}

fn json_or_table(format: Option<&str>) -> Result<bool, String> {
    match format {
        None | Some("table") => Ok(false),
        Some("json") => Ok(true),
        Some(other) => Err(format!("--format: {other:?}; expected json or table")),
    }
}

/// `threshold project`.
pub fn project(args: &[String]) -> Result<String, String> {
    let f = flags(
        args,
        &[
            "scenario",
            "cases",
            "referrals",
            "draws",
            "seed",
            "policy",
            "uncertainty",
            "district",
            "format",
        ],
    )?;
    let scenario = read_scenario(get(&f, "scenario").ok_or("project needs --scenario ID|FILE")?)?;
    let uncertainty = match get(&f, "uncertainty") {
        None => Uncertainty::Full,
        Some(code) => Uncertainty::from_code(code)
            .ok_or_else(|| format!("--uncertainty: {code:?}; expected full or chance"))?,
    };
    let (caseload, _) = read_caseload(get(&f, "cases"), get(&f, "referrals"))?;
    let draws: usize = match get(&f, "draws") {
        None => 1000,
        Some(t) => parse_number("draws", t, "a whole number of draws")?,
    };
    if draws == 0 || draws > MAX_DRAWS {
        return Err(format!("--draws: must be from 1 to {MAX_DRAWS}"));
    }
    let seed: u64 = match get(&f, "seed") {
        None => DEFAULT_SEED,
        Some(t) => parse_number("seed", t, "a whole number from 0 to 2^64 − 1")?,
    };
    let policy = match get(&f, "policy") {
        None | Some("best") => ChargePolicy::Best,
        Some("own") => ChargePolicy::Own,
        Some(other) => return Err(format!("--policy: {other:?}; expected best or own")),
    };
    let format = output_format(get(&f, "format"))?;
    let mut base = Baseline::embedded();
    if let Some(id) = get(&f, "district") {
        let data = CalibrationData::embedded();
        let district = data.district(id).ok_or_else(|| {
            let ids: Vec<&str> = data.districts.iter().map(|d| d.id.as_str()).collect();
            format!(
                "--district: no district {id:?}; districts: {}",
                ids.join(", ")
            )
        })?;
        base.prosecution.district_shift.value = district.intercept_shift(data.national());
    }
    let mut p = Projection::new(&caseload, &base, &scenario, seed, draws, policy)
        .map_err(|e| e.to_string())?
        .with_uncertainty(uncertainty);
    p.step(draws);
    let summary = p.summary();
    let stamp = Stamp::for_caseload(&caseload, Law::embedded(), summary.seed);
    match format {
        Format::Json => to_stamped_json(&summary, &stamp),
        Format::Table => Ok(summary_markdown(&summary)),
        Format::Csv => Ok(projection_csv(&summary, &stamp)),
    }
}

/// `threshold sensitivity`.
pub fn sensitivity_command(args: &[String]) -> Result<String, String> {
    let f = flags(
        args,
        &["scenario", "cases", "referrals", "metric", "format"],
    )?;
    let scenario =
        read_scenario(get(&f, "scenario").ok_or("sensitivity needs --scenario ID|FILE")?)?;
    let (caseload, mix) = read_caseload(get(&f, "cases"), get(&f, "referrals"))?;
    let metric = match get(&f, "metric") {
        None => Metric::DeltaPrisonYearsPer100,
        Some(m) => serde_json::from_value(serde_json::Value::String(m.to_string()))
            .map_err(|_| format!("--metric: {m:?} is not a metric; see `threshold --help`"))?,
    };
    let json = json_or_table(get(&f, "format"))?;
    let t = sensitivity(
        &caseload,
        mix.as_ref(),
        &Baseline::embedded(),
        &scenario,
        metric,
        ChargePolicy::Best,
    )
    .map_err(|e| e.to_string())?;
    if json {
        serde_json::to_string_pretty(&t)
            .map(|t| t + "\n")
            .map_err(|e| e.to_string())
    } else {
        Ok(sensitivity_markdown(&t))
    }
}
