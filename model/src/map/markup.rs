//! Markup (stub).
