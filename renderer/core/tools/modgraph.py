"""Module dependency graph of the renderer core crate and its cycles.

Usage: python renderer/core/tools/modgraph.py [--files] [-v] [--dot]

Parses every `src/**/*.rs` for references to other crate modules
(`use crate::x...`, `use crate::{x, y::z}`, `crate::x::...` in paths, and
`super::` from a submodule) and reports the strongly connected components
of the graph: a component of more than one module is an import cycle.
By default submodules fold into their top-level module (`anim::decode` is
`anim`); `--files` keeps one node per file module. `#[cfg(test)]` modules
in their own files (`tests.rs`) are skipped: tests may reach anywhere.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def module_of(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    if parts == ["lib"]:
        return "crate"
    return "::".join(parts)


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def strip_inline_tests(text: str) -> str:
    """Drops `#[cfg(test)] mod tests { ... }` blocks (brace matched)."""
    out, pos = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text):
        if m.start() < pos:
            continue
        out.append(text[pos:m.start()])
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        pos = i
    out.append(text[pos:])
    return "".join(out)


def expand_use_tree(tree: str) -> list[str]:
    """`a::{b, c::{d, e}}` -> [`a::b`, `a::c::d`, `a::c::e`] (roughly)."""
    tree = tree.strip()
    brace = tree.find("{")
    if brace < 0:
        return [tree]
    prefix, inner = tree[:brace], tree[brace + 1:tree.rfind("}")]
    items, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            items.append(cur)
            cur = ""
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        cur += ch
    items.append(cur)
    paths = []
    for it in items:
        if it.strip():
            paths += [prefix + p for p in expand_use_tree(it)]
    return paths


def references(text: str, here: str, known: set[str]) -> set[str]:
    refs: set[str] = set()
    # Paths relative to this module: its child modules (`keys::tick`, `use
    # commands::decode_one`) and `self::`.
    for m in re.finditer(r"\b(?:self::)?(\w+)::", text):
        child = f"{here}::{m.group(1)}"
        if child in known:
            refs.add(child)
    for m in re.finditer(r"\buse\s+(crate|super)::([^;]+);", text):
        for p in expand_use_tree(m.group(2)):
            refs.add(resolve(m.group(1), p, here))
    for m in re.finditer(r"\b(crate|super)::((?:\w+::)*\w+)", text):
        refs.add(resolve(m.group(1), m.group(2), here))
    return {r for r in refs if r}


def resolve(root: str, path: str, here: str) -> str:
    parts = [p.strip() for p in path.split("::") if p.strip() and p.strip() != "self"]
    if root == "super":
        base = here.split("::")[:-1]
        parts = base + parts
    return "::".join(parts)


def build(files_level: bool) -> dict[str, set[str]]:
    modules = {}
    for path in sorted(SRC.rglob("*.rs")):
        if path.name == "tests.rs":
            continue
        modules[module_of(path)] = path
    known = set(modules)

    def owner(ref: str) -> str | None:
        parts = ref.split("::")
        for k in range(len(parts), 0, -1):
            cand = "::".join(parts[:k])
            if cand in known:
                return cand
        return None

    def fold(m: str) -> str:
        return m if files_level else m.split("::")[0]

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        if name == "crate":
            continue
        text = strip_inline_tests(strip_comments(path.read_text()))
        src = fold(name)
        graph.setdefault(src, set())
        for ref in references(text, name, known):
            o = owner(ref)
            if o is None or o == "crate":
                continue
            dst = fold(o)
            if dst != src:
                graph[src].add(dst)
    return graph


def sccs(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm (iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on, stack, out = set(), [], []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in graph:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    advanced = True
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
    return sorted(out, key=lambda c: (-len(c), c))


def main(argv: list[str]) -> int:
    graph = build("--files" in argv)
    if "--dot" in argv:
        print("digraph core {")
        for a in sorted(graph):
            for b in sorted(graph[a]):
                print(f'  "{a}" -> "{b}";')
        print("}")
        return 0
    comps = sccs(graph)
    cycles = [c for c in comps if len(c) > 1]
    print(f"{len(graph)} modules, {sum(len(v) for v in graph.values())} edges")
    biggest = len(cycles[0]) if cycles else 1
    print(f"biggest cycle: {biggest} modules")
    for c in cycles:
        print(f"  cycle of {len(c)}: {', '.join(c)}")
    if "-v" in argv:
        for a in sorted(graph):
            print(f"{a} -> {', '.join(sorted(graph[a])) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
