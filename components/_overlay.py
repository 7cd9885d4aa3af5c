"""`Overlay`: a full-screen layer above the page, for dialogs and menus.

The layer is an absolutely positioned view covering its parent (mount it at
the page root), painted above its siblings (`z_index`), over an optional
scrim. It is a focus scope: the engine only moves focus among the nodes
inside it, so arrows cannot leave the dialog. Focus has to get in first:
pass `initial_focus=` (a `Ref` attached to a focusable node inside) and the
overlay focuses it once mounted; `return_focus=` is focused again when the
overlay goes away. The back key calls `on_close`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from renderer import Key, KeyAction, KeyEvent
from sdk import VIEW, Element, Ref, component, host_element, use_effect
from sdk.reconciler import Child

from ._theme import use_theme

__all__ = ["Overlay"]


@component
def _Overlay(*children: Element, scrim: bool | str, on_close: Callable[[], object] | None,
             initial_focus: Ref | None, return_focus: Ref | None,
             style: dict[str, object]) -> Element:
    theme = use_theme()

    def enter() -> Callable[[], None]:
        if initial_focus is not None and initial_focus.node is not None:
            initial_focus.focus()

        def leave() -> None:
            if return_focus is not None and return_focus.node is not None:
                return_focus.focus()

        return leave

    use_effect(enter)

    def on_key(event: KeyEvent) -> bool:
        if (on_close is not None and event.key == Key.BACK
                and event.action == KeyAction.DOWN):
            on_close()
            return True
        return False

    props: dict[str, object] = {
        "role": "dialog",
        "position": "absolute",
        "left": 0,
        "top": 0,
        "width": "100%",
        "height": "100%",
        "z_index": 1000,
        "focus_scope": True,
        "direction": "column",
        "justify": "center",
        "align": "center",
        "on_key": on_key,
    }
    if scrim is not False:
        props["background"] = theme.colors.scrim if scrim is True else scrim
    props.update(style)
    return host_element(VIEW, children, props, None)


def Overlay(*children: Child, scrim: bool | str = True,
            on_close: Callable[[], object] | None = None,
            initial_focus: Ref | None = None, return_focus: Ref | None = None,
            key: Hashable | None = None, **style: object) -> Element:
    """A full-screen layer (role `dialog`) above the page that keeps focus inside.

    `scrim` dims the page (`True`: the theme's scrim colour; a colour string;
    `False`: none). Children are centred; style props override the layer's.

    Example:
        ```python
        ok = Ref()
        Show(Overlay(Column(Text("Delete this profile?"),
                            Row(Button("Delete", ref=ok, on_press=delete),
                                Button("Cancel", on_press=close), gap=24),
                            gap=32, padding=48, background="#1b1f2a", radius=20),
                     initial_focus=ok, on_close=close, label="Confirm delete"),
             when=confirming)
        ```
    """
    if on_close is not None and not callable(on_close):
        raise TypeError(f"Overlay(on_close=...) must be callable, got {on_close!r}")
    for name, ref in (("initial_focus", initial_focus), ("return_focus", return_focus)):
        if ref is not None and not isinstance(ref, Ref):
            raise TypeError(f"Overlay({name}=...) must be a sdk.Ref, got {ref!r}")
    return _Overlay(*children, scrim=scrim, on_close=on_close, initial_focus=initial_focus,
                    return_focus=return_focus, style=style, key=key)
