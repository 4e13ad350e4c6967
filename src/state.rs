//! The app's one state and the actions that change it (a Yew reducer): props go down from
//! here, callbacks come back up as actions.

use std::rc::Rc;

use threshold_engine::caseload::{Caseload, Projection, ProjectionSummary, ReferralPopulation};
use threshold_engine::i18n::InputError;
use threshold_engine::law::Conduct933;
use threshold_engine::scenario::{preset, Baseline, Scenario};
use threshold_engine::{
    Case, ChargeId, CriminalHistory, Date, LawEra, ManualChoice, ProsecutionOverrides, Recipient,
    Role, SentencingOverrides,
};
use yew::Reducible;

use crate::case_fields::{Fact, Quantity};
use crate::caseload_run::{self, CaseloadJob, ImportedJob};
use crate::i18n::{Lang, Message};
use crate::parameters::SentencingParam;
use crate::saved_scenarios::{SavedScenario, SavedShelf, StorageProblem};
use crate::share_link;

/// Everything the user has set: the case, the charges brought, and the assumptions they
/// changed.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub case: Case,
    /// The counts brought together; never empty, and its first is always `case.charge`.
    pub charges: Vec<ChargeId>,
    pub sentencing_overrides: SentencingOverrides,
    pub prosecution_overrides: ProsecutionOverrides,
    /// The proposal compared with the status quo (a preset, or the user's edited copy).
    pub scenario: Scenario,
    pub caseload: CaseloadSettings,
    /// Views saved in this browser; not part of the view itself, so links leave it out.
    pub saved: SavedShelf,
    /// The presentation's slide on screen, or `None` for the workspace.
    pub presenting: Option<usize>,
    /// Which deck the presentation shows: the user's own case, or the paper's story.
    pub deck: Deck,
    /// The language the page speaks; links carry it, opened files and saved views keep the
    /// reader's.
    pub lang: Lang,
    /// The user's own case and charges while an example case is on the form, so that
    /// trying an example never loses them.
    pub own_case: Option<Box<(Case, Vec<ChargeId>)>>,
}

impl AppState {
    /// The status quo a proposal is measured against: the law, with the user's assumptions.
    pub fn baseline(&self) -> Result<Baseline, Message> {
        caseload_run::baseline(&self.sentencing_overrides, &self.prosecution_overrides)
    }
}

/// The preset shown first: H.R. 2554 (2011), the bill written in answer to the paper's
/// finding, which moves the first case (a five-gun straw purchaser) on the page; amendment
/// 753, shown first before, changes nothing for it.
pub const DEFAULT_SCENARIO: &str = "hr_2554_2011";

/// The most draws the caseload panel runs: beyond it a projection would keep the page busy
/// for minutes.
pub const MAX_DRAWS: usize = 100_000;

/// The two decks a presentation can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Deck {
    /// The case and proposal on screen, with the workspace's own caseload run.
    #[default]
    YourCase,
    /// The seed paper's findings, from its typical referral.
    Story,
}

/// How the caseload projection is run.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseloadSettings {
    /// Monte Carlo seed: the same seed gives the same projection, here and in the CLI.
    pub seed: u64,
    pub draws: usize,
    /// The user's changes to the referral population, by parameter name.
    pub mix_overrides: Vec<(&'static str, f64)>,
    /// Cases imported from CSV, used instead of the referral population.
    pub imported: Option<ImportedCases>,
}

impl CaseloadSettings {
    /// The edited mix parameters as owned `(name, value)` pairs, in the order edited, as
    /// links and files write them.
    pub fn mix_edits(&self) -> impl Iterator<Item = (String, f64)> + '_ {
        self.mix_overrides
            .iter()
            .map(|(name, value)| (name.to_string(), *value))
    }

    /// The synthetic mix with the user's edits, or why they do not fit together.
    pub fn edited_mix(&self) -> Result<ReferralPopulation, InputError> {
        caseload_run::edited_mix(self.mix_overrides.iter().map(|(n, v)| (*n, *v)))
    }

    /// The referrals these settings project: the imported cases, or the referral population
    /// with the user's edits (returned too, for the tornado that varies it).
    pub fn caseload(&self) -> Result<(Caseload, Option<ReferralPopulation>), InputError> {
        caseload_run::caseload(
            self.mix_overrides.iter().map(|(n, v)| (*n, *v)),
            self.imported
                .as_ref()
                .map(|i| (i.name.as_str(), i.cases.as_slice())),
        )
    }

    /// The projection of `caseload` these settings run, not yet stepped. The slides step it
    /// all at once, the caseload worker in slices; both start from `caseload_run::projection`,
    /// so with the same seed and draws their figures are the same.
    pub fn projection(
        &self,
        caseload: &Caseload,
        baseline: &Baseline,
        scenario: &Scenario,
    ) -> Result<Projection, Message> {
        caseload_run::projection(caseload, baseline, scenario, self.seed, self.draws)
    }

    /// The run these settings make of `scenario` on the user's assumptions, as the caseload
    /// worker receives it.
    pub fn job(
        &self,
        run: u64,
        scenario: &Scenario,
        sentencing: &SentencingOverrides,
        prosecution: &ProsecutionOverrides,
    ) -> CaseloadJob {
        CaseloadJob {
            run,
            scenario: scenario.clone(),
            sentencing: sentencing.clone(),
            prosecution: prosecution.clone(),
            seed: self.seed,
            draws: self.draws,
            mix_edits: self.mix_edits().collect(),
            imported: self.imported.as_ref().map(|i| ImportedJob {
                name: i.name.clone(),
                cases: (*i.cases).clone(),
            }),
        }
    }

    /// The whole projection at once, as the slides need it when the caseload panel's run is
    /// not at hand.
    pub fn project(
        &self,
        baseline: &Baseline,
        scenario: &Scenario,
    ) -> Result<ProjectionSummary, Message> {
        let (caseload, _) = self.caseload().map_err(|e| e.message())?;
        let mut projection = self.projection(&caseload, baseline, scenario)?;
        projection.step(self.draws);
        Ok(projection.summary())
    }
}

impl Default for CaseloadSettings {
    fn default() -> Self {
        CaseloadSettings {
            // The engine's: the command line's default, so a fresh page's files equal its.
            seed: threshold_engine::caseload::DEFAULT_SEED,
            draws: 1000,
            mix_overrides: Vec::new(),
            imported: None,
        }
    }
}

/// A caseload read from a CSV file.
#[derive(Debug, Clone)]
pub struct ImportedCases {
    pub name: String,
    pub cases: Rc<Vec<Case>>,
}

impl PartialEq for ImportedCases {
    /// The same import, not an equal list: comparing thousands of cases on every render
    /// would cost more than recomputing.
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && Rc::ptr_eq(&self.cases, &other.cases)
    }
}

impl Default for AppState {
    /// The seed paper's typical referral: a straw purchaser of five guns under the law of
    /// April 2011, first offender, pleading guilty. Everything else is left for the engine to
    /// assume out loud.
    fn default() -> Self {
        let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        case.firearms = Some(5);
        case.criminal_history = Some(CriminalHistory::I);
        case.accepts_responsibility = Some(true);
        AppState {
            charges: vec![case.charge],
            case,
            sentencing_overrides: SentencingOverrides::default(),
            prosecution_overrides: ProsecutionOverrides::default(),
            scenario: preset(DEFAULT_SCENARIO)
                .cloned()
                .expect("the default preset is embedded (checked by tests)"),
            caseload: CaseloadSettings::default(),
            saved: SavedShelf::default(),
            presenting: None,
            deck: Deck::default(),
            lang: Lang::En,
            own_case: None,
        }
    }
}

/// A change the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetLawEra(LawEra),
    SetManual(Option<ManualChoice>),
    SetOffenseDate(Option<Date>),
    SetSentencingDate(Option<Date>),
    SetCharge(ChargeId),
    /// Several charges brought together (a row of the charge comparison).
    SetChargeSet(Vec<ChargeId>),
    /// Puts an example case on the form, keeping the user's own to come back to.
    TryCase(Box<Case>),
    /// Brings back the user's own case after [`Action::TryCase`].
    RestoreCase,
    SetCriminalHistory(Option<CriminalHistory>),
    SetRole(Option<Role>),
    SetRecipient(Option<Recipient>),
    SetConduct933(Option<Conduct933>),
    SetFact(Fact, Option<bool>),
    SetQuantity(Quantity, Option<f64>),
    SetSentencingParam(SentencingParam, Option<f64>),
    SetProsecutionParam(&'static str, Option<f64>),
    /// Both parameter sets back to their defaults.
    ResetParams,
    SetScenario(Box<Scenario>),
    SetSeed(u64),
    SetDraws(usize),
    /// A synthetic-mix parameter; `None` restores its default.
    SetMixParam(&'static str, Option<f64>),
    ImportCases(ImportedCases),
    ClearImportedCases,
    /// A whole view at once: a share link, a saved scenario or a workspace file opened in a
    /// page already running. The saved list and the language stay as they are (a link that
    /// names its language follows with `SetLang`).
    Replace(Box<AppState>),
    /// The saved list as read from storage when the page opens.
    LoadSaved(SavedShelf),
    /// The list as another tab of this browser just wrote it: taken as it is (joined to
    /// this tab's own when that could not be stored), not written back.
    SyncSaved(Vec<SavedScenario>),
    /// Saves the current view under a name (checked by the panel); a view already saved
    /// under that name is replaced in place.
    SaveView {
        name: String,
        saved_at: String,
    },
    RenameSaved(usize, String),
    DeleteSaved(usize),
    /// Puts the last deleted entry back where it was.
    UndoDelete,
    /// Shows slide `n` of the presentation, or leaves it (`None`).
    Present(Option<usize>),
    /// Switches the presentation to a deck, from its first slide.
    ChooseDeck(Deck),
    /// Storage trouble to report, or `None` once the user has read it.
    SetStorageProblem(Option<StorageProblem>),
    SetLang(Lang),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLawEra(era) => next.case.law_era = era,
            Action::SetManual(manual) => next.case.manual = manual,
            Action::SetOffenseDate(day) => next.case.offense_date = day,
            Action::SetSentencingDate(day) => next.case.sentencing_date = day,
            Action::SetCharge(charge) => {
                next.case.charge = charge;
                next.charges = vec![charge];
            }
            Action::SetChargeSet(charges) => {
                if let Some(first) = charges.first() {
                    next.case.charge = *first;
                    next.charges = charges;
                }
            }
            Action::TryCase(case) => {
                if next.own_case.is_none() {
                    next.own_case = Some(Box::new((next.case.clone(), next.charges.clone())));
                }
                next.charges = vec![case.charge];
                next.case = *case;
            }
            Action::RestoreCase => {
                if let Some(own) = next.own_case.take() {
                    (next.case, next.charges) = *own;
                }
            }
            Action::SetCriminalHistory(history) => next.case.criminal_history = history,
            Action::SetRole(role) => next.case.role = role,
            Action::SetRecipient(recipient) => next.case.trafficking_recipient = recipient,
            Action::SetConduct933(conduct) => next.case.trafficking_933_conduct = conduct,
            Action::SetFact(fact, value) => fact.set(&mut next.case, value),
            Action::SetQuantity(quantity, value) => quantity.set(&mut next.case, value),
            Action::SetSentencingParam(param, value) => {
                param.set(&mut next.sentencing_overrides, value)
            }
            Action::SetProsecutionParam(name, value) => {
                next.prosecution_overrides.set(name, value);
            }
            Action::ResetParams => {
                next.sentencing_overrides = SentencingOverrides::default();
                next.prosecution_overrides = ProsecutionOverrides::default();
            }
            Action::SetScenario(scenario) => next.scenario = *scenario,
            Action::SetSeed(seed) => next.caseload.seed = seed,
            Action::SetDraws(draws) => next.caseload.draws = draws,
            Action::SetMixParam(name, value) => {
                next.caseload.mix_overrides.retain(|(n, _)| *n != name);
                if let Some(value) = value {
                    next.caseload.mix_overrides.push((name, value));
                }
            }
            Action::ImportCases(imported) => next.caseload.imported = Some(imported),
            Action::ClearImportedCases => next.caseload.imported = None,
            Action::Replace(state) => {
                let (saved, lang) = (std::mem::take(&mut next.saved), next.lang);
                next = *state;
                next.saved = saved;
                next.lang = lang;
            }
            Action::LoadSaved(shelf) => next.saved = shelf,
            Action::SyncSaved(entries) => {
                let shelf = &mut next.saved;
                if matches!(shelf.problem, Some(StorageProblem::WriteFailed(_))) {
                    // This tab's list was never stored: taking the other tab's would drop it,
                    // so the other tab's new entries join it instead.
                    for entry in entries {
                        if !shelf.entries.iter().any(|e| e.name == entry.name) {
                            shelf.entries.push(entry);
                        }
                    }
                } else {
                    shelf.entries = entries;
                }
            }
            Action::SaveView { name, saved_at } => {
                let entry = SavedScenario {
                    link: share_link::encode(&next),
                    name,
                    saved: saved_at,
                };
                let shelf = &mut next.saved;
                match shelf.entries.iter_mut().find(|e| e.name == entry.name) {
                    Some(existing) => *existing = entry,
                    None => shelf.entries.push(entry),
                }
                shelf.deleted = None;
                shelf.revision += 1;
            }
            Action::RenameSaved(index, name) => {
                let shelf = &mut next.saved;
                let taken = shelf
                    .entries
                    .iter()
                    .enumerate()
                    .any(|(i, e)| i != index && e.name == name);
                if let (Some(entry), false) = (shelf.entries.get_mut(index), taken) {
                    entry.name = name;
                    shelf.revision += 1;
                }
            }
            Action::DeleteSaved(index) => {
                let shelf = &mut next.saved;
                if index < shelf.entries.len() {
                    shelf.deleted = Some((index, shelf.entries.remove(index)));
                    shelf.revision += 1;
                }
            }
            Action::UndoDelete => {
                let shelf = &mut next.saved;
                if let Some((index, entry)) = shelf.deleted.take() {
                    shelf.entries.insert(index.min(shelf.entries.len()), entry);
                    shelf.revision += 1;
                }
            }
            Action::SetStorageProblem(problem) => next.saved.problem = problem,
            Action::Present(slide) => next.presenting = slide,
            Action::ChooseDeck(deck) => {
                next.deck = deck;
                next.presenting = Some(0);
            }
            Action::SetLang(lang) => next.lang = lang,
        }
        // Returning the same Rc tells Yew nothing changed, so it skips the re-render.
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: AppState, action: Action) -> AppState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn choosing_a_deck_starts_it_from_its_first_slide_and_is_kept() {
        let presenting = reduce(AppState::default(), Action::Present(Some(2)));
        assert_eq!(presenting.deck, Deck::YourCase);
        let story = reduce(presenting, Action::ChooseDeck(Deck::Story));
        assert_eq!((story.deck, story.presenting), (Deck::Story, Some(0)));
        // Leaving and presenting again keeps the deck chosen last.
        let left = reduce(story, Action::Present(None));
        let again = reduce(left, Action::Present(Some(0)));
        assert_eq!((again.deck, again.presenting), (Deck::Story, Some(0)));
    }

    #[test]
    fn the_first_charge_of_the_set_is_the_case_charge() {
        let state = reduce(
            AppState::default(),
            Action::SetChargeSet(vec![ChargeId::StrawPurchase922a6, ChargeId::Smuggling554]),
        );
        assert_eq!(state.case.charge, ChargeId::StrawPurchase922a6);
        assert_eq!(state.charges.len(), 2);
        let state = reduce(state, Action::SetCharge(ChargeId::ArmsExport2778));
        assert_eq!(state.charges, vec![ChargeId::ArmsExport2778]);
        // An example case replaces the form; the user's own case comes back whole, even
        // after a second example.
        let own = (state.case.clone(), state.charges.clone());
        let example = threshold_engine::scenario::standard_probe();
        let state = reduce(state, Action::TryCase(Box::new(example.clone())));
        assert_eq!(state.case, example);
        assert_eq!(state.charges, vec![example.charge]);
        let state = reduce(
            state,
            Action::TryCase(Box::new(Case::new(LawEra::Today, ChargeId::Trafficking933))),
        );
        let state = reduce(state, Action::RestoreCase);
        assert_eq!((state.case.clone(), state.charges.clone()), own);
        assert_eq!(state.own_case, None);
        // An empty set would leave no charge: it is ignored.
        let state = reduce(state, Action::SetChargeSet(vec![]));
        assert_eq!(state.charges, vec![ChargeId::ArmsExport2778]);
    }

    #[test]
    fn a_no_op_keeps_the_same_state_so_yew_skips_the_render() {
        let state = Rc::new(AppState::default());
        let same = Rc::clone(&state).reduce(Action::SetLawEra(LawEra::April2011));
        assert!(Rc::ptr_eq(&state, &same));
    }

    fn save(state: AppState, name: &str) -> AppState {
        reduce(
            state,
            Action::SaveView {
                name: name.into(),
                saved_at: "2026-11-27T21:00:00.000Z".into(),
            },
        )
    }

    #[test]
    fn saved_views_are_listed_renamed_deleted_and_restored_in_place() {
        let state = save(AppState::default(), "first");
        let state = reduce(state, Action::SetSeed(7));
        let state = save(state, "second");
        let state = save(state, "third");
        let names = |s: &AppState| -> Vec<String> {
            s.saved.entries.iter().map(|e| e.name.clone()).collect()
        };
        assert_eq!(names(&state), ["first", "second", "third"]);
        assert_eq!(state.saved.revision, 3);
        // The saved link is the view at the time of saving.
        let second = share_link::decode(&state.saved.entries[1].link).unwrap();
        assert_eq!(second.caseload.seed, 7);
        // Saving under a taken name replaces that entry where it stands.
        let state = reduce(state, Action::SetSeed(8));
        let state = save(state, "first");
        assert_eq!(names(&state), ["first", "second", "third"]);
        assert_eq!(
            share_link::decode(&state.saved.entries[0].link)
                .unwrap()
                .caseload
                .seed,
            8
        );
        // A rename to a name in use is refused; any other goes through.
        let refused = reduce(state.clone(), Action::RenameSaved(0, "third".into()));
        assert_eq!(names(&refused), ["first", "second", "third"]);
        let state = reduce(state, Action::RenameSaved(0, "renamed".into()));
        assert_eq!(names(&state), ["renamed", "second", "third"]);
        let state = reduce(state, Action::DeleteSaved(1));
        assert_eq!(names(&state), ["renamed", "third"]);
        let state = reduce(state, Action::UndoDelete);
        assert_eq!(names(&state), ["renamed", "second", "third"]);
        // Nothing left to undo, and an index past the end deletes nothing.
        let before = state.saved.entries.clone();
        let state = reduce(reduce(state, Action::UndoDelete), Action::DeleteSaved(9));
        assert_eq!(state.saved.entries, before);
    }

    #[test]
    fn another_tab_never_drops_entries_this_tab_could_not_store() {
        let from_other_tab = save(AppState::default(), "other tab").saved.entries;
        let state = save(AppState::default(), "unstored");
        let synced = reduce(state.clone(), Action::SyncSaved(from_other_tab.clone()));
        assert_eq!(synced.saved.entries, from_other_tab);
        let failed = reduce(
            state,
            Action::SetStorageProblem(Some(StorageProblem::WriteFailed("full".into()))),
        );
        let synced = reduce(failed, Action::SyncSaved(from_other_tab));
        let names: Vec<&str> = synced
            .saved
            .entries
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names, ["unstored", "other tab"]);
    }

    #[test]
    fn opening_a_view_keeps_the_saved_list() {
        let state = save(AppState::default(), "kept");
        let mut other = AppState::default();
        other.caseload.seed = 99;
        let state = reduce(state, Action::SetLang(Lang::Es));
        let state = reduce(state, Action::Replace(Box::new(other)));
        assert_eq!(state.caseload.seed, 99);
        assert_eq!(state.saved.entries.len(), 1);
        assert_eq!(
            state.lang,
            Lang::Es,
            "opening a view keeps the reader's language"
        );
    }

    #[test]
    fn reset_clears_both_parameter_sets() {
        let state = reduce(
            AppState::default(),
            Action::SetProsecutionParam("sentence_weight", Some(0.1)),
        );
        let state = reduce(
            state,
            Action::SetSentencingParam(SentencingParam::WithinRangeShare, Some(0.2)),
        );
        assert_ne!(state, AppState::default());
        assert_eq!(reduce(state, Action::ResetParams), AppState::default());
    }
}
