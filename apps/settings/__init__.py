"""The settings app: a settings page built only from the widget kit.

A menu of sections on the left (Playback, Audio, Display, About, System); the
chosen section's controls on the right: switches, choices (`Select`), the
volume (`Slider`), audio languages to download (`Checkbox`), a long About
text (`ScrollView`), and a reset behind a `Dialog` that ends with a `Toast`.
Every value is a stored value (`sdk.storage.use_stored`), so it survives a
restart. Text size and reduce motion are applied to the running app through
the viewer's settings (`use_viewer_choices`).

Run it with `python -m sdk run apps.settings` (values in
`$XDG_DATA_HOME/marquee/com.marquee.settings/`, or `MARQUEE_SETTINGS_DIR`).
"""

from .app import APP_ID as APP_ID
from .app import DEFAULTS as DEFAULTS
from .app import SCHEMA as SCHEMA
from .app import TEXT_SCALES as TEXT_SCALES
from .app import SettingsApp as SettingsApp
from .app import migrate as migrate
from .app import root as root
from .app import use_viewer_choices as use_viewer_choices

__all__ = ["APP_ID", "DEFAULTS", "SCHEMA", "TEXT_SCALES", "SettingsApp", "migrate", "root",
           "use_viewer_choices"]
