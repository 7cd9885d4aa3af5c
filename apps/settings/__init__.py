"""The settings app: a settings page built only from the widget kit.

A menu of sections on the left (Playback, Audio, Display, About, System); the
chosen section's controls on the right: switches, choices (`Select`), the
volume (`Slider`), audio languages to download (`Checkbox`), the device name
(`TextField`), a long About text (`ScrollView`), and a reset behind a
`Dialog` that ends with a `Toast`. Every value is a stored value
(`sdk.storage.use_stored`), so it survives a restart.

Run it with `python -m sdk run apps.settings` (values in
`$XDG_DATA_HOME/marquee/com.marquee.settings/`, or `MARQUEE_SETTINGS_DIR`).
"""

from .app import APP_ID as APP_ID
from .app import DEFAULTS as DEFAULTS
from .app import SettingsApp as SettingsApp
from .app import root as root

__all__ = ["APP_ID", "DEFAULTS", "SettingsApp", "root"]
