//! The model parameters the user can see and change, with plain names, mapped onto the
//! engine's parameter sets and sparse overrides.

use threshold_engine::i18n::Arg;
use threshold_engine::{Param, SentencingOverrides, SentencingParams};
use yew::AttrValue;

use crate::i18n::{t, Lang, Message, Text};
use crate::units;

/// A prosecution parameter's name, in lower case as a chart or table row shows it
/// ("sentence weight"); `None` for a name the catalog does not know.
pub fn prosecution_param_name(lang: Lang, name: &str) -> Option<AttrValue> {
    let key = format!("prosecution.param.{name}");
    crate::i18n::catalog().contains(&key).then(|| t(lang, &key))
}

/// A prosecution parameter as the assumptions table labels it: "sentence_weight" →
/// "Sentence weight" ("Peso de la pena").
pub fn prosecution_param_label(lang: Lang, name: &str) -> String {
    let spaced = prosecution_param_name(lang, name)
        .map_or_else(|| name.replace('_', " "), |n| n.to_string());
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A caseload-mix parameter's name as its table shows it ("organiser share").
pub fn mix_param_name(lang: Lang, name: &str) -> String {
    let key = format!("caseload.param.{name}");
    if crate::i18n::catalog().contains(&key) {
        t(lang, &key).to_string()
    } else {
        name.replace('_', " ")
    }
}

/// The prosecution parameters that are shares of something, shown and typed in percent
/// like the case's own evidence strength; the rest are weights, shown as they are.
pub const PROSECUTION_PERCENT: [&str; 1] = ["assumed_evidence_strength"];

/// Whether a caseload-mix parameter is a share, shown and typed in percent.
pub fn mix_in_percent(name: &str) -> bool {
    !matches!(name, "referrals" | "firearms_scale")
}

/// The model a parameter belongs to, as the engine's refusal says.
#[derive(Clone, Copy)]
enum Model {
    Sentencing,
    Prosecution,
    Mix,
}

/// A parameter's on-screen label in both languages.
fn label(model: Model, name: &str) -> Arg {
    let in_lang = |lang| match model {
        Model::Sentencing => SentencingParam::from_key(name)
            .map_or_else(|| name.replace('_', " "), |p| p.label(lang).to_string()),
        Model::Prosecution => prosecution_param_label(lang, name),
        Model::Mix => {
            let plain = mix_param_name(lang, name);
            let mut chars = plain.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    };
    Arg::Text(Text::new(in_lang(Lang::En), in_lang(Lang::Es)))
}

/// A stored value as the page shows it: in percent for a share, with the % sign.
fn amount(value: f64, percent: bool) -> Arg {
    let shown = |lang| {
        if percent {
            units::number(lang, value * 100.0) + "%"
        } else {
            units::number(lang, value)
        }
    };
    Arg::Text(Text::new(shown(Lang::En), shown(Lang::Es)))
}

/// The verbatim argument `name` of an engine message.
fn arg<'m>(message: &'m Message, name: &str) -> Option<&'m str> {
    message.args.iter().find_map(|(n, a)| match a {
        Arg::Verbatim(text) if n == name => Some(text.as_str()),
        _ => None,
    })
}

/// An engine refusal of a parameter value said as the page shows the parameter: by its
/// on-screen label and in its unit (percent for shares), not by its data-file name on a 0–1
/// scale. Messages nested inside others are said so too; any other message is kept.
pub fn plain_refusal(message: &Message) -> Message {
    let name = arg(message, "name").unwrap_or_default();
    let value = arg(message, "value").and_then(|v| v.parse::<f64>().ok());
    let range = |model: Model, name: &str, min: &str, max: &str, percent: bool| {
        let words = match value {
            Some(v) => Message::new("prosecution.refused.range").with("value", amount(v, percent)),
            None => Message::new("prosecution.refused.range_only"),
        };
        words
            .with("label", label(model, name))
            .verbatim("min", min)
            .verbatim("max", max)
    };
    let with_value = |key: &'static str, name: &str| match value {
        Some(v) => Message::new(key)
            .with("label", label(Model::Prosecution, name))
            .with("value", amount(v, false)),
        None => message.clone(),
    };
    let pair = |key: &'static str, first: &str, second: &str| {
        Message::new(key)
            .with("first", label(Model::Sentencing, first))
            .with("second", label(Model::Sentencing, second))
    };
    match message.key.as_ref() {
        "error.param.between_0_1" => range(Model::Sentencing, name, "0%", "100%", true),
        "error.param.between_0_10" => range(Model::Sentencing, name, "0%", "1000%", true),
        "error.param.negative" => with_value("prosecution.refused.negative", name),
        "error.param.reference_sentence" => with_value(
            "prosecution.refused.not_positive",
            "reference_sentence_months",
        ),
        "error.param.finite" => Message::new("prosecution.refused.not_a_number")
            .with("label", label(Model::Prosecution, name)),
        "error.param.assumed_evidence" => range(
            Model::Prosecution,
            "assumed_evidence_strength",
            "0%",
            "100%",
            true,
        ),
        "error.mix.share" => range(Model::Mix, name, "0%", "100%", mix_in_percent(name)),
        "error.mix.referrals" => {
            let max = message.args.iter().find_map(|(n, a)| match a {
                Arg::Int(max) if n == "max" => Some(units::number(Lang::En, *max as f64)),
                _ => None,
            });
            range(
                Model::Mix,
                "referrals",
                "1",
                &max.unwrap_or_default(),
                false,
            )
        }
        "error.mix.firearms_scale" => range(Model::Mix, "firearms_scale", "0", "100", false),
        "error.param.shares_exceed_1" => pair(
            "prosecution.refused.together",
            "within_range_share",
            "above_range_share",
        ),
        "error.param.below_order" => pair(
            "prosecution.refused.order",
            "below_reduction_min",
            "below_reduction_max",
        ),
        "error.param.above_order" => pair(
            "prosecution.refused.order",
            "above_increase_min",
            "above_increase_max",
        ),
        _ => Message {
            key: message.key.clone(),
            args: message
                .args
                .iter()
                .map(|(n, a)| match a {
                    Arg::Message(inner) => (n.clone(), Arg::from(plain_refusal(inner))),
                    other => (n.clone(), other.clone()),
                })
                .collect(),
        },
    }
}

/// A parameter of the expected-sentence model (`engine/data/sentencing_params.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SentencingParam {
    WithinRangeShare,
    AboveRangeShare,
    WithinAtMinimumShare,
    BelowReductionMin,
    BelowReductionMax,
    AboveIncreaseMin,
    AboveIncreaseMax,
    ProbationShareZoneA,
    ProbationShareZoneB,
}

impl SentencingParam {
    pub const ALL: [SentencingParam; 9] = [
        SentencingParam::WithinRangeShare,
        SentencingParam::AboveRangeShare,
        SentencingParam::WithinAtMinimumShare,
        SentencingParam::BelowReductionMin,
        SentencingParam::BelowReductionMax,
        SentencingParam::AboveIncreaseMin,
        SentencingParam::AboveIncreaseMax,
        SentencingParam::ProbationShareZoneA,
        SentencingParam::ProbationShareZoneB,
    ];

    /// The name in the data file and in exports.
    pub fn key(self) -> &'static str {
        match self {
            Self::WithinRangeShare => "within_range_share",
            Self::AboveRangeShare => "above_range_share",
            Self::WithinAtMinimumShare => "within_at_minimum_share",
            Self::BelowReductionMin => "below_reduction_min",
            Self::BelowReductionMax => "below_reduction_max",
            Self::AboveIncreaseMin => "above_increase_min",
            Self::AboveIncreaseMax => "above_increase_max",
            Self::ProbationShareZoneA => "probation_share_zone_a",
            Self::ProbationShareZoneB => "probation_share_zone_b",
        }
    }

    /// The plain-words label the assumptions panel shows.
    pub fn label(self, lang: Lang) -> AttrValue {
        t(
            lang,
            &format!("prosecution.sentencing.{}.label", self.key()),
        )
    }

    /// The short name a chart has room for (the data file's name, spaced, in English).
    pub fn short_name(self, lang: Lang) -> AttrValue {
        t(lang, &format!("prosecution.sentencing.{}.name", self.key()))
    }

    /// The parameter with this data-file name.
    pub fn from_key(key: &str) -> Option<SentencingParam> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn of(self, params: &SentencingParams) -> &Param {
        match self {
            Self::WithinRangeShare => &params.within_range_share,
            Self::AboveRangeShare => &params.above_range_share,
            Self::WithinAtMinimumShare => &params.within_at_minimum_share,
            Self::BelowReductionMin => &params.below_reduction_min,
            Self::BelowReductionMax => &params.below_reduction_max,
            Self::AboveIncreaseMin => &params.above_increase_min,
            Self::AboveIncreaseMax => &params.above_increase_max,
            Self::ProbationShareZoneA => &params.probation_share_zone_a,
            Self::ProbationShareZoneB => &params.probation_share_zone_b,
        }
    }

    fn slot(self, overrides: &mut SentencingOverrides) -> &mut Option<f64> {
        match self {
            Self::WithinRangeShare => &mut overrides.within_range_share,
            Self::AboveRangeShare => &mut overrides.above_range_share,
            Self::WithinAtMinimumShare => &mut overrides.within_at_minimum_share,
            Self::BelowReductionMin => &mut overrides.below_reduction_min,
            Self::BelowReductionMax => &mut overrides.below_reduction_max,
            Self::AboveIncreaseMin => &mut overrides.above_increase_min,
            Self::AboveIncreaseMax => &mut overrides.above_increase_max,
            Self::ProbationShareZoneA => &mut overrides.probation_share_zone_a,
            Self::ProbationShareZoneB => &mut overrides.probation_share_zone_b,
        }
    }

    /// The user's value, if they changed this parameter.
    pub fn overridden(self, overrides: &SentencingOverrides) -> Option<f64> {
        *self.slot(&mut overrides.clone())
    }

    pub fn set(self, overrides: &mut SentencingOverrides, value: Option<f64>) {
        *self.slot(overrides) = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use threshold_engine::ProsecutionParams;

    #[test]
    fn every_parameter_is_listed_once_and_overrides_reach_the_engine() {
        let base = SentencingParams::embedded();
        for param in SentencingParam::ALL {
            let mut overrides = SentencingOverrides::default();
            // Halfway to the default keeps every ordering constraint satisfied.
            let value = param.of(base).value * 0.999;
            param.set(&mut overrides, Some(value));
            assert_eq!(param.overridden(&overrides), Some(value));
            let edited = base.with_overrides(&overrides).expect("valid override");
            assert_eq!(param.of(&edited).value, value, "{}", param.key());
            assert_eq!(SentencingParam::from_key(param.key()), Some(param));
        }
    }

    /// Every refusal a parameter field can meet reads by the field's label, in the unit the
    /// field is typed in, with no data-file name.
    #[test]
    fn refusals_name_the_parameter_by_its_label_and_unit() {
        let sentencing = |overrides: SentencingOverrides| {
            SentencingParams::embedded()
                .with_overrides(&overrides)
                .unwrap_err()
                .message()
        };
        let prosecution = |name: &'static str, value: f64| {
            let mut overrides = threshold_engine::ProsecutionOverrides::default();
            overrides.set(name, Some(value));
            ProsecutionParams::embedded()
                .with_overrides(&overrides)
                .unwrap_err()
                .message()
        };
        let mix = |name: &str, value: f64| {
            threshold_engine::caseload::ReferralPopulation::embedded()
                .with_param(name, value)
                .unwrap_err()
                .message()
        };
        let within = |v| SentencingOverrides {
            within_range_share: Some(v),
            ..Default::default()
        };
        let above_increase = SentencingOverrides {
            above_increase_min: Some(20.0),
            ..Default::default()
        };
        let cut_order = SentencingOverrides {
            below_reduction_min: Some(0.9),
            below_reduction_max: Some(0.1),
            ..Default::default()
        };
        let both = SentencingOverrides {
            within_range_share: Some(0.8),
            above_range_share: Some(0.5),
            ..Default::default()
        };
        for (refusal, en, es) in [
            (
                sentencing(within(1.5)),
                "“Sentences within the guideline range” must be from 0% to 100%, not 150%",
                "“Penas dentro del rango de las Directrices” debe ir de 0% a 100%, no 150%",
            ),
            (
                sentencing(above_increase),
                "“Smallest rise above the range maximum” must be from 0% to 1000%, not 2,000%",
                "“Menor aumento sobre el máximo del rango” debe ir de 0% a 1000%, no 2,000%",
            ),
            (
                sentencing(cut_order),
                "“Smallest cut below the range minimum” must not be more than “Largest cut below the range minimum”",
                "“Menor reducción bajo el mínimo del rango” no debe ser mayor que “Mayor reducción bajo el mínimo del rango”",
            ),
            (
                sentencing(both),
                "“Sentences within the guideline range” and “Sentences above the range” together must not be more than 100%",
                "“Penas dentro del rango de las Directrices” y “Penas por encima del rango” juntos no deben sumar más del 100%",
            ),
            (
                prosecution("sentence_weight", -50.0),
                "“Sentence weight” must be 0 or more, not -50",
                "“Peso de la pena” debe ser 0 o más, no -50",
            ),
            (
                prosecution("assumed_evidence_strength", 1.5),
                "“Assumed evidence strength” must be from 0% to 100%, not 150%",
                "",
            ),
            (
                prosecution("reference_sentence_months", 0.0),
                "“Reference sentence months” must be more than 0, not 0",
                "",
            ),
            (
                mix("organiser_share", 1.5),
                "“Organiser share” must be from 0% to 100%, not 150%",
                "",
            ),
            (
                mix("referrals", 0.0),
                "“Referrals” must be from 1 to 100,000, not 0",
                "",
            ),
            (
                mix("firearms_scale", 500.0),
                "“Firearms scale” must be from 0 to 100, not 500",
                "",
            ),
        ] {
            let plain = plain_refusal(&refusal);
            let english = crate::i18n::render(Lang::En, &plain);
            let spanish = crate::i18n::render(Lang::Es, &plain);
            assert_eq!(english, en, "{}", refusal.key);
            if !es.is_empty() {
                assert_eq!(spanish, es, "{}", refusal.key);
            }
            for text in [&english, &spanish] {
                assert!(!text.contains('_') && !text.contains('⟦'), "{text}");
            }
        }
        // Inside a longer message (a link's or a file's reason) the refusal is said so too.
        let nested =
            Message::new("app.error.sentencing_params").with("why", sentencing(within(7.0)));
        assert!(crate::i18n::render(Lang::En, &plain_refusal(&nested)).contains("not 700%"));
    }

    /// The catalog keys are built from the data-file names, so the key scan cannot see them.
    #[test]
    fn every_parameter_is_named_in_both_languages() {
        let catalog = crate::i18n::catalog();
        for param in SentencingParam::ALL {
            for part in ["label", "name"] {
                let key = format!("prosecution.sentencing.{}.{part}", param.key());
                assert!(catalog.contains(&key), "{key}");
            }
            assert_eq!(
                param.short_name(Lang::En).as_str(),
                param.key().replace('_', " ")
            );
        }
        assert_eq!(
            SentencingParam::WithinRangeShare.label(Lang::Es).as_str(),
            "Penas dentro del rango de las Directrices"
        );
        for (name, _) in ProsecutionParams::embedded().fields() {
            let en = prosecution_param_name(Lang::En, name).expect(name);
            assert_eq!(en.as_str(), name.replace('_', " "));
            let es = prosecution_param_name(Lang::Es, name).expect(name);
            assert_ne!(es.as_str(), en.as_str(), "{name}");
        }
    }
}
