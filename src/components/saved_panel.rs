//! Saved scenarios and files: keep the view under a name in this browser (open, rename,
//! delete with undo), download it or the proposal as JSON, and open such a file again.

use std::rc::Rc;

use gloo::file::callbacks::{read_as_text, FileReader};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser_storage::now_iso;
use crate::components::download_button::DownloadButton;
use crate::download::file_name_part;
use crate::saved_scenarios::{check_name, StorageProblem};
use crate::share_link;
use crate::state::{Action, AppState};
use crate::workspace_file::{self, Opened, MAX_FILE_BYTES};

#[derive(Properties, PartialEq)]
pub struct SavedPanelProps {
    pub state: Rc<AppState>,
    pub on_action: Callback<Action>,
}

/// The last thing the panel did, in words; errors are announced as alerts.
#[derive(Clone, PartialEq)]
enum Notice {
    Done(String),
    /// A view was opened over the one on screen, which "Undo" brings back: opening must
    /// not silently lose unsaved edits.
    Opened(String, Rc<AppState>),
    Failed(String),
}

/// "2026-11-27T21:05:09.123Z" as "2026-11-27 21:05 UTC".
fn saved_when(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => iso.to_string(),
    }
}

fn problem_banner(problem: &StorageProblem, on_action: &Callback<Action>) -> Html {
    let dismiss = on_action.reform(|_: MouseEvent| Action::SetStorageProblem(None));
    match problem {
        StorageProblem::Unreadable {
            reason,
            raw,
            backup_key,
        } => {
            let raw = raw.clone();
            let download = html! {
                <DownloadButton label="Download the unreadable data" file_name="threshold-saved-unreadable.json"
                    mime="application/json" test_id="download-unreadable"
                    contents={Callback::from(move |_| raw.clone())} />
            };
            html! {
                <div class="storage-problem" role="alert" data-testid="storage-problem">
                    <p>{ format!("Your saved scenarios could not be read: {reason}.") }</p>
                    if let Some(key) = backup_key {
                        <p data-testid="storage-backup">
                            { "They are kept unchanged in this browser's storage under the key " }
                            <code>{ key.clone() }</code>
                            { "; new saves start a new list." }
                        </p>
                        <p class="problem-actions">{ download }<button type="button" class="secondary" onclick={dismiss}>{ "Dismiss" }</button></p>
                    } else {
                        <p>{ "The browser would not keep a backup copy either, so saving is paused: nothing will overwrite them. Download them first; then you may start a new list." }</p>
                        <p class="problem-actions">{ download }<button type="button" class="secondary" onclick={dismiss}>{ "Start a new list" }</button></p>
                    }
                </div>
            }
        }
        StorageProblem::WriteFailed(message) | StorageProblem::Unavailable(message) => html! {
            <div class="storage-problem" role="alert" data-testid="storage-problem">
                <p>{ message.clone() }</p>
                <p class="problem-actions"><button type="button" class="secondary" onclick={dismiss}>{ "Dismiss" }</button></p>
            </div>
        },
    }
}

#[component]
pub fn SavedPanel(props: &SavedPanelProps) -> Html {
    let name = use_state(String::new);
    let name_error = use_state(|| None::<String>);
    let renaming = use_state(|| None::<(usize, String)>);
    let notice = use_state(|| None::<Notice>);
    let reader = use_mut_ref(|| None::<FileReader>);
    let shelf = &props.state.saved;
    let taken = shelf.entries.iter().any(|e| e.name == name.trim());

    let on_name = {
        let (name, name_error) = (name.clone(), name_error.clone());
        Callback::from(move |event: InputEvent| {
            name.set(event.target_unchecked_into::<HtmlInputElement>().value());
            name_error.set(None);
        })
    };
    let on_save = {
        let (name, name_error, notice) = (name.clone(), name_error.clone(), notice.clone());
        let on_action = props.on_action.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            match check_name(&name) {
                Ok(checked) => {
                    // Not "in this browser": if storage refuses it, the banner says so.
                    notice.set(Some(Notice::Done(format!("Saved “{checked}”."))));
                    on_action.emit(Action::SaveView {
                        name: checked,
                        saved_at: now_iso(),
                    });
                    name.set(String::new());
                }
                Err(message) => name_error.set(Some(message)),
            }
        })
    };
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
                notice.set(Some(Notice::Failed(format!(
                    "{file_name}: the file is larger than any Threshold file ({MAX_FILE_BYTES} bytes at most)."
                ))));
                return;
            }
            let (on_action, notice, state) = (on_action.clone(), notice.clone(), state.clone());
            let task = read_as_text(&gloo::file::File::from(file), move |read| {
                let opened = read
                    .map_err(|e| format!("The file could not be read: {e}"))
                    .and_then(|text| workspace_file::open(&text, &state));
                match opened {
                    Ok(Opened::Workspace(view, saved_name)) => {
                        let what = saved_name.map_or_else(String::new, |n| format!(" “{n}”"));
                        notice.set(Some(Notice::Opened(
                            format!("Opened the workspace{what} from {file_name}."),
                            state.clone(),
                        )));
                        on_action.emit(Action::Replace(view));
                    }
                    Ok(Opened::Proposal(scenario)) => {
                        notice.set(Some(Notice::Opened(
                            format!(
                                "Opened the proposal “{}” from {file_name}; the case and assumptions are unchanged.",
                                scenario.name
                            ),
                            state.clone(),
                        )));
                        on_action.emit(Action::SetScenario(scenario));
                    }
                    Err(message) => notice.set(Some(Notice::Failed(format!(
                        "{file_name} was not opened; nothing changed. {message}"
                    )))),
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
                    notice.set(Some(Notice::Opened(format!("Opened “{label}”."), state.clone())));
                    on_action.emit(Action::Replace(Box::new(view)));
                }
                Err(error) => notice.set(Some(Notice::Failed(format!(
                    "“{label}” could not be opened ({}); it stays in the list.",
                    error.reason
                )))),
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
                    { rename_form(index, &label, text, &renaming, &notice, shelf.entries.iter().map(|e| e.name.clone()).collect(), &props.on_action) }
                } else {
                    <span class="saved-name" data-testid="saved-name">{ label.clone() }</span>
                    <span class="saved-when">{ saved_when(&entry.saved) }</span>
                    <span class="saved-actions">
                        <button type="button" onclick={on_open} aria-label={format!("Open “{label}”")}>{ "Open" }</button>
                        <button type="button" class="secondary" onclick={start_rename} aria-label={format!("Rename “{label}”")}>{ "Rename" }</button>
                        <button type="button" class="secondary" onclick={on_delete} aria-label={format!("Delete “{label}”")}>{ "Delete" }</button>
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
    let proposal_contents =
        Callback::from(move |_| workspace_file::proposal_json(&scenario, Some(&now_iso())));
    let today = now_iso().get(..10).unwrap_or("today").to_string();

    html! {
        <section class="panel saved-panel" aria-labelledby="saved-title">
            <h2 id="saved-title">{ "Saved scenarios and files" }</h2>
            <p>
                { "Keep this view under a name in this browser, or as a file to send or open on another computer. Nothing leaves your computer unless you send the file. Cases imported from a CSV file are not kept." }
            </p>
            if let Some(problem) = &shelf.problem {
                { problem_banner(problem, &props.on_action) }
            }
            <form class="save-form" onsubmit={on_save}>
                <label for="saved-name">{ "Name for this view" }</label>
                <input id="saved-name" type="text" maxlength="200" value={(*name).clone()} oninput={on_name}
                    aria-invalid={name_error.is_some().then_some("true")}
                    aria-describedby={name_error.is_some().then_some("saved-name-error")} />
                <button type="submit" data-testid="save-view">
                    { if taken { format!("Replace “{}”", name.trim()) } else { "Save this view".to_string() } }
                </button>
            </form>
            if let Some(message) = (*name_error).clone() {
                <p id="saved-name-error" class="field-error" role="alert">{ message }</p>
            }
            if shelf.entries.is_empty() {
                <p class="note" data-testid="saved-empty">{ "No saved scenarios yet in this browser." }</p>
            } else {
                <ul class="saved-list" data-testid="saved-list" aria-label="Saved scenarios">{ for rows }</ul>
            }
            if let Some((_, entry)) = &shelf.deleted {
                <p class="undo" role="status" data-testid="saved-deleted">
                    { format!("Deleted “{}”. ", entry.name) }
                    <button type="button" class="secondary" data-testid="undo-delete"
                        onclick={props.on_action.reform(|_: MouseEvent| Action::UndoDelete)}>{ "Undo" }</button>
                </p>
            }
            { match (*notice).clone() {
                Some(Notice::Done(message)) => html! { <p class="notice" role="status" data-testid="saved-notice">{ message }</p> },
                Some(Notice::Opened(message, before)) => {
                    let (notice, on_action) = (notice.clone(), props.on_action.clone());
                    let undo = Callback::from(move |_: MouseEvent| {
                        on_action.emit(Action::Replace(Box::new((*before).clone())));
                        notice.set(Some(Notice::Done("Back to the view before.".into())));
                    });
                    html! {
                        <p class="notice undo" role="status" data-testid="saved-notice">
                            { format!("{message} ") }
                            <button type="button" class="secondary" onclick={undo} data-testid="undo-open">{ "Undo" }</button>
                        </p>
                    }
                }
                Some(Notice::Failed(message)) => html! { <p class="field-error" role="alert" data-testid="saved-error">{ message }</p> },
                None => html! {},
            } }
            <h3>{ "Files" }</h3>
            <p class="downloads">
                <DownloadButton label="Download the workspace (JSON)" file_name={format!("threshold-workspace-{today}.json")}
                    mime="application/json" test_id="download-workspace" contents={workspace_contents} />
                <DownloadButton label="Download the proposal (JSON)" file_name={proposal_file_name}
                    mime="application/json" test_id="download-proposal" contents={proposal_contents} />
            </p>
            <div class="field">
                <label for="open-file">{ "Open a workspace or proposal file (JSON)" }</label>
                <input id="open-file" type="file" accept=".json,application/json" onchange={on_file} data-testid="open-file" />
            </div>
        </section>
    }
}

/// The inline form that renames entry `index`.
fn rename_form(
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
                    notice.set(Some(Notice::Failed(format!(
                        "A saved scenario is already called “{name}”; choose another name."
                    ))))
                }
                Ok(name) => {
                    notice.set(Some(Notice::Done(format!("Renamed “{old}” to “{name}”."))));
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
            <label for={id.clone()}>{ format!("New name for “{label}”") }</label>
            <input id={id} type="text" maxlength="200" value={text} oninput={on_input} data-testid="rename-input" />
            <button type="submit" data-testid="rename-save">{ "Save name" }</button>
            <button type="button" class="secondary" onclick={on_cancel}>{ "Cancel" }</button>
        </form>
    }
}
