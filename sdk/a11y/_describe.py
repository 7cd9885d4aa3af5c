"""What a node says: its name, role, states, value and position, from the reconciler.

The source is the app side's own knowledge: each scene node's `HostInstance`
holds the props app code gave it (role, label, states, value, `position_in_set`),
and its parent chain is the scene's. That is what the engine's dump would
print for those properties (they are semantics only: the engine never
changes them), with no dump, no parse and no round trip to the renderer
thread or process. Focus comes from the engine's `FOCUS` events.

Phrases are `Phrases` (English by default): `describe` builds
`"Subtitles, switch, on"`, `"Dune, 3 of 12"`, `"Volume, slider, 40%"`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from signals import untrack

from ..reconciler import HostInstance, Instance

__all__ = ["CONTAINER_ROLES", "Described", "Phrases", "describe", "description_of",
           "heading_of", "scopes_of", "text_of", "title_of"]

CONTAINER_ROLES = frozenset({"list", "dialog", "menu", "tablist", "listbox", "tabpanel",
                             "group", "page", "alert"})
"""Roles whose label is announced when focus enters them (with the focus scopes)."""

_SET_ROLES = frozenset({"listitem", "option", "menuitem", "tab"})
"""Roles whose position among same-role siblings is spoken ("2 of 5")."""


@dataclass(frozen=True)
class Phrases:
    """The words the announcer adds to names (translate for another locale)."""

    roles: Mapping[str, str] = field(default_factory=lambda: {
        "button": "button", "switch": "switch", "slider": "slider", "checkbox": "checkbox",
        "textbox": "text field", "tab": "tab", "tablist": "tab list", "menu": "menu",
        "menuitem": "menu item", "listbox": "list box", "option": "option",
        "combobox": "pop-up button", "dialog": "dialog", "alert": "alert", "list": "list",
        "heading": "heading", "image": "image", "progress": "progress bar",
        "scrollview": "scroll area", "tabpanel": "tab panel",
    })
    """Spoken role names; a role missing here (view, text, listitem, group) is not said."""
    on: str = "on"
    off: str = "off"
    checked: str = "checked"
    not_checked: str = "not checked"
    selected: str = "selected"
    expanded: str = "expanded"
    collapsed: str = "collapsed"
    busy: str = "busy"
    invalid: str = "invalid"
    disabled: str = "dimmed"
    secret: str = "secure text"
    adjustable: str = "adjustable"
    """The role word of a `combobox` that never opens (it declares no `expanded`
    state): a choice stepped in place with left and right (`Select(mode="cycle")`)."""
    position: str = "{index} of {count}"


ENGLISH = Phrases()
"""The default phrases."""


def _read(value: object) -> object:
    return untrack(value) if callable(value) else value


def prop(instance: HostInstance, name: str) -> object:
    """The current value of prop `name` (reactive props read untracked)."""
    return _read(instance.element.props.get(name))


def _states(instance: HostInstance) -> set[str]:
    value = prop(instance, "states")
    if value is None or isinstance(value, str):
        return set()
    if isinstance(value, Mapping):
        return {str(k) for k, on in value.items() if on}
    if isinstance(value, Iterable):
        return {str(k) for k in value}
    return set()


def _hosts(instance: Instance) -> list[HostInstance]:
    out: list[HostInstance] = []
    stack = list(reversed(instance.child_instances()))
    while stack:
        node = stack.pop()
        if isinstance(node, HostInstance):
            out.append(node)
        else:
            stack.extend(reversed(node.child_instances()))
    return out


def _shown(instance: HostInstance) -> bool:
    return prop(instance, "visible") is not False and prop(instance, "display") != "none" \
        and prop(instance, "opacity") != 0


def shown_in_tree(instance: HostInstance) -> bool:
    """Whether `instance` and every host above it are shown (a covered page is not)."""
    node: HostInstance | None = instance
    while node is not None:
        if not _shown(node):
            return False
        node = host_parent(node)
    return True


def text_of(instance: HostInstance) -> str:
    """The visible text of `instance`'s subtree, joined by spaces; a descendant's `label`
    stands for its whole subtree (a poster's title), role `none` nodes are skipped."""
    parts: list[str] = []
    stack: list[HostInstance] = [instance]
    while stack:
        node = stack.pop()
        if not _shown(node):
            continue
        if node is not instance:
            if prop(node, "role") == "none":
                continue
            label = prop(node, "label")
            if isinstance(label, str) and label.strip():
                parts.append(label.strip())
                continue
        text = prop(node, "text")
        if isinstance(text, str | int | float) and not isinstance(text, bool) and str(text).strip():
            parts.append(str(text).strip())
        stack.extend(reversed(_hosts(node)))
    return " ".join(parts)


def host_parent(instance: Instance) -> HostInstance | None:
    """The nearest host instance above `instance`."""
    node = instance.parent
    while node is not None and not isinstance(node, HostInstance):
        node = node.parent
    return node


def heading_of(instance: HostInstance) -> str:
    """The text of the first shown `heading` inside `instance` ("" if none)."""
    stack = [instance]
    while stack:
        node = stack.pop()
        if not _shown(node):
            continue
        if prop(node, "role") == "heading":
            label = prop(node, "label")
            return label if isinstance(label, str) and label else text_of(node)
        stack.extend(reversed(_hosts(node)))
    return ""


def description_of(instance: HostInstance) -> str:
    """What a dialog says besides its title: its shown text outside headings and
    focusable nodes (a `Dialog`'s message; its buttons are spoken as focus reaches them)."""
    parts: list[str] = []
    stack = list(reversed(_hosts(instance)))
    while stack:
        node = stack.pop()
        if not _shown(node) or prop(node, "focusable") or prop(node, "role") in (
                "heading", "none"):
            continue
        text = prop(node, "text")
        if isinstance(text, str) and text.strip():
            parts.append(text.strip())
        stack.extend(reversed(_hosts(node)))
    return " ".join(parts)


def title_of(instance: HostInstance) -> str:
    """A container's title: its label, or for a page or dialog its first heading."""
    label = prop(instance, "label")
    if isinstance(label, str) and label.strip():
        return label.strip()
    if prop(instance, "role") in ("page", "dialog"):
        return heading_of(instance)
    return ""


def scopes_of(instance: HostInstance) -> list[HostInstance]:
    """The titled containers around `instance`, outermost first, whose titles focus
    announces on entry: focus scopes and traps, and container roles (list, dialog, menu,
    page...), that have a title (`title_of`)."""
    out: list[HostInstance] = []
    node = host_parent(instance)
    while node is not None:
        if (prop(node, "focus_scope") or prop(node, "focus_trap")
                or prop(node, "role") in CONTAINER_ROLES) and title_of(node):
            out.append(node)
        node = host_parent(node)
    out.reverse()
    return out


def _position(instance: HostInstance, role: object) -> tuple[int, int] | None:
    given = prop(instance, "position_in_set")
    if isinstance(given, tuple) and len(given) == 2:
        return int(given[0]), int(given[1])
    if role not in _SET_ROLES:
        return None
    parent = host_parent(instance)
    if parent is None:
        return None
    peers = [h for h in _hosts(parent) if prop(h, "role") == role and _shown(h)]
    if len(peers) < 2 or instance not in peers:
        return None
    return peers.index(instance) + 1, len(peers)


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Described:
    """A node as the announcer says it."""

    name: str
    role: str
    states: frozenset[str]
    value: str
    position: tuple[int, int] | None
    expandable: bool = False
    """Whether the node declares `expanded` (`states={"expanded": False}` says
    "collapsed"; a combobox that does not is a choice cycled in place)."""

    def speech(self, phrases: Phrases = ENGLISH, *, brief: bool = False) -> str:
        """`name, role, states, value, position` as one phrase (empty parts left out).

        `brief` is what a change of the focused node says: its states and value
        alone (`"on"`, `"45%"`, `"Français"`), without name, role, position or
        "collapsed"."""
        p = phrases
        word = p.adjustable if self.role == "combobox" and not self.expandable \
            else p.roles.get(self.role, "")
        parts = [] if brief else [self.name, word]
        states = self.states
        if self.role == "switch":
            parts.append(p.on if "checked" in states else p.off)
        elif self.role == "checkbox":
            parts.append(p.checked if "checked" in states else p.not_checked)
        elif "checked" in states:
            parts.append(p.checked)
        if "selected" in states and self.role not in ("tab",):
            parts.append(p.selected)
        if "expanded" in states:
            parts.append(p.expanded)
        elif self.expandable and not brief:
            parts.append(p.collapsed)
        for state, word in (("busy", p.busy), ("invalid", p.invalid),
                            ("disabled", p.disabled)):
            if state in states:
                parts.append(word)
        if "secret" in states:
            parts.append(p.secret)
        elif self.value and self.value != self.name:
            parts.append(self.value)
        if self.position is not None and not brief:
            parts.append(p.position.format(index=self.position[0], count=self.position[1]))
        return ", ".join(part for part in parts if part)


def describe(instance: HostInstance) -> Described:
    """What `instance` is, from its props: label (else its visible text), role, states
    (with `disabled`), value (`value_text`, else the number) and position in its set."""
    role = prop(instance, "role")
    role = role if isinstance(role, str) else ("text" if prop(instance, "text") else "view")
    label = prop(instance, "label")
    name = label if isinstance(label, str) and label.strip() else text_of(instance)
    states = _states(instance)
    declared = prop(instance, "states")
    expandable = "expanded" in states or (isinstance(declared, Mapping)
                                          and "expanded" in declared)
    if prop(instance, "disabled") is True:
        states.add("disabled")
    value = prop(instance, "value_text")
    if not isinstance(value, str) or not value:
        number = prop(instance, "value")
        value = _number(number) if isinstance(number, int | float) and role in (
            "slider", "progress") else ""
    return Described(name.strip(), role, frozenset(states), value,
                     _position(instance, role), expandable)
