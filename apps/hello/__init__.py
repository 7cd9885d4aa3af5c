"""The hello app: a counter, a clock that ticks every second, and a keyed list.

Run it with `./dev demo` (or `python -m sdk run apps.hello`). Keys: arrows
move focus, select presses; 1 shuffles the list, 2 inserts a title, 3 removes
one (the buttons do the same).
"""

from .app import Hello as Hello
from .app import root as root

__all__ = ["Hello", "root"]
