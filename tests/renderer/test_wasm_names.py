"""The build's name-section compaction: readable names, no hashes, a valid module."""

from __future__ import annotations

import re

import wasmtime

from renderer._build import WASM_PATH
from renderer._wasm_names import compact_name_section, demangle


def test_legacy_symbols_become_paths_without_the_hash():
    assert demangle("_ZN16marquee_renderer3abi16deliberate_panic17h0123456789abcdefE") == (
        "marquee_renderer::abi::deliberate_panic")
    assert demangle(
        "_ZN111_$LT$alloc..vec..Vec$LT$T$GT$$u20$as$u20$alloc..vec..spec_from_iter_nested.."
        "SpecFromIterNested$LT$T$C$I$GT$$GT$9from_iter17h374ae3a350277777E"
    ) == "<alloc::vec::Vec<T> as alloc::vec::spec_from_iter_nested::SpecFromIterNested<T,I>>" \
         "::from_iter"
    assert demangle("_ZN4core3ptr13drop_in_place17h07cf8f8a8bd81339E.llvm.2127609134216655508") \
        == "core::ptr::drop_in_place"


def test_names_that_are_not_legacy_mangled_are_kept():
    assert demangle("memcpy") == "memcpy"
    assert demangle("_ZNotReallyE") == "_ZNotReallyE"


def test_the_built_module_has_no_hashes_left_and_still_loads():
    module = WASM_PATH.read_bytes()
    assert re.search(rb"17h[0-9a-f]{16}E", module) is None  # no symbol hash left
    again = compact_name_section(module)
    assert again == module  # the build already compacted it: a second pass changes nothing
    assert b"marquee_renderer::abi::deliberate_panic" in module
    wasmtime.Module(wasmtime.Engine(), module)
