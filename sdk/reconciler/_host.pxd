# The compiled build's layout of `HostInstance` (see `_instance.pxd`).
import cython

from sdk.reconciler._instance cimport Instance
from sdk.reconciler._scene cimport Scene

cdef class HostInstance(Instance):
    cdef public object _binds, _collect, _image, block, children, in_block, kind, lazy, node
    cdef public object template

    @cython.locals(scene=Scene)
    cpdef mount(self, before)
    @cython.locals(child=Instance, scene=Scene)
    cpdef unmount(self, detach)
    cpdef apply_props(self, props, baked=*)
    cpdef _bind(self, name, source)
    cpdef first_host(self)
