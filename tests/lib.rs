//! Empty on purpose: this package holds the cross-crate journey tests in `tests/journeys.rs`.
