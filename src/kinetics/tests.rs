//! Unit tests (filled in below).
