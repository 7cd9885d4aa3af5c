# The compiled build's layout of `CommandBuffer`: its fields become C struct
# members, so compiled code appends without a type lookup. The `.py` stays the
# source; the pure build never reads this.
cdef class CommandBuffer:
    cdef public object _buf, _count
