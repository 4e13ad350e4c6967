//! Which assumption drives the answer: each uncertain parameter's low and high end as a bar
//! around the central result, widest swing on top.

use threshold_engine::sensitivity::{Group, Metric, Sensitivity};
use yew::prelude::*;

use crate::charts::LinearScale;
use crate::i18n::{t, tf, use_lang, verbatim, Lang};
use crate::parameters::{
    mix_in_percent, prosecution_param_name, SentencingParam, PROSECUTION_PERCENT,
};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct TornadoChartProps {
    pub sensitivity: Sensitivity,
    /// Rows drawn; the table lists them all.
    #[prop_or(10)]
    pub rows: usize,
}

pub fn metric_label(lang: Lang, metric: Metric) -> AttrValue {
    match metric {
        Metric::DeltaPrisonYearsPer100 => t(lang, "caseload.metric.delta_prison_years_per_100"),
        Metric::DeltaAcceptedPer100 => t(lang, "caseload.metric.delta_accepted_per_100"),
        Metric::ScenarioPrisonYearsPer100 => {
            t(lang, "caseload.metric.scenario_prison_years_per_100")
        }
        Metric::ScenarioAcceptedPer100 => t(lang, "caseload.metric.scenario_accepted_per_100"),
    }
}

/// A parameter's short name, from the catalog of its model; the data-file name, spaced,
/// for one the catalogs do not know.
fn parameter_name(lang: Lang, group: Group, name: &str) -> String {
    let named = match group {
        Group::Prosecution => prosecution_param_name(lang, name),
        Group::Sentencing => SentencingParam::from_key(name).map(|p| p.short_name(lang)),
        Group::ReferralPopulation => {
            let key = format!("caseload.param.{name}");
            crate::i18n::catalog().contains(&key).then(|| t(lang, &key))
        }
    };
    named.map_or_else(|| name.replace('_', " "), |n| n.to_string())
}

/// A parameter setting as the assumptions tables show it: shares in percent, weights as
/// they are with two decimals.
fn setting(lang: Lang, group: Group, name: &str, value: f64) -> String {
    let percent = match group {
        Group::Sentencing => true,
        Group::Prosecution => PROSECUTION_PERCENT.contains(&name),
        Group::ReferralPopulation => mix_in_percent(name),
    };
    if percent {
        return units::number(lang, value * 100.0) + "%";
    }
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

const WIDTH: f64 = 600.0;
/// The label column's least and greatest width: it grows with the longest name, since the
/// Spanish names run up to half again as long as the English.
const LABEL: (f64, f64) = (190.0, 290.0);
/// Roughly the width of a character of the 11 px tick font, to size the label column.
const CHAR_WIDTH: f64 = 6.2;
const ROW: f64 = 22.0;

#[component]
pub fn TornadoChart(props: &TornadoChartProps) -> Html {
    let lang = use_lang();
    let s = &props.sensitivity;
    let metric = s.metric;
    let central = s.central.metric(metric);
    let shown = &s.rows[..s.rows.len().min(props.rows)];
    let values = shown
        .iter()
        .flat_map(|r| [r.at_low.metric(metric), r.at_high.metric(metric)])
        .chain([central]);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if hi - lo <= 1e-9 {
        // Bars of zero width on empty axes read as a broken chart: say it in words.
        return html! {
            <p class="nothing-moves" data-testid="tornado-empty">
                { tf(lang, "caseload.tornado.nothing", &[
                    ("metric", verbatim(metric_label(lang, metric).to_string())),
                    ("value", verbatim(units::number(lang, central))),
                ]) }
            </p>
        };
    }
    let pad = ((hi - lo) * 0.05).max(0.5);
    let names: Vec<String> = shown
        .iter()
        .map(|r| parameter_name(lang, r.group, &r.parameter))
        .collect();
    let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let label = (longest as f64 * CHAR_WIDTH + 10.0).clamp(LABEL.0, LABEL.1);
    let x = LinearScale::new((lo - pad, hi + pad), (label, WIDTH - 10.0));
    let height = ROW * shown.len() as f64 + 30.0;
    html! {
        <figure class="chart tornado">
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                aria-label={tf(lang, "caseload.tornado.description", &[("metric", verbatim(metric_label(lang, metric).to_string()))])}>
                { for shown.iter().zip(&names).enumerate().map(|(i, (row, name))| {
                    let (a, b) = (row.at_low.metric(metric), row.at_high.metric(metric));
                    let y = 6.0 + ROW * i as f64;
                    html! {
                        <g>
                            <text class="tick" x={format!("{:.1}", label - 6.0)} y={format!("{:.1}", y + 12.0)} text-anchor="end">
                                { name.clone() }
                            </text>
                            <rect class="tornado-low" x={format!("{:.1}", x.at(a.min(central)))} y={format!("{y:.1}")}
                                width={format!("{:.1}", (x.at(a.max(central)) - x.at(a.min(central))).max(0.5))} height={format!("{:.1}", ROW - 6.0)} />
                            <rect class="tornado-high" x={format!("{:.1}", x.at(b.min(central)))} y={format!("{y:.1}")}
                                width={format!("{:.1}", (x.at(b.max(central)) - x.at(b.min(central))).max(0.5))} height={format!("{:.1}", ROW - 6.0)} />
                        </g>
                    }
                }) }
                <line class="median" x1={format!("{:.1}", x.at(central))} x2={format!("{:.1}", x.at(central))}
                    y1="0" y2={format!("{:.1}", height - 24.0)} />
                <text class="axis-label" x={format!("{:.1}", x.at(central))} y={format!("{:.1}", height - 8.0)} text-anchor="middle">
                    { tf(lang, "caseload.tornado.central", &[("value", verbatim(units::number(lang, central)))]) }
                </text>
            </svg>
            <figcaption>
                <span class="swatch tornado-low"></span>{ t(lang, "caseload.tornado.low_end") }
                <span class="swatch tornado-high"></span>{ t(lang, "caseload.tornado.high_end") }{ metric_label(lang, metric) }
            </figcaption>
            <details class="chart-table">
                <summary>{ t(lang, "caseload.tornado.as_table") }</summary>
                <table data-testid="tornado-table">
                    <thead><tr>
                        <th scope="col">{ t(lang, "caseload.tornado.parameter") }</th><th scope="col">{ t(lang, "caseload.tornado.low") }</th>
                        <th scope="col">{ t(lang, "caseload.tornado.high") }</th><th scope="col">{ t(lang, "caseload.tornado.swing") }</th><th scope="col">{ t(lang, "caseload.tornado.source") }</th>
                    </tr></thead>
                    <tbody>
                        { for s.rows.iter().map(|r| html! {
                            <tr>
                                <th scope="row">{ parameter_name(lang, r.group, &r.parameter) }</th>
                                <td>{ format!("{} → {}", setting(lang, r.group, &r.parameter, r.low), units::number(lang, r.at_low.metric(metric))) }</td>
                                <td>{ format!("{} → {}", setting(lang, r.group, &r.parameter, r.high), units::number(lang, r.at_high.metric(metric))) }</td>
                                <td>{ units::number(lang, r.swing) }</td>
                                <td class="param-source">
                                    if r.assumption || r.range_assumed {
                                        <span class="assumption-tag">{ t(lang, "caseload.assumption") }</span>{ " " }
                                    }
                                    { r.source.get(lang).to_string() }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use threshold_engine::caseload::ReferralPopulation;
    use threshold_engine::ProsecutionParams;

    /// The names come from the data files at run time: every one must be in the catalogs,
    /// and English must read as the data-file name, spaced.
    #[test]
    fn every_tornado_parameter_is_named_in_both_languages() {
        let prosecution = ProsecutionParams::embedded().fields().into_iter();
        let mix = ReferralPopulation::embedded().params().into_iter();
        let names = prosecution
            .map(|(n, _)| (Group::Prosecution, n))
            .chain(SentencingParam::ALL.map(|p| (Group::Sentencing, p.key())))
            .chain(mix.map(|(n, _)| (Group::ReferralPopulation, n)));
        for (group, name) in names {
            let spaced = name.replace('_', " ");
            assert_eq!(parameter_name(Lang::En, group, name), spaced);
            assert_ne!(parameter_name(Lang::Es, group, name), spaced, "{name}");
        }
    }

    #[test]
    fn every_metric_reads_in_both_languages() {
        for metric in [
            Metric::DeltaPrisonYearsPer100,
            Metric::DeltaAcceptedPer100,
            Metric::ScenarioPrisonYearsPer100,
            Metric::ScenarioAcceptedPer100,
        ] {
            for lang in Lang::ALL {
                assert!(!metric_label(lang, metric).contains('⟦'));
            }
        }
    }
}
