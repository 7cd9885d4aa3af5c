"""`python -m sdk.runtime._renderer_main FD`: the renderer process's entry point.

Kept apart from `_renderer_process` (which the package imports) so that
running it as `__main__` does not import it twice.
"""

import sys

from ._renderer_process import main

sys.exit(main(sys.argv[1:]))
