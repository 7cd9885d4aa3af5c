//! Marquee's scene engine. See `renderer/PROTOCOL.md` for the contract with
//! the host and `docs/renderer.md` for the design.
//!
//! Modules: `abi` (exports over one global engine), `engine` (apply and
//! frame over the subsystems below, each handed explicitly to the module
//! functions that need it), `protocol` (decode + validate; `commands` per
//! opcode family, `motion`), `props` (property table), `scene`
//! (struct-of-arrays storage), `resources` (strings, images, templates,
//! fonts), `diagnostics` (last error, acknowledgement counter), `output`
//! (what frames write and keep), `oom` (the out-of-memory record and the
//! allocator that fills it), `measure` (the scene as a layout host),
//! `states` (state overrides), `focus` (focus state, navigation, keys),
//! `display` (geometry and the display list), `damage`, `events`, `dump`,
//! `templates`, `anim` (transitions, layout animations, keyframes,
//! springs); `geom`, `image`, `input`, `layout` (flexbox), `limits` and `text`
//! (fonts, line breaking) are leaves. `tools/modgraph.py` checks that the
//! module graph has no cycles.

pub mod abi;
pub mod anim;
pub mod damage;
pub mod diagnostics;
pub mod display;
pub mod dump;
pub mod engine;
pub mod events;
pub mod focus;
pub mod geom;
pub mod image;
pub mod input;
pub mod layout;
pub mod limits;
pub mod measure;
pub mod oom;
pub mod output;
mod idmap;
mod numfmt;
pub mod props;
pub mod resources;
pub mod protocol;
pub mod scene;
mod sort;
pub mod states;
pub mod templates;
pub mod text;

/// The protocol version this engine speaks (see PROTOCOL.md).
pub const PROTOCOL_VERSION: u32 = 4;

pub use engine::Engine;
