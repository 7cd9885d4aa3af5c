# The compiled build's layout of `ForInstance` and `RowInstance` (see `_instance.pxd`).
from sdk.reconciler._instance cimport Instance

cdef class ForInstance(Instance):
    cdef public object _reaction, mounted, rows, spare_watch

cdef class RowInstance(Instance):
    cdef public object _reaction, child, item, key, mounted
