//! Saved scenarios and files: keep the view under a name in this browser (open, rename,
//! delete with undo), download it or the proposal as JSON, and open such a file again.

use std::rc::Rc;

use gloo::file::callbacks::{read_as_text, FileReader};
use threshold_engine::{Law, Stamp};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser_storage::now_iso;
use crate::components::download_button::DownloadButton;
use crate::download::file_name_part;
use crate::i18n::{render, t, tf, use_lang, verbatim, Lang, Message};
use crate::saved_scenarios::{
    check_name, entry_summary, next_free_name, SavedScenario, StorageProblem, MAX_NAME_CHARS,
};
use crate::share_link;
use crate::state::{Action, AppState};
use crate::workspace_file::{self, FileError, Opened, MAX_FILE_BYTES};

#[derive(Properties, PartialEq)]
pub struct SavedPanelProps {
    pub state: Rc<AppState>,
    pub on_action: Callback<Action>,
}

/// The last thing the panel did, as messages, so a change of language rewords it; errors
/// are announced as alerts.
#[derive(Clone, PartialEq)]
enum Notice {
    Done(Message),
    /// A view was opened over the one on screen, which "Undo" brings back: opening must
    /// not silently lose unsaved edits.
    Opened(Message, Rc<AppState>),
    Failed(Message),
    /// A file that did not open, and why.
    FileFailed(String, FileError),
}

/// "2026-11-27T21:05:09.123Z" as "November 27, 2026, 21:05 UTC" (or in Spanish).
fn saved_when(lang: Lang, iso: &str) -> String {
    match iso.get(11..16) {
        Some(time) if iso.len() >= 10 => tf(
            lang,
            "keep.saved.when",
            &[
                ("date", verbatim(threshold_engine::i18n::date(lang, iso))),
                ("time", verbatim(time)),
            ],
        ),
        _ => iso.to_string(),
    }
}

/// A name the user typed, as the messages quote it.
fn named(key: &'static str, name: &str) -> Message {
    Message::new(key).verbatim("name", name)
}

fn problem_banner(lang: Lang, problem: &StorageProblem, on_action: &Callback<Action>) -> Html {
    let dismiss = on_action.reform(|_: MouseEvent| Action::SetStorageProblem(None));
    match problem {
        StorageProblem::Unreadable {
            raw, backup_key, ..
        } => {
            // Unstamped on purpose: these are the user's own bytes rescued exactly as storage
            // held them, and a stamp added now would change them and claim figures the
            // engine never made from them.
            let raw = raw.clone();
            let download = html! {
                <DownloadButton label={t(lang, "keep.saved.download_unreadable")} file_name="threshold-saved-unreadable.json"
                    mime="application/json" test_id="download-unreadable"
                    contents={Callback::from(move |_| raw.clone())} />
            };
            html! {
                <div class="storage-problem" role="alert" data-testid="storage-problem">
                    <p>{ render(lang, &problem.message()) }</p>
                    if let Some(key) = backup_key {
                        <p data-testid="storage-backup">
                            { t(lang, "keep.saved.backup_before") }
                            <code>{ key.clone() }</code>
                            { t(lang, "keep.saved.backup_after") }
                        </p>
                        <p class="problem-actions">{ download }<button type="button" class="secondary" onclick={dismiss}>{ t(lang, "keep.dismiss") }</button></p>
                    } else {
                        <p>{ t(lang, "keep.saved.no_backup") }</p>
                        <p class="problem-actions">{ download }<button type="button" class="secondary" onclick={dismiss}>{ t(lang, "keep.saved.start_new_list") }</button></p>
                    }
                </div>
            }
        }
        StorageProblem::WriteFailed(_) | StorageProblem::Unavailable(_) => html! {
            <div class="storage-problem" role="alert" data-testid="storage-problem">
                <p>{ render(lang, &problem.message()) }</p>
                <p class="problem-actions"><button type="button" class="secondary" onclick={dismiss}>{ t(lang, "keep.dismiss") }</button></p>
            </div>
        },
    }
}

#[component]
pub fn SavedPanel(props: &SavedPanelProps) -> Html {
    let lang = use_lang();
    let name = use_state(String::new);
    let name_error = use_state(|| None::<Message>);
    let renaming = use_state(|| None::<(usize, String)>);
    let notice = use_state(|| None::<Notice>);
    // A checked name already in the list, waiting for the user to say whether to replace it.
    let confirming = use_state(|| None::<String>);
    let name_input = use_node_ref();
    let keep_both_button = use_node_ref();
    let reader = use_mut_ref(|| None::<FileReader>);
    let shelf = &props.state.saved;
    // Decoding every link on every keystroke elsewhere on the page would be wasted work: the
    // summaries change only with the list.
    let summaries = use_memo(shelf.entries.clone(), |entries| {
        entries.iter().map(entry_summary).collect::<Vec<_>>()
    });
    {
        // The choice appears below the form: a keyboard user is taken to it, on the choice
        // that loses nothing.
        let keep_both_button = keep_both_button.clone();
        use_effect_with(confirming.is_some(), move |shown| {
            if *shown {
                if let Some(button) = keep_both_button.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }

    let on_name = {
        let (name, name_error, confirming) = (name.clone(), name_error.clone(), confirming.clone());
        Callback::from(move |event: InputEvent| {
            name.set(event.target_unchecked_into::<HtmlInputElement>().value());
            name_error.set(None);
            // The question was about the name as it was.
            confirming.set(None);
        })
    };
    // Saves under `saved_name` and reports `message`; focus goes back to the name box, as the
    // choice it may have been on is gone.
    let commit = {
        let (name, notice, confirming) = (name.clone(), notice.clone(), confirming.clone());
        let (on_action, name_input) = (props.on_action.clone(), name_input.clone());
        Callback::from(move |(saved_name, message): (String, Message)| {
            // Not "in this browser": if storage refuses it, the banner says so.
            notice.set(Some(Notice::Done(message)));
            on_action.emit(Action::SaveView {
                name: saved_name,
                saved_at: now_iso(),
            });
            name.set(String::new());
            confirming.set(None);
            focus_name_box(&name_input);
        })
    };
    let on_save = {
        let (name, name_error, notice) = (name.clone(), name_error.clone(), notice.clone());
        let (confirming, commit) = (confirming.clone(), commit.clone());
        let names: Vec<String> = shelf.entries.iter().map(|e| e.name.clone()).collect();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            match check_name(&name) {
                Ok(checked) if names.contains(&checked) => {
                    notice.set(None);
                    confirming.set(Some(checked));
                }
                Ok(checked) => {
                    let message = named("keep.saved.saved", &checked);
                    commit.emit((checked, message));
                }
                Err(message) => name_error.set(Some(message)),
            }
        })
    };
    let confirm = confirming
        .as_ref()
        .and_then(|wanted| shelf.entries.iter().find(|e| e.name == *wanted))
        .map(|existing| {
            save_confirm(
                lang,
                existing,
                &next_free_name(&existing.name, &shelf.entries),
                &commit,
                &confirming,
                &notice,
                &name_input,
                &keep_both_button,
            )
        });
    let on_file = {
        let (on_action, notice, reader) = (props.on_action.clone(), notice.clone(), reader.clone());
        let state = props.state.clone();
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // The same file picked again must fire a change too.
            input.set_value("");
            let file_name = file.name();
            if file.size() > MAX_FILE_BYTES as f64 {
                notice.set(Some(Notice::Failed(
                    Message::new("keep.saved.file_too_large")
                        .verbatim("file", file_name)
                        .verbatim("max", MAX_FILE_BYTES.to_string()),
                )));
                return;
            }
            let (on_action, notice, state) = (on_action.clone(), notice.clone(), state.clone());
            let task = read_as_text(&gloo::file::File::from(file), move |read| {
                let opened = read
                    .map_err(|e| {
                        FileError::Says(
                            Message::new("keep.saved.file_unreadable")
                                .verbatim("why", e.to_string()),
                        )
                    })
                    .and_then(|text| workspace_file::open(&text, &state));
                match opened {
                    Ok(Opened::Workspace(view, saved_name)) => {
                        let message = match saved_name {
                            Some(name) => Message::new("keep.saved.opened_named_workspace")
                                .verbatim("name", name),
                            None => Message::new("keep.saved.opened_workspace"),
                        };
                        notice.set(Some(Notice::Opened(
                            message.verbatim("file", file_name.clone()),
                            state.clone(),
                        )));
                        on_action.emit(Action::Replace(view));
                    }
                    Ok(Opened::Proposal(scenario)) => {
                        notice.set(Some(Notice::Opened(
                            Message::new("keep.saved.opened_proposal")
                                .with("name", scenario.name_message())
                                .verbatim("file", file_name.clone()),
                            state.clone(),
                        )));
                        on_action.emit(Action::SetScenario(scenario));
                    }
                    Err(error) => notice.set(Some(Notice::FileFailed(file_name.clone(), error))),
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };

    let rows = shelf.entries.iter().enumerate().map(|(index, entry)| {
        let label = entry.name.clone();
        let on_open = {
            let (link, notice, on_action) = (entry.link.clone(), notice.clone(), props.on_action.clone());
            let (label, state) = (label.clone(), props.state.clone());
            Callback::from(move |_: MouseEvent| match share_link::decode(&link) {
                Ok(view) => {
                    notice.set(Some(Notice::Opened(named("keep.saved.opened", &label), state.clone())));
                    on_action.emit(Action::Replace(Box::new(view)));
                }
                Err(error) => notice.set(Some(Notice::Failed(
                    named("keep.saved.open_failed", &label).with("reason", error.reason),
                ))),
            })
        };
        let on_delete = {
            let (notice, on_action) = (notice.clone(), props.on_action.clone());
            Callback::from(move |_: MouseEvent| {
                notice.set(None);
                on_action.emit(Action::DeleteSaved(index));
            })
        };
        let start_rename = {
            let (renaming, label) = (renaming.clone(), label.clone());
            Callback::from(move |_: MouseEvent| renaming.set(Some((index, label.clone()))))
        };
        let editing = renaming.as_ref().filter(|(i, _)| *i == index).map(|(_, text)| text.clone());
        html! {
            <li class="saved-entry" key={format!("{index}-{label}")} data-testid="saved-entry">
                if let Some(text) = editing {
                    { rename_form(lang, index, &label, text, &renaming, &notice, shelf.entries.iter().map(|e| e.name.clone()).collect(), &props.on_action) }
                } else {
                    <span class="saved-name" data-testid="saved-name">{ label.clone() }</span>
                    <span class="saved-when">{ saved_when(lang, &entry.saved) }</span>
                    if let Some(summary) = summaries.get(index) {
                        <span class="saved-summary" data-testid="saved-summary">{ render(lang, summary) }</span>
                    }
                    <span class="saved-actions">
                        <button type="button" onclick={on_open} aria-label={tf(lang, "keep.saved.open_label", &[("name", verbatim(label.clone()))])}>{ t(lang, "keep.saved.open") }</button>
                        <button type="button" class="secondary" onclick={start_rename} aria-label={tf(lang, "keep.saved.rename_label", &[("name", verbatim(label.clone()))])}>{ t(lang, "keep.saved.rename") }</button>
                        <button type="button" class="secondary" onclick={on_delete} aria-label={tf(lang, "keep.saved.delete_label", &[("name", verbatim(label.clone()))])}>{ t(lang, "keep.saved.delete") }</button>
                    </span>
                }
            </li>
        }
    });

    let state = props.state.clone();
    let workspace_contents =
        Callback::from(move |_| workspace_file::workspace_json(&state, None, Some(&now_iso())));
    let scenario = props.state.scenario.clone();
    let proposal_file_name = format!("threshold-proposal-{}.json", file_name_part(&scenario.id));
    let view = props.state.clone();
    let proposal_contents = Callback::from(move |_| {
        let stamp = Stamp::for_case(&view.case, Law::embedded(), view.caseload.seed);
        workspace_file::proposal_json(&scenario, &stamp, Some(&now_iso()))
    });
    // A file name, so the machine's date, never words.
    let today = now_iso().get(..10).unwrap_or("today").to_string();

    html! {
        <section class="panel saved-panel" aria-labelledby="saved-title">
            <h2 id="saved-title">{ t(lang, "keep.saved.title") }</h2>
            <p>
                { t(lang, "keep.saved.intro") }
            </p>
            if let Some(problem) = &shelf.problem {
                { problem_banner(lang, problem, &props.on_action) }
            }
            <form class="save-form" onsubmit={on_save}>
                <label for="saved-name">{ t(lang, "keep.saved.name_label") }</label>
                <input id="saved-name" type="text" maxlength={MAX_NAME_CHARS.to_string()} value={(*name).clone()} oninput={on_name}
                    ref={name_input}
                    aria-invalid={name_error.is_some().then_some("true")}
                    aria-describedby={name_error.is_some().then_some("saved-name-error")} />
                <button type="submit" data-testid="save-view">{ t(lang, "keep.saved.save") }</button>
            </form>
            // Always a node here, present or not: a child that comes and goes would shift the
            // ones around it and Yew would rebuild the name box, losing its focus.
            if let Some(confirm) = confirm {
                { confirm }
            }
            if let Some(message) = &*name_error {
                <p id="saved-name-error" class="field-error" role="alert">{ render(lang, message) }</p>
            }
            if shelf.entries.is_empty() {
                <p class="note" data-testid="saved-empty">{ t(lang, "keep.saved.empty") }</p>
            } else {
                <ul class="saved-list" data-testid="saved-list" aria-label={t(lang, "keep.saved.list_label")}>{ for rows }</ul>
            }
            if let Some((_, entry)) = &shelf.deleted {
                <p class="undo" role="status" data-testid="saved-deleted">
                    { format!("{} ", tf(lang, "keep.saved.deleted", &[("name", verbatim(entry.name.clone()))])) }
                    <button type="button" class="secondary" data-testid="undo-delete"
                        onclick={props.on_action.reform(|_: MouseEvent| Action::UndoDelete)}>{ t(lang, "keep.undo") }</button>
                </p>
            }
            { match (*notice).clone() {
                Some(Notice::Done(message)) => html! { <p class="notice" role="status" data-testid="saved-notice">{ render(lang, &message) }</p> },
                Some(Notice::Opened(message, before)) => {
                    let (notice, on_action) = (notice.clone(), props.on_action.clone());
                    let undo = Callback::from(move |_: MouseEvent| {
                        on_action.emit(Action::Replace(Box::new((*before).clone())));
                        notice.set(Some(Notice::Done(Message::new("keep.saved.back"))));
                    });
                    html! {
                        <p class="notice undo" role="status" data-testid="saved-notice">
                            { format!("{} ", render(lang, &message)) }
                            <button type="button" class="secondary" onclick={undo} data-testid="undo-open">{ t(lang, "keep.undo") }</button>
                        </p>
                    }
                }
                Some(Notice::Failed(message)) => html! { <p class="field-error" role="alert" data-testid="saved-error">{ render(lang, &message) }</p> },
                Some(Notice::FileFailed(file_name, error)) => html! {
                    <p class="field-error" role="alert" data-testid="saved-error">
                        { format!("{} {}", tf(lang, "keep.saved.file_failed", &[("file", verbatim(file_name))]), error.text(lang)) }
                    </p>
                },
                None => html! {},
            } }
            <h3>{ t(lang, "keep.saved.files") }</h3>
            <p class="downloads">
                <DownloadButton label={t(lang, "keep.saved.download_workspace")} file_name={format!("threshold-workspace-{today}.json")}
                    mime="application/json" test_id="download-workspace" contents={workspace_contents} />
                <DownloadButton label={t(lang, "keep.saved.download_proposal")} file_name={proposal_file_name}
                    mime="application/json" test_id="download-proposal" contents={proposal_contents} />
            </p>
            <div class="field">
                <label for="open-file">{ t(lang, "keep.saved.open_file") }</label>
                <input id="open-file" type="file" accept=".json,application/json" onchange={on_file} data-testid="open-file" />
            </div>
        </section>
    }
}

fn focus_name_box(name_input: &NodeRef) {
    if let Some(input) = name_input.cast::<HtmlInputElement>() {
        let _ = input.focus();
    }
}

/// The question asked before a save would replace `existing`: replace it, keep both (the new
/// one as `free_name`), or save nothing. Escape is Cancel.
#[allow(clippy::too_many_arguments)]
fn save_confirm(
    lang: Lang,
    existing: &SavedScenario,
    free_name: &str,
    commit: &Callback<(String, Message)>,
    confirming: &UseStateHandle<Option<String>>,
    notice: &UseStateHandle<Option<Notice>>,
    name_input: &NodeRef,
    keep_both_button: &NodeRef,
) -> Html {
    let name = existing.name.clone();
    let on_replace = {
        let (commit, name) = (commit.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            commit.emit((name.clone(), named("keep.saved.replaced", &name)))
        })
    };
    let on_keep_both = {
        let (commit, free_name) = (commit.clone(), free_name.to_string());
        let message =
            named("keep.saved.saved_as_copy", free_name.as_str()).verbatim("old", name.clone());
        Callback::from(move |_: MouseEvent| commit.emit((free_name.clone(), message.clone())))
    };
    // The typed name stays, so the user can change it and save again.
    let cancel = {
        let (confirming, notice, name_input) =
            (confirming.clone(), notice.clone(), name_input.clone());
        let message = named("keep.saved.not_saved", &name);
        Callback::from(move |()| {
            confirming.set(None);
            notice.set(Some(Notice::Done(message.clone())));
            focus_name_box(&name_input);
        })
    };
    let on_key = {
        let cancel = cancel.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                cancel.emit(());
            }
        })
    };
    html! {
        <div class="save-confirm" role="group" aria-labelledby="save-confirm-question"
            aria-describedby="save-confirm-summary" onkeydown={on_key} data-testid="save-confirm">
            <p id="save-confirm-question">
                { tf(lang, "keep.saved.exists", &[("name", verbatim(name.clone())), ("when", verbatim(saved_when(lang, &existing.saved)))]) }
            </p>
            <p id="save-confirm-summary" class="saved-summary">{ render(lang, &entry_summary(existing)) }</p>
            <p class="problem-actions">
                <button type="button" onclick={on_replace} data-testid="confirm-replace">
                    { tf(lang, "keep.saved.replace", &[("name", verbatim(name.clone()))]) }
                </button>
                <button type="button" class="secondary" ref={keep_both_button.clone()} onclick={on_keep_both} data-testid="confirm-keep-both">
                    { tf(lang, "keep.saved.keep_both", &[("name", verbatim(free_name))]) }
                </button>
                <button type="button" class="secondary" onclick={cancel.reform(|_: MouseEvent| ())} data-testid="confirm-cancel">
                    { t(lang, "keep.cancel") }
                </button>
            </p>
        </div>
    }
}

/// The inline form that renames entry `index`.
#[allow(clippy::too_many_arguments)]
fn rename_form(
    lang: Lang,
    index: usize,
    label: &str,
    text: String,
    renaming: &UseStateHandle<Option<(usize, String)>>,
    notice: &UseStateHandle<Option<Notice>>,
    names: Vec<String>,
    on_action: &Callback<Action>,
) -> Html {
    let on_input = {
        let renaming = renaming.clone();
        Callback::from(move |event: InputEvent| {
            let value = event.target_unchecked_into::<HtmlInputElement>().value();
            renaming.set(Some((index, value)));
        })
    };
    let on_submit = {
        let (renaming, notice, on_action) = (renaming.clone(), notice.clone(), on_action.clone());
        let (text, old) = (text.clone(), label.to_string());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            match check_name(&text) {
                Ok(name) if name != old && names.contains(&name) => {
                    notice.set(Some(Notice::Failed(named("keep.saved.name_taken", &name))))
                }
                Ok(name) => {
                    notice.set(Some(Notice::Done(
                        named("keep.saved.renamed", &name).verbatim("old", old.clone()),
                    )));
                    on_action.emit(Action::RenameSaved(index, name));
                    renaming.set(None);
                }
                Err(message) => notice.set(Some(Notice::Failed(message))),
            }
        })
    };
    let on_cancel = {
        let renaming = renaming.clone();
        Callback::from(move |_: MouseEvent| renaming.set(None))
    };
    let id = format!("rename-{index}");
    html! {
        <form class="rename-form" onsubmit={on_submit}>
            <label for={id.clone()}>{ tf(lang, "keep.saved.new_name_for", &[("name", verbatim(label))]) }</label>
            <input id={id} type="text" maxlength={MAX_NAME_CHARS.to_string()} value={text} oninput={on_input} data-testid="rename-input" />
            <button type="submit" data-testid="rename-save">{ t(lang, "keep.saved.save_name") }</button>
            <button type="button" class="secondary" onclick={on_cancel}>{ t(lang, "keep.cancel") }</button>
        </form>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn saved_times_read_as_dates_in_either_language() {
        let iso = "2026-11-27T21:05:09.123Z";
        assert_eq!(saved_when(Lang::En, iso), "November 27, 2026, 21:05 UTC");
        assert_eq!(
            saved_when(Lang::Es, iso),
            "27 de noviembre de 2026, 21:05 UTC"
        );
        assert_eq!(saved_when(Lang::Es, "yesterday"), "yesterday");
    }
}
