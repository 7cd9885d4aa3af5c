"""`Announcer`: speaks where focus lands and what live regions say.

It observes one `SceneRoot` (`SceneRoot.add_observer`) and reads nodes from
the reconciler (`_describe.py`): no dump, no extra traffic with the engine.

* **Focus.** A `FOCUS` event (the engine moved focus) starts a debounce
  timer of `debounce_ms` on the app's clock (virtual in tests); another focus
  move restarts it. When it fires, the focused node is described (`name,
  role, states, value, position`) and spoken with `interrupt=True`, cutting
  off whatever was being said; when the focused node lies in another titled
  container (a labelled focus scope, list, dialog, menu...) than the last
  spoken one, the container's title goes first: `"Trending, list. Dune, 3 of
  12"`; a dialog adds its message (`"Sign out?, dialog. You will need your
  password again. Cancel, button"`). So holding right across a rail speaks
  only the poster where focus stops. A focused `scrollview` (text to read)
  is followed by the text it holds.
* **Changes of the focused node.** After each flush the focused node's
  states and value are compared with what was last said; a change (a switch
  flipped, a slider moved) is spoken briefly (`"on"`, `"45%"`), debounced the
  same way. When its name or role changed (a rail's items were replaced and
  the focused cell shows another title), it is spoken in full.
* **Live regions** (`live="polite"|"assertive"` on a node, `_host_props.py`):
  after each flush every mounted region's text (its `label` if it has one,
  else its visible text) is compared with what it said last; new text is
  spoken, assertive at once with `interrupt=True`, polite after `debounce_ms`
  queued behind the current utterance, and after the focus
  speech when a focus move is still waiting for its debounce (a dialog that
  closes with a toast says where focus went, then the toast, instead of
  cutting the toast off). A hidden region
  (it or an ancestor `visible=False`: a covered page) says nothing, and
  when it is shown again says only what changed while it was hidden.
* `announce(text)` speaks app text (`"12 results"`), `stop()` silences.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from async_tasks import Clock, TimerHandle, current_clock
from renderer import BlurEvent, Event, FocusEvent

from ..reconciler import HostInstance, SceneRoot
from ._describe import (
    ENGLISH,
    Described,
    Phrases,
    describe,
    description_of,
    prop,
    scopes_of,
    shown_in_tree,
    text_of,
    title_of,
)
from ._speech import Speech

__all__ = ["DEBOUNCE_MS", "Announcer", "sentences"]

DEBOUNCE_MS = 200.0
"""How long focus must rest on a node before it is spoken (app clock ms)."""


def sentences(parts: list[str]) -> str:
    """Non-empty `parts` joined as sentences (`". "`, unless one already ends in . ? !)."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out:
            out += " " if out[-1] in ".?!" else ". "
        out += part
    return out


class Announcer:
    """Speaks focus changes and live regions of `root` through `speech`.

    Args:
        root: the mounted tree: a started `App`'s `app.root`, or a `SceneRoot` you
            hand to `App`.
        speech: the backend (`EspeakSpeech(locale)` on devices, `RecordingSpeech` in tests).
        clock: the app's clock (default: the installed runtime clock).
        debounce_ms: how long focus must rest before it is spoken.
        phrases: the words for roles and states (translate with the locale).
    """

    def __init__(self, root: SceneRoot, speech: Speech, *, clock: Clock | None = None,
                 debounce_ms: float = DEBOUNCE_MS, phrases: Phrases = ENGLISH) -> None:
        if debounce_ms < 0:
            raise ValueError(f"debounce_ms must be >= 0, got {debounce_ms!r}")
        self.root = root
        self.speech = speech
        self.phrases = phrases
        self.debounce_ms = float(debounce_ms)
        self._clock = clock if clock is not None else current_clock()
        self._focus_timer: TimerHandle | None = None
        self._change_timer: TimerHandle | None = None
        self._polite: dict[int, TimerHandle] = {}
        self._after_focus: list[int] = []
        self._spoken_node = 0
        self._spoken: Described | None = None
        self._scopes: list[int] = []
        self._live_text: dict[int, str] = {}
        self._closed = False
        root.add_observer(self)

    # what the harness and tools ask ---------------------------------------------------

    @property
    def timers(self) -> list[TimerHandle]:
        """The announcer's pending timers (speech waiting for its debounce)."""
        handles = [self._focus_timer, self._change_timer, *self._polite.values()]
        return [h for h in handles if h is not None and not h.done and not h.cancelled]

    # observer ---------------------------------------------------------------------------

    def after_events(self, root: SceneRoot, events: Sequence[Event]) -> None:
        """Restart the focus debounce when the engine moved focus."""
        for event in events:
            if isinstance(event, FocusEvent) and event.node:
                self._restart_focus()
            elif isinstance(event, BlurEvent) and event.next == 0 and event.node:
                self._spoken_node = 0

    def after_flush(self, root: SceneRoot, batch: bytes) -> None:
        """Check the focused node and the live regions for something new to say."""
        if not batch or self._closed:
            return
        scene = root.scene
        focused = scene.focused
        if (focused and focused == self._spoken_node and self._focus_timer is None
                and self._spoken is not None):
            instance = scene.nodes.get(focused)
            if instance is not None:
                now, before = describe(instance), self._spoken
                if (now.name, now.role) != (before.name, before.role):
                    self._restart_focus()  # the node shows something else now: say it all
                elif (now.states, now.value) != (before.states, before.value):
                    self._restart_change()
        self._check_live(scene.live)

    # focus -------------------------------------------------------------------------------

    def _restart_focus(self) -> None:
        if self._focus_timer is not None:
            self._focus_timer.cancel()
        if self._change_timer is not None:
            self._change_timer.cancel()
            self._change_timer = None
        self._focus_timer = self._clock.call_later(self.debounce_ms, self._speak_focus)

    def _speak_focus(self) -> None:
        self._focus_timer = None
        try:
            self._say_focus()
        finally:
            waiting, self._after_focus = self._after_focus, []
            for node in waiting:
                self._speak_polite(node)

    def _say_focus(self) -> None:
        node = self.root.scene.focused
        instance = self.root.scene.nodes.get(node) if node else None
        if instance is None or self._closed:
            return
        said = describe(instance)
        text = said.speech(self.phrases)
        if said.role == "scrollview":
            # Text to read (an About page): read it after its name; the next key
            # interrupts. Without this a viewer who cannot see it cannot reach it.
            text = sentences([text, text_of(instance)])
        scopes = scopes_of(instance)
        entered = [s for s in scopes if s.node not in self._scopes]
        self._scopes = [s.node for s in scopes]
        if node == self._spoken_node and said == self._spoken and not entered:
            return  # focus went away and came back before anything was said
        text = sentences([self.title_of(s) for s in entered] + [text])
        self._spoken_node, self._spoken = node, said
        if text:
            self.speech.speak(text, interrupt=True)

    def title_of(self, scope: HostInstance) -> str:
        """How a container is introduced: `"Trending, list"` (a page by its title alone);
        a dialog adds its message: `"Sign out?, dialog. You will need your password."`."""
        role = prop(scope, "role")
        word = self.phrases.roles.get(role, "") if isinstance(role, str) else ""
        title = ", ".join(p for p in (title_of(scope), word) if p)
        if role == "dialog":
            title = sentences([title, description_of(scope)])
        return title

    def _restart_change(self) -> None:
        if self._change_timer is not None:
            self._change_timer.cancel()
        self._change_timer = self._clock.call_later(self.debounce_ms, self._speak_change)

    def _speak_change(self) -> None:
        self._change_timer = None
        node = self._spoken_node
        instance = self.root.scene.nodes.get(node) if node else None
        if instance is None or self._closed or node != self.root.scene.focused:
            return
        said = describe(instance)
        before, self._spoken = self._spoken, said
        if before is not None and (said.states, said.value) == (before.states, before.value):
            return
        text = said.speech(self.phrases, brief=True)
        if text:
            self.speech.speak(text, interrupt=True)

    # live regions -----------------------------------------------------------------------

    def _check_live(self, live: dict[int, HostInstance]) -> None:
        known = self._live_text
        for node in [n for n in known if n not in live]:
            del known[node]
            timer = self._polite.pop(node, None)
            if timer is not None:
                timer.cancel()
        for node, instance in live.items():
            label = prop(instance, "label")
            # Its label, when it has one, is what to say ("4 results" for a line that
            # shows '4 results for “dr”'); else its visible text.
            text = label.strip() if isinstance(label, str) and label.strip() \
                else text_of(instance)
            if not shown_in_tree(instance):
                # Hidden (a covered page): silent. What it said is kept, so coming back
                # to the page says it again only if it changed meanwhile.
                continue
            if known.get(node) == text:
                continue
            known[node] = text
            if not text:
                continue
            if prop(instance, "live") == "assertive":
                self.speech.speak(text, interrupt=True)
            else:
                timer = self._polite.pop(node, None)
                if timer is not None:
                    timer.cancel()
                self._polite[node] = self._clock.call_later(
                    self.debounce_ms, functools.partial(self._speak_polite, node))

    def _speak_polite(self, node: int) -> None:
        self._polite.pop(node, None)
        if self._focus_timer is not None and not self._focus_timer.cancelled:
            if node not in self._after_focus:
                self._after_focus.append(node)  # said right after the focus speech
            return
        text = self._live_text.get(node)
        if text and not self._closed:
            self.speech.speak(text, interrupt=False)

    # app calls ------------------------------------------------------------------------

    def announce(self, text: str, *, interrupt: bool = False) -> None:
        """Speak app text now (`"12 results"`): queued, or cutting in with `interrupt`."""
        if text and not self._closed:
            self.speech.speak(text, interrupt=interrupt)

    def stop(self) -> None:
        """Silence: stop speaking and drop what waits for its debounce."""
        for timer in self.timers:
            timer.cancel()
        self._focus_timer = self._change_timer = None
        self._polite.clear()
        self._after_focus.clear()
        self.speech.stop()

    def close(self) -> None:
        """Stop listening to the root (idempotent); the speech backend is the caller's."""
        if self._closed:
            return
        self.stop()
        self._closed = True
        self.root.remove_observer(self)
