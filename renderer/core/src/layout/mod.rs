//! Flexbox layout engine (being written).
