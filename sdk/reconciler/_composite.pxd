# The compiled build's layout of `ComponentInstance` (see `_instance.pxd`).
from sdk.reconciler._instance cimport Instance

cdef class ComponentInstance(Instance):
    cdef public object _reaction, child, hooks, mounted
