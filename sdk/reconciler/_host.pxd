# The compiled build's layout of `HostInstance` (see `_instance.pxd`).
import cython

from sdk.reconciler._instance cimport Instance

cdef class HostInstance(Instance):
    cdef public object _binds, _collect, _image, block, children, in_block, kind, lazy, node
    cdef public object template

    cpdef mount(self, before)
    @cython.locals(child=Instance)
    cpdef unmount(self, detach)
    cpdef first_host(self)
