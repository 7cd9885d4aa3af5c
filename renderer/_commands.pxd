# The compiled build's layout of `CommandBuffer`: its fields become C struct
# members, so compiled code appends without a type lookup. The `.py` stays the
# source; the pure build never reads this.
cdef class CommandBuffer:
    cdef public object _buf, _count

    # (C calls from the compiled row path)
    cpdef insert(self, parent, child, before=*)
    cpdef set_text(self, node, string)
    cpdef instantiate(self, template, base)
