//! One component per file; each renders engine results and owns no domain logic.

pub mod engine_status;
pub mod site_footer;
pub mod site_header;
