"""The "who's watching" page: four profiles and an "add profile" tile.

Run it with `python -m sdk run apps.profiles` (a window when a display
exists). Left/right move focus; the focused tile scales up and glows (state
styles applied by the engine, animated by the engine with a spring and an
ease-out); select opens a stub home page, back returns to the profiles with
focus on the same tile.
"""

from .app import PROFILES as PROFILES
from .app import Profile as Profile
from .app import Profiles as Profiles
from .app import root as root

__all__ = ["PROFILES", "Profile", "Profiles", "root"]
