//! How the law changed for one case: each Manual edition and each change to the charge's
//! statute from Nov. 2010 to today, and what it did to this case's level, range and maximum,
//! with its citation — the answer to "would this case have come out differently then?".

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::edition::{law_as_of, ManualChoice, ManualEdition};
use crate::evaluate::{evaluate_rules, EvaluationError, MonthRange};
use crate::i18n::{Lang, Message, Text};
use crate::imposed::SentencingParams;
use crate::law::{Checked, Date, Law};
use crate::sentencing_table::Zone;

/// The case under the law of one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub manual: ManualEdition,
    pub offense_level: i32,
    pub guideline_range_months: MonthRange,
    pub zone: Zone,
    /// Per count; `None` is life.
    pub statutory_max_months: Option<u32>,
}

/// What kind of change happened on an event's day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// Where the timeline starts: the first modelled Manual.
    Start { edition: ManualEdition },
    /// A Manual edition took effect, with these amendments.
    Edition {
        edition: ManualEdition,
        amendments: Vec<String>,
    },
    /// The charge's statute changed.
    Statute { section: String },
}

/// One thing an event changed that bears on this case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventChange {
    pub what: Text,
    pub citation: String,
}

/// One day the law changed, and the case before and after it (`None`: the charge did not
/// exist).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LawEvent {
    pub date: Date,
    #[serde(flatten)]
    pub kind: EventKind,
    pub before: Option<Snapshot>,
    pub after: Option<Snapshot>,
    pub changes: Vec<EventChange>,
    /// How far the event's changes to the modelled rules were checked.
    pub checked: Checked,
}

impl LawEvent {
    /// True when the case's level, range or maximum differ across the event.
    pub fn moved(&self) -> bool {
        !matches!(self.kind, EventKind::Start { .. }) && differ(&self.before, &self.after)
    }
}

/// Whether two states of the case differ in what a reader would see (not the Manual's name).
fn differ(a: &Option<Snapshot>, b: &Option<Snapshot>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            (
                a.offense_level,
                a.guideline_range_months,
                a.statutory_max_months,
            ) != (
                b.offense_level,
                b.guideline_range_months,
                b.statutory_max_months,
            )
        }
        (None, None) => false,
        _ => true,
    }
}

/// Every event from the first modelled Manual to the day the law is entered as of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub charge: crate::law::ChargeId,
    pub events: Vec<LawEvent>,
}

/// The case as the law of `day` would sentence it (that day's statutes and Manual), and the
/// rule ids its worksheet applied; `None` when the charge did not exist that day.
fn snapshot_on(
    case: &Case,
    day: Date,
    law: &Law,
) -> Result<(Option<Snapshot>, Vec<String>), EvaluationError> {
    let mut c = case.clone();
    c.offense_date = Some(day);
    c.sentencing_date = Some(day);
    c.manual = Some(ManualChoice::Edition(ManualEdition::in_force_on(day)));
    match evaluate_rules(&c, law, SentencingParams::embedded()) {
        Ok((e, rules)) => Ok((
            Some(Snapshot {
                manual: e.manual,
                offense_level: e.offense_level,
                guideline_range_months: e.guideline_range_months,
                zone: e.zone,
                statutory_max_months: e.statutory_max_months,
            }),
            rules,
        )),
        Err(EvaluationError::ChargeUnavailable { .. }) => Ok((None, Vec::new())),
        Err(e) => Err(e),
    }
}

/// The rule an amendment's change is about.
fn target(change: &serde_json::Value) -> Option<&str> {
    ["set", "renumber", "cite", "remove"]
        .iter()
        .find_map(|op| change.get(*op).and_then(|v| v.as_str()))
        .or_else(|| change.get("add")?.get("id")?.as_str())
}

/// How the law changed for the case, event by event.
pub fn timeline(case: &Case, law: &Law) -> Result<Timeline, EvaluationError> {
    case.validate().map_err(EvaluationError::InvalidCase)?;
    let charge = law.charge(case.charge)?;
    let first = ManualEdition::first().effective();
    let mut days: Vec<Date> = ManualEdition::all().map(|e| e.effective()).collect();
    days.extend(
        charge
            .penalties
            .iter()
            .filter_map(|p| p.from)
            .filter(|d| *d > first && *d <= law_as_of()),
    );
    days.sort();
    days.dedup();
    let mut events = Vec::with_capacity(days.len());
    let mut before = None;
    let mut fired_before: Vec<String> = Vec::new();
    for (i, &day) in days.iter().enumerate() {
        let (after, fired_after) = snapshot_on(case, day, law)?;
        let edition = ManualEdition::all().find(|e| e.effective() == day);
        let (kind, mut changes, checked) = match edition {
            Some(e) if i == 0 => (EventKind::Start { edition: e }, Vec::new(), e.checked()),
            Some(e) => {
                let since = e.previous().map(|p| p.effective());
                let amendments: Vec<_> = Law::amendments()
                    .iter()
                    .filter(|a| since.is_none_or(|s| a.effective > s) && a.effective <= day)
                    .collect();
                let mut changes = Vec::new();
                for a in &amendments {
                    let citation = format!(
                        "USSG App. C, {} ({})",
                        a.designation(),
                        a.effective.short_en()
                    );
                    for change in &a.changes {
                        let Some(what) = change
                            .get("what")
                            .and_then(|w| serde_json::from_value::<Text>(w.clone()).ok())
                        else {
                            continue;
                        };
                        let Some(id) = target(change) else { continue };
                        let touches = |ids: &[String]| ids.iter().any(|f| f.starts_with(id));
                        if touches(&fired_before) || touches(&fired_after) {
                            changes.push(EventChange {
                                what,
                                citation: citation.clone(),
                            });
                        }
                    }
                }
                if e.checked() == Checked::NotVerified {
                    for note in e.notes() {
                        changes.push(EventChange {
                            what: note.clone(),
                            citation: e.label(Lang::En).to_string(),
                        });
                    }
                }
                let names = amendments.iter().map(|a| a.designation()).collect();
                (
                    EventKind::Edition {
                        edition: e,
                        amendments: names,
                    },
                    changes,
                    e.checked(),
                )
            }
            None => {
                let new = charge.penalty_on(day);
                let old = day.previous_day().and_then(|d| charge.penalty_on(d));
                let what = match (old, new) {
                    (None, Some(p)) => Message::new("timeline.enacted")
                        .verbatim("statute", &charge.statute)
                        .with("max", crate::evaluate::months_text(p.max_months)),
                    (Some(o), Some(p)) => Message::new("timeline.maximum")
                        .with("before", crate::evaluate::months_text(o.max_months))
                        .with("after", crate::evaluate::months_text(p.max_months)),
                    _ => Message::new("timeline.statute"),
                };
                let (section, citation, checked) = new.map_or_else(
                    || {
                        (
                            charge.statute.clone(),
                            charge.statute.clone(),
                            Checked::NotVerified,
                        )
                    },
                    |p| (p.cite.section.clone(), p.citation(), p.verified.status),
                );
                let what = Text::new(what.render(Lang::En), what.render(Lang::Es));
                (
                    EventKind::Statute { section },
                    vec![EventChange { what, citation }],
                    checked,
                )
            }
        };
        if i > 0 && changes.is_empty() && differ(&before, &after) {
            // Nothing the data names, yet the outcome moved: say so rather than stay silent.
            let what = Message::new("timeline.unexplained");
            changes.push(EventChange {
                what: Text::new(what.render(Lang::En), what.render(Lang::Es)),
                citation: String::new(),
            });
        }
        events.push(LawEvent {
            date: day,
            kind,
            before: if i == 0 { None } else { before.clone() },
            after: after.clone(),
            changes,
            checked,
        });
        before = after;
        fired_before = fired_after;
    }
    Ok(Timeline {
        label: case.label.clone(),
        charge: case.charge,
        events,
    })
}

/// The timeline as a Markdown table (`threshold law timeline`).
pub fn timeline_markdown(t: &Timeline) -> String {
    use std::fmt::Write as _;
    let show = |s: &Option<Snapshot>| match s {
        None => "did not exist".to_string(),
        Some(s) => {
            let r = &s.guideline_range_months;
            let range = match r.max {
                Some(max) if max == r.min => format!("{max} mo"),
                Some(max) => format!("{}–{max} mo", r.min),
                None => format!("{} mo–life", r.min),
            };
            format!("level {} → {range}", s.offense_level)
        }
    };
    let mut out = String::from(
        "| in force | law | before | after | what changed for this case |\n|---|---|---|---|---|\n",
    );
    for e in &t.events {
        let law = match &e.kind {
            EventKind::Start { edition } => format!("{} (start)", edition.label(Lang::En)),
            EventKind::Edition { edition, .. } => edition.label(Lang::En).to_string(),
            EventKind::Statute { section } => section.clone(),
        };
        let before = match &e.kind {
            EventKind::Start { .. } => "—".to_string(),
            _ => show(&e.before),
        };
        let what: Vec<String> = e
            .changes
            .iter()
            .map(|c| match c.citation.is_empty() {
                true => c.what.en.clone(),
                false => format!("{} ({})", c.what.en, c.citation),
            })
            .collect();
        let what = match (&e.kind, what.is_empty(), e.moved()) {
            (EventKind::Start { .. }, _, _) => "where the timeline starts".to_string(),
            (_, true, false) => "no change".to_string(),
            _ => what.join("; "),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            e.date.short_en(),
            law,
            before,
            show(&e.after),
            what
        );
    }
    out
}

/// The editions as a Markdown table (`threshold editions`): each with its day, its
/// amendments, how far its changes were checked, and what is known of it.
pub fn editions_markdown() -> String {
    use std::fmt::Write as _;
    let mut out =
        String::from("| edition | in force from | amendments modelled | checked | notes |\n|---|---|---|---|---|\n");
    for e in ManualEdition::all() {
        let since = e.previous().map(|p| p.effective());
        let amendments: Vec<String> = Law::amendments()
            .iter()
            .filter(|a| since.is_none_or(|s| a.effective > s) && a.effective <= e.effective())
            .map(|a| format!("{} ({})", a.designation(), a.title.en))
            .collect();
        let notes: Vec<&str> = e.notes().iter().map(|n| n.en.as_str()).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            e.code(),
            e.effective().short_en(),
            if amendments.is_empty() {
                "none".to_string()
            } else {
                amendments.join("; ")
            },
            e.checked(),
            notes.join(" ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::{ChargeId, LawEra, Recipient};

    fn event(t: &Timeline, code: &str) -> LawEvent {
        t.events
            .iter()
            .find(|e| e.date == ManualEdition::from_code(code).unwrap().effective())
            .cloned()
            .unwrap()
    }

    /// A Mexico-bound straw ring: amendment 753 moves it (and says why), the quiet years do
    /// not, and every edition and the start are there.
    #[test]
    fn a_straw_ring_through_the_editions() {
        let mut case = Case::new(LawEra::Today, ChargeId::StrawPurchase922a6);
        case.firearms = Some(10);
        case.trafficking_recipient = Some(Recipient::Dangerous);
        case.knew_buyer_prohibited = Some(true);
        case.mexico_nexus = Some(true);
        case.knew_leaving_us = Some(true);
        let t = timeline(&case, Law::embedded()).unwrap();
        assert_eq!(t.events.len(), ManualEdition::all().len());
        assert!(matches!(t.events[0].kind, EventKind::Start { .. }));
        let e2011 = event(&t, "2011");
        assert!(e2011.moved());
        assert_eq!(e2011.before.as_ref().unwrap().offense_level, 17); // 12 + 4 + 4 − 3
        assert_eq!(e2011.after.as_ref().unwrap().offense_level, 23); // 14 + 4 + 4 + 4 − 3
        assert!(e2011
            .changes
            .iter()
            .all(|c| c.citation.contains("amendment 753")));
        assert!(e2011.changes.len() >= 2, "{:?}", e2011.changes);
        let e2012 = event(&t, "2012");
        assert!(!e2012.moved() && e2012.changes.is_empty());
        let e2026 = event(&t, "2026");
        assert_eq!(e2026.checked, Checked::NotVerified);
        assert!(e2026
            .changes
            .iter()
            .any(|c| c.what.en.starts_with("Not verified")));
        let table = timeline_markdown(&t);
        assert!(
            table.contains("| Nov. 1, 2011 |") && table.contains("no change"),
            "{table}"
        );
    }

    /// A statute's change is an event of its own: 922(d) rises to 15 years on June 25, 2022,
    /// and 933 did not exist before that day.
    #[test]
    fn statutes_change_on_their_own_days() {
        let bsca = Date::new(2022, 6, 25).unwrap();
        let mut case = Case::new(LawEra::Today, ChargeId::TransferToProhibited922d);
        case.firearms = Some(1);
        let t = timeline(&case, Law::embedded()).unwrap();
        let e = t.events.iter().find(|e| e.date == bsca).unwrap();
        assert!(matches!(&e.kind, EventKind::Statute { section } if section.contains("924(a)(8)")));
        assert_eq!(e.before.as_ref().unwrap().statutory_max_months, Some(120));
        assert_eq!(e.after.as_ref().unwrap().statutory_max_months, Some(180));
        assert!(
            e.changes[0].what.en.contains("120 months → 180 months"),
            "{:?}",
            e.changes
        );
        let case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        let t = timeline(&case, Law::embedded()).unwrap();
        assert!(t.events[0].after.is_none());
        let e = t.events.iter().find(|e| e.date == bsca).unwrap();
        assert!(e.before.is_none() && e.after.is_some() && e.moved());
    }

    /// The README's editions table is what `threshold editions` prints, not a stale copy.
    #[test]
    fn readme_editions_table_matches_the_command() {
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(editions_markdown().trim_end()),
            "engine/README.md: run scripts/update-readme-figures"
        );
    }
}
