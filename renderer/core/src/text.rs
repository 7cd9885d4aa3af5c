//! Text measurement and line breaking (being written).
