"""The search screen: an on-screen keyboard, a query line and a grid of results.

Built from the kit only: a `TextField` and a `Keyboard` share one `TextEdit`
over the query signal; `debounced` turns the query into a settled one once
typing pauses (`DEBOUNCE_MS` on the app's clock), and `use_resource` loads
`/api/search?q=` for it (the latest query wins: a newer one cancels the
request in flight). Below the keyboard, one status line says what is going
on (a hint while the query is empty, a spinner while searching, the count,
"no titles match", or the error with "Try again"), and the results are
`Card`s in a wrapping, scrolling grid.

Speech: the status line is a polite live region (`live="polite"`) for the
states a search ends in, labelled with what is said ("4 results", "No
results", the hint, the error), not the visible text with the query in
quotes, which a speech engine reads badly ("dr" is "doctor"); the loading
line is not live, so only where a search ends is spoken, once per query (the
line is keyed by its query: "No results" again for a longer query that still
matches nothing, whether or not the loading line showed in between). Each result says its
position: "Dune, 2021 · Drama, button, 3 of 9".

Focus: the keyboard has focus when the screen opens; up goes to the query
line, down to the results. The grid stops right at its edge
(`stop_at_edges="right"`), so Right on the last result of a row stays there
instead of jumping up into the keyboard. Select on a result opens its
details; back returns to it.
"""

from __future__ import annotations

from collections.abc import Callable

from async_tasks import Resource, debounced, timeout
from components import (
    Button,
    Card,
    Column,
    Keyboard,
    Row,
    Spinner,
    Text,
    TextEdit,
    TextField,
    View,
    current_theme,
)
from sdk import (
    Element,
    Ref,
    component,
    use_effect,
    use_memo,
    use_resource,
    use_signal,
)

from ._api import TitleData
from ._i18n import use_translator
from ._widgets import PAGE_BACKGROUND, describe, use_api

__all__ = ["DEBOUNCE_MS", "MAX_QUERY", "Search"]

DEBOUNCE_MS = 400.0
"""How long typing must pause before the query is sent."""
MAX_QUERY = 40
"""The longest query, in grapheme clusters."""
CARD_W = 320
CARD_IMAGE_H = 180



@component
def Search(timeout_ms: float, open_title: Callable[[TitleData], None] | None = None) -> Element:
    """The search page: query line, keyboard, status and results."""
    api = use_api()
    t = use_translator()
    theme = current_theme()
    query = use_signal("")
    edit = use_memo(lambda: TextEdit(query, max_length=MAX_QUERY))
    settled = use_memo(lambda: debounced(query, DEBOUNCE_MS))
    keyboard = use_memo(Ref)
    use_effect(lambda: keyboard.focus())

    def load(text: str) -> object:
        return timeout(timeout_ms, api.search(text), what=f"the search for {text!r}")

    results: Resource[str, tuple[TitleData, ...]] = use_resource(
        lambda: settled().strip() or None, load)

    def opener(title: TitleData) -> None:
        if open_title is not None:
            open_title(title)

    return Column(
        TextField(edit, placeholder=t.gettext("Titles or genres"), label=t.gettext("Search"),
                  width=1100,
                  test_id="search-query"),
        Keyboard(layout="qwerty", target=edit, key_size=64, focus_scope=True, ref=keyboard,
                 label=t.gettext("Search keyboard"), test_id="search-keyboard",
                 align_self="start"),  # under the query's start: its right end in Arabic
        Results(results=results, settled=settled, open_title=opener, keyboard=keyboard),
        gap=theme.spacing.md, width="100%", height="100%", padding=(54, 96),
        background=PAGE_BACKGROUND, test_id="search",
    )


@component
def Results(results: Resource[str, tuple[TitleData, ...]], settled: Callable[[], str],
            open_title: Callable[[TitleData], None], keyboard: Ref) -> Element:
    """The status line and the grid (re-rendered when the search's state changes)."""

    def retry() -> None:
        # "Try again" goes away while the search runs: focus goes back to the key the
        # viewer typed last (the keyboard's scope remembers it), not wherever the
        # engine would put it.
        keyboard.focus()
        results.refetch()

    theme = current_theme()
    t = use_translator()
    muted = theme.colors.text_muted
    text = settled().strip()
    error = results.error
    found = results.value if text else None
    if not text:
        status: Element = Text(t.gettext("Type a title or a genre"), color=muted, live="polite",
                               test_id="search-hint")
    elif results.loading:
        status = Row(Spinner(size=40, label=t.gettext("Searching")),
                     Text(t.gettext("Searching for “{query}”").format(query=text), color=muted),
                     gap=16, align="center", test_id="search-loading")
    elif error is not None:
        message = describe(error)
        failed = t.gettext("Couldn't search")
        status = Row(
            View(Text(failed, test_id="search-error-title"),
                 Text(message, size=theme.type.caption, color=muted, max_lines=1,
                      shrink=1.0, test_id="search-error-message"),
                 direction="row", gap=24, align="center", shrink=1.0, min_width=0,
                 live="polite", label=f"{failed}. {message}"),
            Button(t.gettext("Try again"), on_press=retry, test_id="search-retry"),
            gap=24, align="center", test_id="search-error", role="alert",
            label=failed)
        found = None
    elif not found:
        status = Text(t.gettext("No titles match “{query}”").format(query=text), color=muted,
                      live="polite", label=t.gettext("No results"), test_id="search-empty",
                      key=("empty", text))
    else:
        count = len(found)
        said = t.ngettext("{n} result", "{n} results", count).format(
            n=t.format_number(count))
        status = Text(t.gettext("{results} for “{query}”").format(results=said, query=text),
                      color=muted, live="polite", label=said,
                      test_id="search-count", key=("count", text))
    shown = found or ()
    cards = [Card(t.name, image=t.poster, subtitle=f"{t.year} · {t.genre}", width=CARD_W,
                  image_height=CARD_IMAGE_H, on_press=lambda t=t: open_title(t),
                  position_in_set=(i + 1, len(shown)), test_id=f"result-{i}", key=t.id)
             for i, t in enumerate(shown)]
    return Column(
        View(status, height=56, align="center", shrink=0.0),
        View(*cards, wrap="wrap", gap=24, align="start", align_content="start",
             overflow="scroll", grow=1.0, basis=0, min_height=0,
             padding=(16, 12), scroll_margin=24, focus_scope=True, stop_at_edges="right",
             role="list", label=t.gettext("Results"), test_id="search-results"),
        gap=8, grow=1.0, basis=0, min_height=0, width="100%",
    )
