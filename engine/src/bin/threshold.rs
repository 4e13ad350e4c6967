//! `threshold`: the engine on the command line, for analysts and batch runs.

use std::process::ExitCode;

const USAGE: &str = "\
threshold — sentencing and penalty what-if calculator for federal firearms-trafficking cases

USAGE:
    threshold <COMMAND> [ARGS]

COMMANDS:
    range LEVEL CATEGORY [EDITION]   guideline range and zone for an offense level (1–43) and
                                     criminal history category (I–VI); EDITION 2010, 2011 or
                                     2023 (default 2023)

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
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => Ok(USAGE.to_string()),
        Some("-V" | "--version") => Ok(format!("threshold {}\n", threshold_engine::VERSION)),
        Some("range") => range(&args[1..]),
        Some(other) => Err(format!("unknown command {other:?}; see `threshold --help`")),
    }
}

fn range(args: &[String]) -> Result<String, String> {
    use threshold_engine::{guideline_range, zone, CriminalHistory, ManualEdition};
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
