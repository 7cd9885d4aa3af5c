# The compiled build's layout of `Instance` (see docs/performance.md): its
# fields become C struct members, so compiled code reads `self.scene` without
# a type lookup. The `.py` stays the source; the pure build never reads this.
cdef class Instance:
    cdef public object depth, element, host_parent, owner, parent, scene
