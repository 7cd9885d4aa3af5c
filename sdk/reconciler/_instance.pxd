# The compiled build's layout of `Instance` (see docs/performance.md): its
# fields become C struct members, so compiled code reads `self.scene` without
# a type lookup. The `.py` stays the source; the pure build never reads this.
import cython


cdef class Instance:
    cdef public object depth, element, host_parent, owner, parent, scene

    # The lifecycle calls made once per row: C calls between compiled classes
    # (a Python subclass's override is still found, as for any method).
    cpdef mount(self, before)
    cpdef unmount(self, detach)
    cpdef first_host(self)


@cython.locals(instance=Instance)
cpdef unmount_all(scene, host_parent, instances, owner=*)
