//! Saved scenarios: named views kept in the browser's storage, as the list the reducer
//! changes and the JSON text stored; reading storage never drops what it cannot read.
//!
//! Each entry keeps its view as a share link (`v1.…`), so a saved view opens exactly as a
//! link does, and an entry written by an older version migrates the way old links do.

use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use threshold_engine::{ChargeId, Law};

use crate::components::charge_comparison::statutes;
use crate::i18n::{verbatim, Message};
use crate::share_link;
use crate::state::AppState;

/// The storage key of the list.
pub const STORAGE_KEY: &str = "threshold.saved";

/// Unreadable storage is copied under this prefix, with the time appended, before anything
/// else is written.
pub const BACKUP_KEY_PREFIX: &str = "threshold.saved.backup.";

/// The version of the stored list.
pub const VERSION: u32 = 1;

/// Names longer than this are refused: they are labels, not notes.
pub const MAX_NAME_CHARS: usize = 80;

/// One saved view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedScenario {
    pub name: String,
    /// When it was saved (ISO 8601, from the browser's clock).
    pub saved: String,
    /// The view, as the fragment of a share link.
    pub link: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredList {
    threshold: String,
    version: u32,
    entries: Vec<SavedScenario>,
}

/// What went wrong with the browser's storage, kept until the user dismisses it. It holds
/// messages, not sentences, so it reads in whichever language the page is in.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageProblem {
    /// The stored list could not be read; `backup_key` is where it was copied (`None` when
    /// even that failed, and saving is paused so the original is not overwritten).
    Unreadable {
        reason: Message,
        raw: String,
        backup_key: Option<String>,
    },
    /// Writing failed (storage full, or switched off): the list lives only in this page.
    /// Holds the name of the browser's error, e.g. `QuotaExceededError`.
    WriteFailed(String),
    /// Storage could not be opened at all (private browsing, or blocked).
    Unavailable(Message),
}

impl StorageProblem {
    /// The problem's first sentence, as the page shows it.
    pub fn message(&self) -> Message {
        match self {
            StorageProblem::Unreadable { reason, .. } => {
                Message::new("keep.storage.unreadable").with("reason", reason.clone())
            }
            StorageProblem::WriteFailed(name) if name == "QuotaExceededError" => {
                Message::new("keep.storage.full")
            }
            StorageProblem::WriteFailed(name) => {
                Message::new("keep.storage.refused").with("name", verbatim(name.clone()))
            }
            StorageProblem::Unavailable(message) => message.clone(),
        }
    }
}

/// The saved views and what the panel needs to undo and to report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedShelf {
    pub entries: Vec<SavedScenario>,
    /// The last entry deleted and where it was, for "Undo".
    pub deleted: Option<(usize, SavedScenario)>,
    pub problem: Option<StorageProblem>,
    /// Bumped on every change the user makes, so storage is written only after one (never
    /// on load, which would overwrite what could not be read).
    pub revision: u64,
}

impl SavedShelf {
    /// Whether a change may be written: not while unreadable storage has no backup.
    pub fn may_write(&self) -> bool {
        !matches!(
            self.problem,
            Some(StorageProblem::Unreadable {
                backup_key: None,
                ..
            })
        )
    }
}

/// The stored text of `entries`.
pub fn to_storage_text(entries: &[SavedScenario]) -> String {
    let list = StoredList {
        threshold: "saved".into(),
        version: VERSION,
        entries: entries.to_vec(),
    };
    serde_json::to_string(&list).unwrap_or_default()
}

/// Reads the stored text; `Err` says why it cannot be used (a clause, not a sentence).
pub fn from_storage_text(text: &str) -> Result<Vec<SavedScenario>, Message> {
    // serde's line and column point into text nobody sees: say what happened instead.
    let list: StoredList = serde_json::from_str(text).map_err(|why| {
        Message::new(match why.classify() {
            Category::Eof => "keep.storage.cut_short",
            Category::Syntax | Category::Io => "keep.storage.damaged",
            Category::Data => "keep.storage.unusable",
        })
    })?;
    if list.threshold != "saved" {
        return Err(Message::new("keep.storage.other_kind")
            .verbatim("kind", format!("{:?}", list.threshold)));
    }
    if list.version != VERSION {
        return Err(Message::new("keep.storage.unknown_version")
            .verbatim("version", list.version.to_string()));
    }
    Ok(list.entries)
}

/// A name as it will be saved (trimmed), or why it cannot be.
pub fn check_name(name: &str) -> Result<String, Message> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Message::new("keep.name.empty"));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Message::new("keep.name.too_long")
            .verbatim("chars", chars.to_string())
            .verbatim("max", MAX_NAME_CHARS.to_string()));
    }
    if name.chars().any(char::is_control) {
        return Err(Message::new("keep.name.control"));
    }
    Ok(name.to_string())
}

/// The name "Keep both" saves under: `name` numbered with the first free " (n)", counting
/// on from a number it already ends in, and shortened so it still passes [`check_name`].
pub fn next_free_name(name: &str, entries: &[SavedScenario]) -> String {
    let (stem, first) = numbered(name).unwrap_or((name, 2));
    // Counted in a wider type than it was read in, so the largest number still has a next.
    (u64::from(first)..)
        .map(|n| {
            let suffix = format!(" ({n})");
            let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
            let stem: String = stem.chars().take(room).collect();
            format!("{}{suffix}", stem.trim_end())
        })
        .find(|candidate| !entries.iter().any(|e| &e.name == candidate))
        .unwrap_or_default()
}

/// "Ring (3)" as ("Ring", 3), so a copy of a copy is "Ring (4)", not "Ring (3) (2)".
fn numbered(name: &str) -> Option<(&str, u32)> {
    let (stem, number) = name.strip_suffix(')')?.rsplit_once(" (")?;
    let number: u32 = number.parse().ok()?;
    (!stem.trim().is_empty()).then_some((stem, number))
}

/// What a saved view holds, in one line a reader can tell entries apart by: the charge, the
/// number of firearms and the proposal.
pub fn summary(view: &AppState) -> Message {
    Message::new("keep.saved.summary")
        .with("charge", charge_words(&view.charges))
        .with("firearms", firearm_count(view.case.firearms))
        .with("proposal", view.scenario.name_message())
}

/// The summary of an entry, read from its link; a link that no longer opens says why
/// instead, so the entry still shows.
pub fn entry_summary(entry: &SavedScenario) -> Message {
    match share_link::decode(&entry.link) {
        Ok(view) => summary(&view),
        Err(error) => Message::new("keep.saved.summary_unreadable").with("reason", error.reason),
    }
}

/// One charge as the case builder lists it (statute and plain name); several by their
/// statutes alone, as the charge comparison does, to keep the line short.
fn charge_words(charges: &[ChargeId]) -> Message {
    match charges {
        [only] => match Law::embedded().charge(*only) {
            Ok(charge) => Message::new("keep.saved.summary_charge")
                .verbatim("statute", charge.statute.clone())
                .with("name", &charge.name),
            Err(_) => Message::verbatim_text(only.code()),
        },
        _ => Message::verbatim_text(statutes(charges)),
    }
}

fn firearm_count(firearms: Option<u32>) -> Message {
    match firearms {
        Some(1) => Message::new("keep.saved.summary_firearm_one"),
        Some(n) => Message::new("keep.saved.summary_firearms").with("n", n),
        None => Message::new("keep.saved.summary_firearms_unknown"),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::i18n::{render, Lang};
    use crate::test_support::{config, mutate, mutation, run_counted};

    fn entries() -> Vec<SavedScenario> {
        vec![
            SavedScenario {
                name: "Straw purchase, 5 guns".into(),
                saved: "2026-11-27T21:00:00.000Z".into(),
                link: "v1.e30".into(),
            },
            SavedScenario {
                name: "<img src=x onerror=alert(1)> «Ring» \"quoted\"".into(),
                saved: "2026-11-27T21:05:00.000Z".into(),
                link: "v1.eyJyIjo3fQ".into(),
            },
        ]
    }

    #[test]
    fn the_list_comes_back_from_its_text() {
        let text = to_storage_text(&entries());
        assert_eq!(from_storage_text(&text), Ok(entries()));
        assert_eq!(from_storage_text(&to_storage_text(&[])), Ok(vec![]));
    }

    #[test]
    fn damaged_or_foreign_text_is_refused_in_words() {
        let text = to_storage_text(&entries());
        for (bad, expected) in [
            (&text[..text.len() - 3], "cut short"),
            ("[]", "cannot use"),
            ("", "cut short"),
            ("{x", "damaged"),
            (
                "{\"threshold\":\"workspace\",\"version\":1,\"entries\":[]}",
                "another kind",
            ),
            (
                "{\"threshold\":\"saved\",\"version\":9,\"entries\":[]}",
                "v9",
            ),
            (
                "{\"threshold\":\"saved\",\"version\":1,\"entries\":[{\"name\":1}]}",
                "cannot use",
            ),
        ] {
            let reason = render(Lang::En, &from_storage_text(bad).unwrap_err());
            assert!(reason.contains(expected), "{bad:?}: {reason}");
        }
    }

    #[test]
    fn storage_problems_read_in_both_languages() {
        let text = to_storage_text(&entries());
        let reason = from_storage_text(&text[..text.len() - 3]).unwrap_err();
        let problem = StorageProblem::Unreadable {
            reason,
            raw: String::new(),
            backup_key: None,
        };
        assert_eq!(
            render(Lang::En, &problem.message()),
            "Your saved scenarios could not be read: the stored list was cut short."
        );
        assert_eq!(
            render(Lang::Es, &problem.message()),
            "No se pudieron leer sus escenarios guardados: la lista almacenada está incompleta."
        );
        let version = from_storage_text("{\"threshold\":\"saved\",\"version\":9,\"entries\":[]}")
            .unwrap_err();
        assert!(render(Lang::Es, &version).contains("(v9)"));
        let full = StorageProblem::WriteFailed("QuotaExceededError".into()).message();
        assert!(render(Lang::En, &full).starts_with("The browser's storage for this page is full"));
        assert!(render(Lang::Es, &full).contains("está lleno"));
        let refused = StorageProblem::WriteFailed("SecurityError".into()).message();
        assert!(render(Lang::Es, &refused).contains("(SecurityError)"));
        // Keys chosen at run time, which the catalog scan cannot see.
        for key in [
            "keep.storage.cut_short",
            "keep.storage.damaged",
            "keep.storage.unusable",
        ] {
            assert!(crate::i18n::catalog().contains(key), "{key}");
        }
    }

    #[test]
    fn name_errors_read_in_both_languages() {
        let long = check_name(&"x".repeat(MAX_NAME_CHARS + 1)).unwrap_err();
        assert_eq!(
            render(Lang::En, &long),
            "The name is 81 characters long; keep it to 80."
        );
        assert_eq!(
            render(Lang::Es, &long),
            "El nombre tiene 81 caracteres; use como máximo 80."
        );
        assert_eq!(
            render(Lang::Es, &check_name(" ").unwrap_err()),
            "Escriba un nombre para el escenario."
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(check_name("  Ring of four "), Ok("Ring of four".into()));
        assert!(check_name("   ").is_err());
        assert!(check_name(&"x".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(check_name(&"é".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(check_name("two\nlines").is_err());
        // Markup is just text: the page shows it as typed, never as markup.
        assert!(check_name("<b>bold</b>").is_ok());
    }

    #[test]
    fn unreadable_storage_without_a_backup_stops_writes() {
        let mut shelf = SavedShelf::default();
        assert!(shelf.may_write());
        shelf.problem = Some(StorageProblem::Unreadable {
            reason: Message::new("keep.storage.damaged"),
            raw: "{".into(),
            backup_key: Some(format!("{BACKUP_KEY_PREFIX}1")),
        });
        assert!(shelf.may_write());
        shelf.problem = Some(StorageProblem::Unreadable {
            reason: Message::new("keep.storage.damaged"),
            raw: "{".into(),
            backup_key: None,
        });
        assert!(!shelf.may_write());
    }

    fn saved(name: &str) -> SavedScenario {
        SavedScenario {
            name: name.into(),
            saved: "2026-11-27T21:00:00.000Z".into(),
            link: "v1.e30".into(),
        }
    }

    #[test]
    fn a_copy_takes_the_next_free_number() {
        let shelf = |names: &[&str]| names.iter().map(|n| saved(n)).collect::<Vec<_>>();
        assert_eq!(next_free_name("A", &shelf(&["A"])), "A (2)");
        assert_eq!(next_free_name("A", &shelf(&["A", "A (2)"])), "A (3)");
        // A copy of a copy counts on rather than nesting.
        assert_eq!(next_free_name("A (2)", &shelf(&["A", "A (2)"])), "A (3)");
        assert_eq!(next_free_name("A (9)", &shelf(&["A (9)"])), "A (10)");
        assert_eq!(next_free_name("A (1)", &shelf(&["A (1)"])), "A (2)");
        assert_eq!(
            next_free_name("A (4294967295)", &shelf(&["A (4294967295)"])),
            "A (4294967296)"
        );
        // Parentheses that are not a copy's number are part of the name.
        assert_eq!(
            next_free_name("Ring (Phoenix)", &shelf(&["Ring (Phoenix)"])),
            "Ring (Phoenix) (2)"
        );
        assert_eq!(next_free_name("(2)", &shelf(&["(2)"])), "(2) (2)");
        // A name at the limit is shortened to make room, and the copy still saves.
        let long = "é".repeat(MAX_NAME_CHARS);
        let copy = next_free_name(&long, &shelf(&[&long]));
        assert_eq!(copy.chars().count(), MAX_NAME_CHARS);
        assert!(copy.ends_with("é (2)"), "{copy}");
        assert_eq!(check_name(&copy), Ok(copy.clone()));
        // Shortening never leaves a space before the number.
        let spaced = format!("{} b", "a".repeat(MAX_NAME_CHARS - 5));
        assert_eq!(
            next_free_name(&spaced, &shelf(&[&spaced])),
            format!("{} (2)", "a".repeat(MAX_NAME_CHARS - 5))
        );
    }

    proptest! {
        #![proptest_config(config())]
        #[test]
        fn a_copy_is_always_free_and_a_valid_name(
            name in "[a-zé ()0-9]{0,90}",
            copies in 0usize..4,
        ) {
            if let Ok(name) = check_name(&name) {
                let mut entries = vec![saved(&name)];
                for _ in 0..copies {
                    let next = next_free_name(&name, &entries);
                    entries.push(saved(&next));
                }
                let copy = next_free_name(&name, &entries);
                prop_assert!(!entries.iter().any(|e| e.name == copy), "{copy:?} is taken");
                prop_assert_eq!(check_name(&copy), Ok(copy.clone()));
            }
        }
    }

    #[test]
    fn the_summary_names_charge_firearms_and_proposal_in_both_languages() {
        let view = AppState::default();
        assert_eq!(
            render(Lang::En, &summary(&view)),
            "18 U.S.C. 922(a)(6), 924(a)(2) — False statement when buying a firearm (\"straw purchase\") \
             · 5 firearms · proposal: H.R. 2554 (2011): a federal firearms-trafficking offence"
        );
        assert_eq!(
            render(Lang::Es, &summary(&view)),
            "18 U.S.C. 922(a)(6), 924(a)(2) — Declaración falsa al comprar un arma de fuego \
             (compra por interpósita persona, \"straw purchase\") · 5 armas de fuego \
             · propuesta: H.R. 2554 (2011): un delito federal de tráfico de armas de fuego"
        );
    }

    #[test]
    fn the_summary_counts_firearms_in_words_that_agree() {
        let mut view = AppState::default();
        for (firearms, en, es) in [
            (Some(1), " · 1 firearm · ", " · 1 arma de fuego · "),
            (Some(2), " · 2 firearms · ", " · 2 armas de fuego · "),
            (Some(0), " · 0 firearms · ", " · 0 armas de fuego · "),
            (
                Some(1200),
                " · 1,200 firearms · ",
                " · 1,200 armas de fuego · ",
            ),
            (
                None,
                " · number of firearms not given · ",
                " · número de armas de fuego sin indicar · ",
            ),
        ] {
            view.case.firearms = firearms;
            assert!(
                render(Lang::En, &summary(&view)).contains(en),
                "{firearms:?}"
            );
            assert!(
                render(Lang::Es, &summary(&view)).contains(es),
                "{firearms:?}"
            );
        }
    }

    #[test]
    fn the_summary_follows_the_charges_and_an_edited_proposal() {
        let mut view = AppState::default();
        view.case.charge = ChargeId::Smuggling554;
        view.charges = vec![ChargeId::Smuggling554, ChargeId::ArmsExport2778];
        view.scenario.name = "My <b>own</b> proposal".into();
        let en = render(Lang::En, &summary(&view));
        assert!(
            en.starts_with("18 U.S.C. 554 + 22 U.S.C. 2778(b)(2), (c) · 5 firearms · "),
            "{en}"
        );
        assert!(en.ends_with("proposal: My <b>own</b> proposal"), "{en}");
        view.charges = vec![ChargeId::Smuggling554];
        assert!(render(Lang::Es, &summary(&view))
            .starts_with("18 U.S.C. 554 — Contrabando de mercancías (armas de fuego) desde los Estados Unidos · "));
    }

    #[test]
    fn an_entry_is_summarised_from_its_own_link() {
        let mut view = AppState::default();
        view.case.firearms = Some(12);
        let mut entry = saved("A");
        entry.link = share_link::encode(&view);
        // The entry's view, not the one on screen.
        assert!(render(Lang::En, &entry_summary(&entry)).contains(" · 12 firearms · "));
        assert!(render(Lang::En, &entry_summary(&saved("B"))).contains(" · 5 firearms · "));
        entry.link = "v1.garbage!".into();
        let unreadable = render(Lang::En, &entry_summary(&entry));
        assert!(
            unreadable.starts_with("What this entry holds cannot be shown ("),
            "{unreadable}"
        );
        assert!(render(Lang::Es, &entry_summary(&entry)).starts_with("No se puede mostrar"));
    }

    #[test]
    fn mutated_storage_never_panics_the_reader() {
        let text = to_storage_text(&entries());
        run_counted("saved-scenario storage, mutated", || {
            proptest!(config(), |(mutations in prop::collection::vec(mutation(b"{}[]\",:01aesv"), 1..6))| {
                let damaged = mutate(&text, &mutations);
                if let Ok(back) = from_storage_text(&damaged) {
                    prop_assert_eq!(from_storage_text(&to_storage_text(&back)), Ok(back));
                }
            });
        });
    }
}
