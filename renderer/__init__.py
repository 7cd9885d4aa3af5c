"""The host side of Marquee's renderer: the Wasm scene engine, fed and painted.

`renderer/core` is a Rust crate compiled to WebAssembly that owns the scene
(nodes, layout, text, focus, damage). This package loads it with wasmtime,
encodes command batches (`CommandBuffer`), reads back the display list,
damage and events, and paints with Skia. It speaks only the protocol in
`PROTOCOL.md`: it imports nothing of Marquee's other packages (no signals, no
components) and could be driven by any front end.
"""
