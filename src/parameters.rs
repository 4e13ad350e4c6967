//! The model parameters the user can see and change, with plain names, mapped onto the
//! engine's parameter sets and sparse overrides.

use threshold_engine::{Param, SentencingOverrides, SentencingParams};

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

    pub fn label(self) -> &'static str {
        match self {
            Self::WithinRangeShare => "Sentences within the guideline range",
            Self::AboveRangeShare => "Sentences above the range",
            Self::WithinAtMinimumShare => "Within-range sentences at the minimum",
            Self::BelowReductionMin => "Smallest cut below the range minimum",
            Self::BelowReductionMax => "Largest cut below the range minimum",
            Self::AboveIncreaseMin => "Smallest rise above the range maximum",
            Self::AboveIncreaseMax => "Largest rise above the range maximum",
            Self::ProbationShareZoneA => "Probation only, in Zone A",
            Self::ProbationShareZoneB => "Probation only, in Zone B",
        }
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
        }
    }
}
