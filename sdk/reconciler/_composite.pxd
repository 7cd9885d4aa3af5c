# The compiled build's layout of `ComponentInstance` (see `_instance.pxd`).
from sdk.reconciler._instance cimport Instance

cdef class ComponentInstance(Instance):
    cdef public object _reaction, hooks, mounted
    cdef public Instance child

    cpdef mount(self, before)
    cpdef unmount(self, detach)
    cpdef first_host(self)
