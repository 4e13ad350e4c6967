//! The worksheet: the ordered steps and stated assumptions that show how each number arose.

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

/// One step of the computation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The rule applied, e.g. "§2K2.1(b)(1)(A)".
    pub rule: String,
    /// Where the rule comes from (statute, Manual edition and section, report).
    pub citation: String,
    /// Offense level before the step, when the step changes or sets a level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_before: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_after: Option<i32>,
    /// One line in plain English.
    pub reason: String,
}

/// A fact a rule needed but the case did not give, and the value used instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assumption {
    /// The case field, as named in case files.
    pub field: String,
    pub value: String,
    pub reason: String,
}

/// Everything the computation did, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worksheet {
    pub steps: Vec<Step>,
    pub assumptions: Vec<Assumption>,
}

impl Worksheet {
    /// The worksheet as plain text, one line per step.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (i, step) in self.steps.iter().enumerate() {
            let levels = match (step.level_before, step.level_after) {
                (Some(b), Some(a)) => format!(" [{b} → {a}]"),
                (None, Some(a)) => format!(" [{a}]"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "{:>2}. {}{}: {} ({})",
                i + 1,
                step.rule,
                levels,
                step.reason,
                step.citation
            );
        }
        for a in &self.assumptions {
            let _ = writeln!(out, "assumed {} = {}: {}", a.field, a.value, a.reason);
        }
        out
    }
}

/// Where the computation reports its steps. The worksheet records them; [`Silent`] drops
/// them, so bulk runs (Monte Carlo over caseloads) pay nothing for text they never show.
pub(crate) trait Recorder {
    fn step(
        &mut self,
        rule: &str,
        citation: &str,
        levels: (Option<i32>, Option<i32>),
        reason: fmt::Arguments<'_>,
    );
    fn assume(&mut self, field: &str, value: fmt::Arguments<'_>, reason: &str);
}

impl Recorder for Worksheet {
    fn step(
        &mut self,
        rule: &str,
        citation: &str,
        (level_before, level_after): (Option<i32>, Option<i32>),
        reason: fmt::Arguments<'_>,
    ) {
        self.steps.push(Step {
            rule: rule.to_string(),
            citation: citation.to_string(),
            level_before,
            level_after,
            reason: reason.to_string(),
        });
    }

    fn assume(&mut self, field: &str, value: fmt::Arguments<'_>, reason: &str) {
        self.assumptions.push(Assumption {
            field: field.to_string(),
            value: value.to_string(),
            reason: reason.to_string(),
        });
    }
}

/// A recorder that keeps nothing.
pub(crate) struct Silent;

impl Recorder for Silent {
    fn step(&mut self, _: &str, _: &str, _: (Option<i32>, Option<i32>), _: fmt::Arguments<'_>) {}
    fn assume(&mut self, _: &str, _: fmt::Arguments<'_>, _: &str) {}
}

/// The value of an optional fact, recording an assumption when it is missing.
pub(crate) fn fact<T: Copy + Serialize, R: Recorder>(
    given: Option<T>,
    field: &str,
    assumed: T,
    reason: &str,
    rec: &mut R,
) -> T {
    given.unwrap_or_else(|| {
        rec.assume(field, format_args!("{}", ValueText(&assumed)), reason);
        assumed
    })
}

/// A case value as case files spell it (`true`, `3`, `none`), written only when recorded.
struct ValueText<'a, T>(&'a T);

impl<T: Serialize> fmt::Display for ValueText<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_value(self.0) {
            Ok(serde_json::Value::String(s)) => f.write_str(&s),
            Ok(other) => write!(f, "{other}"),
            Err(_) => f.write_str("?"),
        }
    }
}
