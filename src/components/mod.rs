//! One component per file; each renders engine results and owns no domain logic.

pub mod acceptance_panel;
pub mod assumptions_panel;
pub mod case_builder;
pub mod case_facts;
pub mod caseload_panel;
pub mod charge_comparison;
pub mod choice_field;
pub mod copy_link;
pub mod download_button;
pub mod fact_field;
pub mod legal_note;
pub mod number_field;
pub mod paired_histogram;
pub mod param_field;
pub mod result_bar;
pub mod results_summary;
pub mod saved_panel;
pub mod scenario_panel;
pub mod sentence_chart;
pub mod side_by_side;
pub mod site_footer;
pub mod site_header;
pub mod stacked_bar;
pub mod tornado_chart;
pub mod whole_number_field;
pub mod worksheet_panel;
