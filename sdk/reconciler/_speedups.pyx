# cython: language_level=3
"""The compiled build's row path: elements, `host_element` and the template match in C.

These are the three things a `For` row does per node, however simple the row:
the app's render builds its elements (`Element`, through `host_element`), and
the reconciler checks each row against the last row's template (`match`).
Written as plain Python (the pure-Python build, `_element.py`,
`_component.py`, `_templates.py`), each costs a few hundred nanoseconds of
interpreter work per node; here they cost tens (docs/performance.md).

`sdk/reconciler/_native.py` loads this module (never under `MARQUEE_PURE=1`;
the guard in `renderer._native` refuses a stale build) and the pure modules take what it offers:

* `ElementBase`: the four fields of `Element` as C fields. `Element` stays a
  Python class (its methods, `isinstance`, the repr) with this as its base.
* `host_element`: the hot case only (known prop names, children that are
  elements already); anything else calls the pure function, so errors and
  their messages are the pure-Python ones.
* `match`: `_Template.match` over dict props; a props mapping that is not a
  dict goes to the pure method.
"""

from cpython.dict cimport PyDict_Next, PyDict_GetItem, PyDict_CheckExact, PyDict_Size
from cpython.list cimport PyList_Append
from cpython.object cimport PyObject, PyTypeObject
from cpython.tuple cimport PyTuple_GET_SIZE, PyTuple_GET_ITEM

from attrs.exceptions import FrozenInstanceError

cdef class ElementBase:
    """The fields of an `Element`, immutable once `__init__` has set them."""

    cdef readonly object type
    cdef readonly object props
    cdef readonly object children
    cdef readonly object key

    def __init__(self, type, props, children=(), key=None):
        self.type = type
        self.props = props
        self.children = children
        self.key = key

    def __setattr__(self, name, value):
        raise FrozenInstanceError()

    def __delattr__(self, name):
        raise FrozenInstanceError()


# Set by `install` (the pure modules' objects: importing them here would be circular).
cdef type element_cls = None
cdef tuple EMPTY = ()
cdef object known_names = None
cdef object pure_host_element = None
cdef object view_kind = None
cdef object equal = None
cdef object per_copy_marker = None


def install_elements(element, known, pure_host, view):
    """Hand `host_element` and `match` the pure modules' objects (once, at import)."""
    global element_cls, known_names, pure_host_element, view_kind
    if not issubclass(element, ElementBase) or any(
            name in vars(element) for name in ("__init__", "__new__", "__setattr__")):
        raise TypeError(f"{element!r} must subclass ElementBase without its own "
                        "__init__, __new__ or __setattr__ (host_element makes it directly)")
    element_cls = element
    known_names = known
    pure_host_element = pure_host
    view_kind = view


def install_match(equal_fn, per_copy):
    """Hand `match` the pure value comparison and the prop order's marker (once, at
    import)."""
    global equal, per_copy_marker
    equal = equal_fn
    per_copy_marker = per_copy


cdef extern from "Python.h":
    bint PyObject_IS_GC(object)
    int PyObject_GC_IsTracked(object)
    void PyObject_GC_UnTrack(void *)


cdef inline bint untracked(object value):
    """Whether the cycle collector does not watch `value` (it holds no tracked object)."""
    return not PyObject_IS_GC(value) or not PyObject_GC_IsTracked(value)


cdef inline object new_element(host, props, children, key, bint children_untracked):
    """An `Element` made without calling the class (`Element` adds no `__init__` of its
    own): the call's argument tuple costs more than the fields.

    An element that refers to no tracked object cannot be part of a reference
    cycle, so it is untracked, as CPython untracks such tuples and dicts: most
    elements of a list (texts, icons) carry only strings and numbers, and the
    collector then never walks them, however many rows are mounted. (Its host
    type is a module constant that refers to no element. Props are the
    element's own: a dict changed after the element was made is not supported
    anywhere in the reconciler.)"""
    cdef ElementBase el = (<PyTypeObject*>element_cls).tp_new(element_cls, <PyObject*>EMPTY, NULL)
    el.type = host
    el.props = props
    el.children = children
    el.key = key
    if children_untracked and untracked(props) and untracked(key):
        PyObject_GC_UnTrack(<void *>el)
    return el


def host_element(host, children, props, key):
    """`host_element` for known prop names and element children; else the pure one."""
    cdef Py_ssize_t i, n
    cdef bint children_untracked = True
    kind = host.kind
    if not PyDict_CheckExact(props) or not known_keys(<frozenset>known_names[kind], props):
        return pure_host_element(host, children, props, key)
    if type(children) is not tuple:
        return pure_host_element(host, children, props, key)
    n = PyTuple_GET_SIZE(children)
    if n == 0:
        return new_element(host, props, (), key, True)
    if kind is not view_kind:
        return pure_host_element(host, children, props, key)
    for i in range(n):
        child = <object>PyTuple_GET_ITEM(children, i)
        if type(child) is not element_cls:
            return pure_host_element(host, children, props, key)
        if children_untracked and PyObject_GC_IsTracked(child):
            children_untracked = False
    if children_untracked and PyObject_GC_IsTracked(children):
        PyObject_GC_UnTrack(<void *>children)  # (as the collector would: its items are)
    return new_element(host, props, children, key, children_untracked)


cdef bint known_keys(frozenset known, dict props):
    """Whether every key of `props` is in `known` (`issuperset` would build a set first)."""
    cdef Py_ssize_t pos = 0
    cdef PyObject *key_ptr
    cdef PyObject *value_ptr
    while PyDict_Next(props, &pos, &key_ptr, &value_ptr):
        if <object>key_ptr not in known:
            return False
    return True


cdef object NOT_IN_ORDER = object()


cdef object in_order(dict props, tuple order, Py_ssize_t *found):
    """The match of one node when its props come in the template's order with the same
    name objects and the carried values are the very ones: no lookups. Returns the
    node's extras (None: none), or `NOT_IN_ORDER`: the general walk decides."""
    cdef Py_ssize_t pos = 0, i = 0, n = PyTuple_GET_SIZE(order)
    cdef PyObject *key_ptr
    cdef PyObject *value_ptr
    cdef tuple entry
    cdef list out = None
    if PyDict_Size(props) != n:
        return NOT_IN_ORDER
    while PyDict_Next(props, &pos, &key_ptr, &value_ptr):
        entry = <tuple>PyTuple_GET_ITEM(order, i)
        i += 1
        if PyTuple_GET_ITEM(entry, 0) != key_ptr:
            return NOT_IN_ORDER
        if PyTuple_GET_ITEM(entry, 1) == value_ptr:
            found[0] += 1
            continue
        if PyTuple_GET_ITEM(entry, 1) != <PyObject *>per_copy_marker:
            return NOT_IN_ORDER  # a carried prop with another value: the walk compares
        value = <object>value_ptr
        if value is None:
            continue
        if <object>PyTuple_GET_ITEM(entry, 2) is True and not callable(value):
            return NOT_IN_ORDER  # a value the template could carry: the walk says no
        if out is None:
            out = [(<object>key_ptr, value)]
        else:
            PyList_Append(out, (<object>key_ptr, value))
    return out


def match(list spec, Py_ssize_t size, element, list flat, list extras, empty):
    """`_Template.match`: whether `element`'s subtree is a copy of the template `spec`.

    On a match, `flat` holds its nodes (pre-order) and `extras` each node's
    props the template does not carry (`empty` for none). None: a node is not
    an `Element` or its props are not a dict, so the pure method must decide.
    """
    cdef list stack = [element]
    cdef Py_ssize_t index = 0, found, pos, n_children, c
    cdef PyObject *key_ptr
    cdef PyObject *value_ptr
    cdef PyObject *want_ptr
    cdef ElementBase el
    cdef tuple entry, children
    cdef dict values, props
    cdef frozenset names
    cdef list extra
    while stack:
        node = stack.pop()
        if index == size or type(node) is not element_cls:
            return False if index == size else None
        el = <ElementBase>node
        entry = <tuple>spec[index]
        index += 1
        children = <tuple>el.children
        n_children = <Py_ssize_t>entry[2]
        if el.type is not entry[0] or PyTuple_GET_SIZE(children) != n_children:
            return False
        if not PyDict_CheckExact(el.props):
            return None
        props = <dict>el.props
        values = <dict>entry[1]
        names = <frozenset>entry[3]
        found = 0
        ordered = in_order(props, <tuple>entry[4], &found)
        if ordered is not NOT_IN_ORDER and found == len(values):
            PyList_Append(flat, el)
            PyList_Append(extras, empty if ordered is None else ordered)
            for c in range(n_children - 1, -1, -1):
                PyList_Append(stack, <object>PyTuple_GET_ITEM(children, c))
            continue
        extra = None
        found = 0
        pos = 0
        while PyDict_Next(props, &pos, &key_ptr, &value_ptr):
            want_ptr = PyDict_GetItem(values, <object>key_ptr)
            if want_ptr == value_ptr:  # the usual case: the very value the template carries
                found += 1
                continue
            value = <object>value_ptr
            if value is None:
                continue
            name = <object>key_ptr
            if name in names and not callable(value):
                if want_ptr == NULL or not equal(<object>want_ptr, value):
                    return False
                found += 1
            elif extra is None:
                extra = [(name, value)]
            else:
                PyList_Append(extra, (name, value))
        if found != len(values):
            return False
        PyList_Append(flat, el)
        PyList_Append(extras, empty if extra is None else extra)
        for c in range(n_children - 1, -1, -1):
            PyList_Append(stack, <object>PyTuple_GET_ITEM(children, c))
    return index == size


# the string table ------------------------------------------------------------------------

cdef object release_header = None  # RELEASE_STRING's u32 header (set by install_strings)
cdef unsigned int set_text_header = 0
cdef unsigned int define_op = 0
cdef Py_ssize_t max_payload = 0
cdef Py_ssize_t keep_newest = 0


def install_strings(unsigned int release_h, unsigned int set_text_h, unsigned int define_opcode,
                    Py_ssize_t max_len, Py_ssize_t keep):
    """Hand the table the encoder's constants and the pure table's byte-bound floor."""
    global release_header, set_text_header, define_op, max_payload, keep_newest
    release_header = release_h
    set_text_header = set_text_h
    define_op = define_opcode
    max_payload = max_len
    keep_newest = keep


cdef inline Py_ssize_t utf8_size(str text):
    return len(text) if text.isascii() else len(text.encode("utf-8"))


cdef inline bytes u32_triple(unsigned int a, unsigned int b, unsigned int c):
    cdef unsigned char out[12]
    cdef int i
    for i in range(4):
        out[i] = (a >> (8 * i)) & 0xFF
        out[4 + i] = (b >> (8 * i)) & 0xFF
        out[8 + i] = (c >> (8 * i)) & 0xFF
    return (<char *>out)[:12]


cdef inline bytes u32_pair(unsigned int a, unsigned int b):
    cdef unsigned char out[8]
    cdef int i
    for i in range(4):
        out[i] = (a >> (8 * i)) & 0xFF
        out[4 + i] = (b >> (8 * i)) & 0xFF
    return (<char *>out)[:8]


cdef class StringTable:
    """`_strings.StringTable` in C: the same ids, commands, bounds and errors."""

    cdef object _ids
    cdef Py_ssize_t _capacity, _max_bytes, _bytes, _next
    cdef object _glyphs
    cdef list _spare
    cdef public Py_ssize_t evictions

    def __init__(self, capacity=4096, glyphs=None, max_bytes=1024 * 1024):
        if capacity < 1 or max_bytes < 1:
            raise ValueError(f"a string table needs capacity >= 1 and max_bytes >= 1, "
                             f"got capacity={capacity!r}, max_bytes={max_bytes!r}")
        from collections import OrderedDict
        self._capacity = capacity
        self._max_bytes = max_bytes
        self._glyphs = glyphs
        self._ids = OrderedDict()
        self._bytes = 0
        self._next = 1
        self._spare = []
        self.evictions = 0

    def id_for(self, str text, buf):
        """The id of `text`, defined in `buf` first if it is not defined yet."""
        cdef Py_ssize_t written = 0
        try:
            return self._id_for(text, buf, buf._buf, &written)
        finally:
            if written:
                buf._count += written

    cdef object _id_for(self, str text, buf, bytearray out, Py_ssize_t *written):
        # `out` is `buf`'s bytes (appended in place); the caller adds `written` to its
        # command count once: two attribute round trips per command cost more than
        # writing it.
        sid = self._ids.get(text)
        if sid is not None:
            self._ids.move_to_end(text)
            return sid
        return self._define(text, buf, out, written)

    cdef object _define(self, str text, buf, bytearray out, Py_ssize_t *written):
        cdef Py_ssize_t sid, size
        data = text.encode("utf-8")  # (a lone surrogate raises here, before any change)
        size = len(data)
        if size > max_payload - 4:
            raise ValueError(f"DEFINE_STRING: a string of {size} UTF-8 bytes is too long "
                             f"(at most {max_payload - 4})")
        extra = self._glyphs(text) if self._glyphs is not None else b""
        ids = self._ids
        if len(ids) >= self._capacity:  # a full table: the oldest id serves the new text
            old_text, old = ids.popitem(False)
            sid = old
            self._bytes -= utf8_size(old_text)
            self.evictions += 1
            out += u32_pair(<unsigned int>release_header, <unsigned int>sid)
            written[0] += 1
        elif self._spare:
            sid = self._spare.pop()
        else:
            sid = self._next
            self._next += 1
        if extra:
            buf.extend(extra)  # (counts its own commands; appends to the same bytes)
        out += u32_pair(define_op | <unsigned int>((4 + size) << 8), sid)
        out += data
        written[0] += 1
        ids[text] = sid
        self._bytes += size
        while self._bytes > self._max_bytes and len(ids) > keep_newest:
            old_text, old = ids.popitem(False)
            self._bytes -= utf8_size(old_text)
            self.evictions += 1
            out += u32_pair(<unsigned int>release_header, <unsigned int>old)
            written[0] += 1
            self._spare.append(old)
        return sid

    def forget_all(self):
        """Forget every definition (a fresh engine knows none of them)."""
        self._ids.clear()
        self._spare.clear()
        self._bytes = 0
        self._next = 1

    @property
    def capacity(self):
        """The most strings kept defined."""
        return self._capacity

    @property
    def max_bytes(self):
        """The most UTF-8 bytes kept defined (the newest few excepted)."""
        return self._max_bytes

    @property
    def byte_size(self):
        """UTF-8 bytes of the strings defined now."""
        return self._bytes

    def __len__(self):
        return len(self._ids)


# a lazy copy's update ----------------------------------------------------------------

cdef inline bint same_value(a, b):
    if type(a) is not type(b):
        return False
    try:
        return bool(a == b)
    except Exception:
        return False


def changed_offsets(list before, list after):
    """`_host.changed_offsets`: the inner nodes (offsets from 1) whose per-copy props differ."""
    cdef Py_ssize_t i, j, n = len(after)
    cdef list out = []
    cdef tuple pa, pb
    for i in range(1, n):
        a = before[i]
        b = after[i]
        if a is b:
            continue
        if len(a) != len(b):
            out.append(i)
            continue
        for j in range(len(a)):
            pa = <tuple>a[j]
            pb = <tuple>b[j]
            va = pa[1]
            vb = pb[1]
            if pa[0] != pb[0] or not (va is vb or (not callable(vb) and same_value(va, vb))):
                out.append(i)
                break
    return out


# a lazy copy's inner nodes ---------------------------------------------------------------

cdef object is_plain_prop = None


def install_copies(plain):
    """Hand the copy path `_host.is_plain_prop` (for props other than text)."""
    global is_plain_prop
    is_plain_prop = plain


def inner_props_are_plain(list extras):
    """`_host.inner_props_are_plain`: every node but the root carries plain props only."""
    cdef Py_ssize_t offset
    cdef tuple pair
    for offset in range(1, len(extras)):
        for item in <list>extras[offset]:
            pair = <tuple>item
            if not (pair[0] == "text" and type(pair[1]) is str) \
                    and not is_plain_prop(pair[0], pair[1]):
                return False
    return True


def set_inner_texts(list extras, Py_ssize_t base, strings, buf):
    """`_templates._lazy_copy`'s loop: `SET_TEXT` for each inner node whose one per-copy prop
    is a text; returns the other inner nodes with props (offsets), for Python to send."""
    cdef Py_ssize_t offset
    cdef list extra, rest = []
    cdef tuple pair
    cdef StringTable table = strings if type(strings) is StringTable else None
    cdef Py_ssize_t written = 0
    cdef bytearray out = buf._buf
    try:
        for offset in range(1, len(extras)):
            extra = <list>extras[offset]
            if not extra:
                continue
            if len(extra) == 1:
                pair = <tuple>extra[0]
                value = pair[1]
                if type(value) is str and pair[0] == "text":
                    if not value:
                        sid = 0
                    elif table is not None:
                        sid = table._id_for(value, buf, out, &written)
                    else:
                        buf._count += written  # (another table writes through the buffer)
                        written = 0
                        sid = strings.id_for(value, buf)
                    out += u32_triple(set_text_header, <unsigned int>(base + offset),
                                      <unsigned int>sid)
                    written += 1
                    continue
            rest.append(offset)
    finally:
        if written:
            buf._count += written
    return rest


# a lazy copy's update in one walk ---------------------------------------------------------

cdef int diff_node(list spec, Py_ssize_t size, object old, object new, Py_ssize_t *index,
                   list out, object empty, bint *root_same) except -2:
    """One node of `diff_copy` and its subtree: 1 (a copy), 0 (not a copy) or -1 (the
    Python path decides)."""
    cdef ElementBase o, n
    cdef tuple entry, old_children, new_children
    cdef Py_ssize_t offset = index[0], n_children, c, found
    cdef int result
    if offset == size:
        return 0
    if type(new) is not element_cls or type(old) is not element_cls:
        return -1
    o = <ElementBase>old
    n = <ElementBase>new
    entry = <tuple>spec[offset]
    index[0] = offset + 1
    new_children = <tuple>n.children
    old_children = <tuple>o.children
    n_children = <Py_ssize_t>entry[2]
    if n.type is not entry[0] or PyTuple_GET_SIZE(new_children) != n_children:
        return 0
    if PyTuple_GET_SIZE(old_children) != n_children:
        return -1
    if old is not new:
        if not PyDict_CheckExact(n.props) or not PyDict_CheckExact(o.props):
            return -1
        found = 0
        after = in_order(<dict>n.props, <tuple>entry[4], &found)
        if after is NOT_IN_ORDER or found != len(<dict>entry[1]):
            return -1
        if offset and after is not None and not plain_pairs(<list>after):
            return 0
        found = 0
        before = in_order(<dict>o.props, <tuple>entry[4], &found)
        if before is NOT_IN_ORDER or found != len(<dict>entry[1]):
            return -1
        if not offset:
            root_same[0] = same_pairs(before, after, True)
        elif not same_pairs(before, after, False):
            PyList_Append(out, (offset, empty if before is None else before,
                                empty if after is None else after))
    for c in range(n_children):
        result = diff_node(spec, size, <object>PyTuple_GET_ITEM(old_children, c),
                           <object>PyTuple_GET_ITEM(new_children, c), index, out, empty,
                           root_same)
        if result != 1:
            return result
    return 1


cdef bint plain_pairs(list pairs) except -1:
    cdef tuple pair
    for item in pairs:
        pair = <tuple>item
        if not (pair[0] == "text" and type(pair[1]) is str) \
                and not is_plain_prop(pair[0], pair[1]):
            return False
    return True


cdef bint same_pairs(before, after, bint closures) except -1:
    """`changed_offsets`'s comparison of one node's per-copy props (None: none); with
    `closures`, a new closure over the same objects counts as the same (as for a root's
    reactive props, see `_diff_props`)."""
    cdef Py_ssize_t j
    cdef tuple pa, pb
    if before is None or after is None:
        return before is after
    if len(<list>before) != len(<list>after):
        return False
    for j in range(len(<list>before)):
        pa = <tuple>(<list>before)[j]
        pb = <tuple>(<list>after)[j]
        va = pa[1]
        vb = pb[1]
        if pa[0] != pb[0]:
            return False
        if va is vb or (closures and same_closure(va, vb) is True):
            continue
        if callable(vb) or not same_value(va, vb):
            return False
    return True


def diff_copy(list spec, Py_ssize_t size, old, new, empty):
    """`HostInstance._update_copy`'s two matches and `changed_offsets` in one walk of the old
    and the new element of a lazy copy: whether the root's props may have changed, and
    the `(offset, before, after)` per-copy props of each inner node that changed; False
    if `new` is not a copy with plain inner props, or None when a node is not in the
    template's prop order (the Python path decides)."""
    cdef Py_ssize_t index = 0
    cdef list out = []
    cdef bint root_same = False
    cdef int result = diff_node(spec, size, old, new, &index, out, empty, &root_same)
    if result == -1:
        return None
    if result == 0 or index != size:
        return False
    return not root_same, out


# reactive props: the same closure ----------------------------------------------------------

cdef extern from "Python.h":
    PyObject *PyFunction_GET_CODE(object)
    PyObject *PyFunction_GET_GLOBALS(object)
    PyObject *PyFunction_GET_DEFAULTS(object)
    PyObject *PyFunction_GET_KW_DEFAULTS(object)
    PyObject *PyFunction_GET_CLOSURE(object)
    PyObject *PyCell_GET(PyObject *)
    bint PyFunction_Check(object)


cdef inline bint same_optional(PyObject *a, PyObject *b) except -1:
    if a == b:
        return True
    if a == NULL or b == NULL:
        return False
    return <object>a == <object>b


def same_closure(a, b):
    """`_element.same_closure`: the same code over the same captured objects."""
    cdef PyObject *cells_a
    cdef PyObject *cells_b
    cdef PyObject *x
    cdef Py_ssize_t i, n
    if not PyFunction_Check(a) or not PyFunction_Check(b):
        return False
    if PyFunction_GET_CODE(a) != PyFunction_GET_CODE(b) \
            or PyFunction_GET_GLOBALS(a) != PyFunction_GET_GLOBALS(b) \
            or not same_optional(PyFunction_GET_DEFAULTS(a), PyFunction_GET_DEFAULTS(b)) \
            or not same_optional(PyFunction_GET_KW_DEFAULTS(a), PyFunction_GET_KW_DEFAULTS(b)):
        return False
    cells_a = PyFunction_GET_CLOSURE(a)
    cells_b = PyFunction_GET_CLOSURE(b)
    if cells_a == NULL or cells_b == NULL or <object>cells_a is None or <object>cells_b is None:
        return (cells_a == NULL or <object>cells_a is None) \
            and (cells_b == NULL or <object>cells_b is None)
    n = PyTuple_GET_SIZE(<tuple>cells_a)
    if PyTuple_GET_SIZE(<tuple>cells_b) != n:
        return False
    for i in range(n):
        x = PyCell_GET(PyTuple_GET_ITEM(<tuple>cells_a, i))
        if x == NULL or x != PyCell_GET(PyTuple_GET_ITEM(<tuple>cells_b, i)):
            return False  # (an empty cell, a name not bound yet: no proof they agree)
    return True


def send_changed_texts(list changes, Py_ssize_t base, strings, buf):
    """`_update_copy`'s usual change in C: `SET_TEXT` for each `(offset, before, after)` whose
    props are one text before and after; returns the other changes, for Python."""
    cdef list rest = []
    cdef tuple change, pa, pb
    cdef list before, after
    cdef StringTable table = strings if type(strings) is StringTable else None
    cdef Py_ssize_t written = 0
    cdef bytearray out = buf._buf
    try:
        for item in changes:
            change = <tuple>item
            before = <list>change[1]
            after = <list>change[2]
            if len(before) == 1 and len(after) == 1:
                pa = <tuple>before[0]
                pb = <tuple>after[0]
                value = pb[1]
                if type(value) is str and pb[0] == "text" and pa[0] == "text" and table is not None:
                    if same_value(pa[1], value):
                        continue
                    sid = table._id_for(value, buf, out, &written) if value else 0
                    out += u32_triple(set_text_header,
                                      <unsigned int>(base + <Py_ssize_t>change[0]),
                                      <unsigned int>sid)
                    written += 1
                    continue
            rest.append(change)
    finally:
        if written:
            buf._count += written
    return rest


# a copy's INSTANTIATE and INSERT -----------------------------------------------------------

cdef unsigned int instantiate_header = 0, insert_header = 0, append_id = 0


def install_copy_commands(unsigned int instantiate_h, unsigned int insert_h, unsigned int append):
    """Hand `instantiate_copy` the encoder's headers and the append marker."""
    global instantiate_header, insert_header, append_id
    instantiate_header, insert_header, append_id = instantiate_h, insert_h, append


def instantiate_copy(buf, Py_ssize_t template, Py_ssize_t base, Py_ssize_t parent, before):
    """`INSTANTIATE template at base` and `INSERT base under parent before before` (None:
    append), as `CommandBuffer.instantiate` and `.insert` write them, for ids the
    reconciler made (a template's id, an allocated block, a mounted node): one call per
    row instead of two."""
    cdef Py_ssize_t where = append_id if before is None else <Py_ssize_t>before
    cdef unsigned int words[7]
    cdef unsigned char data[28]
    cdef int i, w
    if not (0 < template <= 0xFFFFFFFF and 0 < base <= 0xFFFFFFFF
            and 0 < parent <= 0xFFFFFFFF and 0 < where <= 0xFFFFFFFF):
        raise ValueError(f"instantiate_copy: an id out of range (template {template}, "
                         f"base {base}, parent {parent}, before {before})")
    words[0], words[1], words[2] = instantiate_header, <unsigned int>template, <unsigned int>base
    words[3], words[4] = insert_header, <unsigned int>parent
    words[5], words[6] = <unsigned int>base, <unsigned int>where
    for w in range(7):
        for i in range(4):
            data[4 * w + i] = (words[w] >> (8 * i)) & 0xFF
    cdef bytearray out = buf._buf
    out += (<char *>data)[:28]
    buf._count += 2
