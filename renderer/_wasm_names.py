"""Readable, compact function names in the module's `name` section.

rustc writes legacy-mangled symbols into the `name` section
(`_ZN16marquee_renderer3abi16deliberate_panic17h0123456789abcdefE`): a length
before every path segment, `$LT$`-style escapes, a 16-digit hash and sometimes
an `.llvm.NNN` suffix. The hashes alone are incompressible and the whole
section was a sixth of the module. The build rewrites each name in its
demangled form without the hash (`marquee_renderer::abi::deliberate_panic`),
which is what a trap's backtrace shows anyway (wasmtime demangles), so traps
still name Rust functions and the module gets smaller. Names that are not
legacy-mangled are kept as they are.
"""

from __future__ import annotations

import re

__all__ = ["compact_name_section", "demangle"]

_ESCAPES = {
    "$SP$": "@", "$BP$": "*", "$RF$": "&", "$LT$": "<", "$GT$": ">", "$LP$": "(",
    "$RP$": ")", "$C$": ",",
}
_HASH = re.compile(r"^h[0-9a-f]{16}$")
_LLVM_SUFFIX = re.compile(r"\.llvm\.\d+$")
_UNICODE = re.compile(r"\$u([0-9a-f]+)\$")


def demangle(symbol: str) -> str:
    """The readable path of a legacy Rust symbol (hash dropped); other names unchanged."""
    name = _LLVM_SUFFIX.sub("", symbol)
    if not (name.startswith("_ZN") and name.endswith("E")):
        return symbol
    body = name[3:-1]
    parts: list[str] = []
    i = 0
    while i < len(body):
        j = i
        while j < len(body) and body[j].isdigit():
            j += 1
        if j == i:
            return symbol  # not the legacy scheme after all
        length = int(body[i:j])
        part = body[j:j + length]
        if len(part) != length:
            return symbol
        parts.append(part)
        i = j + length
    if parts and _HASH.match(parts[-1]):
        parts.pop()
    return "::".join(_unescape(part) for part in parts)


def _unescape(part: str) -> str:
    if part.startswith("_$"):
        part = part[1:]
    part = part.replace("..", "::")
    for escape, text in _ESCAPES.items():
        part = part.replace(escape, text)
    return _UNICODE.sub(lambda m: chr(int(m.group(1), 16)), part)


def _leb(data: bytes, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, i


def _uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _name_entry(index: int, name: str) -> bytes:
    raw = name.encode("utf-8")
    return _uleb(index) + _uleb(len(raw)) + raw


def _compact_function_names(payload: bytes) -> bytes:
    count, i = _leb(payload, 0)
    out = bytearray(_uleb(count))
    for _ in range(count):
        index, i = _leb(payload, i)
        length, i = _leb(payload, i)
        name = payload[i:i + length].decode("utf-8")
        i += length
        out += _name_entry(index, demangle(name))
    return bytes(out)


def _compact_names_section(content: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(content):
        sub = content[i]
        size, j = _leb(content, i + 1)
        payload = content[j:j + size]
        if sub == 1:  # function names
            payload = _compact_function_names(payload)
        out += bytes([sub]) + _uleb(len(payload)) + payload
        i = j + size
    return bytes(out)


def compact_name_section(module: bytes) -> bytes:
    """`module` with its `name` section's function names demangled and hash-free.

    Raises:
        ValueError: `module` is not a WebAssembly binary.
    """
    if module[:4] != b"\0asm":
        raise ValueError("not a WebAssembly module (no \\0asm magic)")
    out = bytearray(module[:8])
    i = 8
    while i < len(module):
        section_id = module[i]
        size, start = _leb(module, i + 1)
        end = start + size
        if section_id == 0:
            name_len, k = _leb(module, start)
            if module[k:k + name_len] == b"name":
                header = _uleb(name_len) + b"name"
                content = _compact_names_section(module[k + name_len:end])
                body = header + content
                out += bytes([0]) + _uleb(len(body)) + body
                i = end
                continue
        out += module[i:end]
        i = end
    return bytes(out)
