//! Marquee's scene engine. See `renderer/PROTOCOL.md` for the contract with
//! the host and `docs/renderer.md` for the design.
//!
//! Modules: `abi` (exports over one global engine), `engine` (apply and
//! frame), `protocol` (decode + validate), `props` (property table),
//! `scene` (struct-of-arrays storage), `measure` (the scene as a layout
//! host), `states` (state overrides), `focus`, `display` (geometry and the
//! display list), `damage`, `events`, `dump`, `templates`, `geom`, `anim`
//! (transitions, layout animations, keyframes, springs); `layout`
//! (flexbox) and `text` (fonts, line breaking) are self-contained.

pub mod abi;
pub mod anim;
pub mod damage;
pub mod display;
pub mod dump;
pub mod engine;
pub mod events;
pub mod focus;
pub mod geom;
pub mod layout;
pub mod measure;
mod idmap;
mod numfmt;
pub mod props;
pub mod protocol;
pub mod scene;
mod sort;
pub mod states;
pub mod templates;
pub mod text;

/// The protocol version this engine speaks (see PROTOCOL.md).
pub const PROTOCOL_VERSION: u32 = 1;

pub use engine::Engine;
