//! "How the law changed for this case": each Manual edition and statute change from Nov.
//! 2010 to today, with the case's level and range before and after, in the reader's
//! language; the years that changed nothing for the case are named on one line.

use threshold_engine::law::Checked;
use threshold_engine::timeline::{EventKind, LawEvent, Snapshot, Timeline};
use yew::prelude::*;

use crate::components::fold::Fold;
use crate::i18n::{t, tf, use_lang, verbatim, Arg, Lang};

#[derive(Properties, PartialEq)]
pub struct LawTimelineProps {
    pub timeline: Timeline,
}

/// "level 23 → 46–57 months", or that the charge did not yet exist.
fn state(lang: Lang, s: &Option<Snapshot>) -> String {
    match s {
        None => t(lang, "timeline.did_not_exist").to_string(),
        Some(s) => {
            let range = threshold_engine::GuidelineRange::from(s.guideline_range_months);
            tf(
                lang,
                "timeline.state",
                &[
                    ("level", Arg::Int(i64::from(s.offense_level))),
                    ("range", Arg::from(range.message())),
                ],
            )
        }
    }
}

/// The law an event brings: the edition, or the statute.
fn law(lang: Lang, e: &LawEvent) -> String {
    match &e.kind {
        EventKind::Start { edition } | EventKind::Edition { edition, .. } => {
            edition.label(lang).to_string()
        }
        EventKind::Statute { section } => section.clone(),
    }
}

#[component]
pub fn LawTimeline(props: &LawTimelineProps) -> Html {
    let lang = use_lang();
    let events = &props.timeline.events;
    let quiet: Vec<String> = events
        .iter()
        .filter(|e| {
            !matches!(e.kind, EventKind::Start { .. }) && !e.moved() && e.changes.is_empty()
        })
        .map(|e| e.date.written(lang))
        .collect();
    let shown = events.iter().filter(|e| {
        matches!(e.kind, EventKind::Start { .. }) || e.moved() || !e.changes.is_empty()
    });
    html! {
        <section class="panel law-timeline" aria-labelledby="timeline-title" data-testid="law-timeline">
            <Fold summary={html! { <h2 id="timeline-title">{ t(lang, "timeline.title") }</h2> }}>
                <p class="note">{ t(lang, "timeline.intro") }</p>
                <table>
                    <caption class="visually-hidden">{ t(lang, "timeline.title") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t(lang, "timeline.col.date") }</th>
                            <th scope="col">{ t(lang, "timeline.col.law") }</th>
                            <th scope="col">{ t(lang, "timeline.col.before") }</th>
                            <th scope="col">{ t(lang, "timeline.col.after") }</th>
                            <th scope="col">{ t(lang, "timeline.col.what") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for shown.map(|e| {
                            let start = matches!(e.kind, EventKind::Start { .. });
                            let unverified = e.checked == Checked::NotVerified;
                            html! {
                                <tr class={classes!(e.moved().then_some("changed"), unverified.then_some("unverified"))}>
                                    <th scope="row">{ e.date.written(lang) }</th>
                                    <td>{ law(lang, e) }</td>
                                    <td>{ if start { "—".to_string() } else { state(lang, &e.before) } }</td>
                                    <td>{ state(lang, &e.after) }</td>
                                    <td>
                                        if start {
                                            { t(lang, "timeline.start") }
                                        } else if e.changes.is_empty() {
                                            { t(lang, "timeline.no_change") }
                                        } else {
                                            <ul>
                                                { for e.changes.iter().map(|c| html! {
                                                    <li>
                                                        { c.what.get(lang).to_string() }
                                                        if !c.citation.is_empty() {
                                                            <span class="citation">{ format!(" ({})", c.citation) }</span>
                                                        }
                                                    </li>
                                                }) }
                                            </ul>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                if !quiet.is_empty() {
                    <p class="note" data-testid="timeline-quiet">
                        { tf(lang, "timeline.quiet", &[("editions", verbatim(quiet.join(", ")))]) }
                    </p>
                }
            </Fold>
        </section>
    }
}
