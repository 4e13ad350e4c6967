//! A single 100% bar split into labelled shares, with a legend and a table for screen
//! readers; used for acceptance and the reasons a referral is declined.

use yew::prelude::*;

use crate::charts::LinearScale;
use crate::i18n::{render, tf, use_lang, verbatim, Message};
use crate::units;

#[derive(Clone, PartialEq)]
pub struct Share {
    /// Rendered in the reader's language, so a caller without one (the presentation) can
    /// build the shares.
    pub label: Message,
    pub probability: f64,
    /// CSS class giving the segment its colour.
    pub class: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct StackedBarProps {
    pub title: AttrValue,
    pub shares: Vec<Share>,
    /// Shows the title above the bar, where no heading nearby says what the bar is (two bars
    /// side by side on a slide).
    #[prop_or_default]
    pub captioned: bool,
}

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 28.0;

#[component]
pub fn StackedBar(props: &StackedBarProps) -> Html {
    let lang = use_lang();
    let labelled = |share: &Share, key: &str| {
        tf(
            lang,
            key,
            &[
                ("label", verbatim(render(lang, &share.label))),
                ("percent", verbatim(units::percent(lang, share.probability))),
            ],
        )
    };
    let total: f64 = props.shares.iter().map(|s| s.probability.max(0.0)).sum();
    let x = LinearScale::new((0.0, total.max(f64::EPSILON)), (0.0, WIDTH));
    let mut start = 0.0;
    let segments = props.shares.iter().map(|share| {
        let from = start;
        start += share.probability.max(0.0);
        html! {
            <rect class={share.class} x={format!("{:.1}", x.at(from))} y="0"
                width={format!("{:.1}", (x.at(start) - x.at(from)).max(0.0))} height={HEIGHT.to_string()}>
                <title>{ labelled(share, "prosecution.share.title") }</title>
            </rect>
        }
    });
    let summary = props
        .shares
        .iter()
        .map(|s| labelled(s, "prosecution.share.legend"))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <figure class="chart stacked-bar">
            if props.captioned {
                <figcaption class="chart-caption">{ props.title.clone() }</figcaption>
            }
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                aria-label={format!("{}: {summary}", props.title)} preserveAspectRatio="none">
                { for segments }
            </svg>
            <ul class="legend">
                { for props.shares.iter().map(|s| html! {
                    <li><span class={classes!("swatch", s.class)}></span>
                        { labelled(s, "prosecution.share.legend") }</li>
                }) }
            </ul>
        </figure>
    }
}
