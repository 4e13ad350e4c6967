//! The model parameters the user can see and change, with plain names, mapped onto the
//! engine's parameter sets and sparse overrides.

use threshold_engine::{Param, SentencingOverrides, SentencingParams};
use yew::AttrValue;

use crate::i18n::{t, Lang};

/// A prosecution parameter's name, in lower case as a chart or table row shows it
/// ("sentence weight"); `None` for a name the catalog does not know.
pub fn prosecution_param_name(lang: Lang, name: &str) -> Option<AttrValue> {
    let key = format!("prosecution.param.{name}");
    crate::i18n::catalog().contains(&key).then(|| t(lang, &key))
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
