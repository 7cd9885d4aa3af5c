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

from cpython.dict cimport PyDict_Next, PyDict_GetItem, PyDict_CheckExact
from cpython.list cimport PyList_Append
from cpython.object cimport PyObject
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
cdef object element_cls = None
cdef object known_names = None
cdef object pure_host_element = None
cdef object view_kind = None
cdef object equal = None


def install_elements(element, known, pure_host, view):
    """Hand `host_element` and `match` the pure modules' objects (once, at import)."""
    global element_cls, known_names, pure_host_element, view_kind
    element_cls = element
    known_names = known
    pure_host_element = pure_host
    view_kind = view


def install_match(equal_fn):
    """Hand `match` the pure value comparison (once, at import)."""
    global equal
    equal = equal_fn


def host_element(host, children, props, key):
    """`host_element` for known prop names and element children; else the pure one."""
    cdef Py_ssize_t i, n
    kind = host.kind
    if not PyDict_CheckExact(props) or not (<frozenset>known_names[kind]).issuperset(props):
        return pure_host_element(host, children, props, key)
    if type(children) is not tuple:
        return pure_host_element(host, children, props, key)
    n = PyTuple_GET_SIZE(children)
    if n == 0:
        return element_cls(host, props, (), key)
    if kind is not view_kind:
        return pure_host_element(host, children, props, key)
    for i in range(n):
        if type(<object>PyTuple_GET_ITEM(children, i)) is not element_cls:
            return pure_host_element(host, children, props, key)
    return element_cls(host, props, children, key)


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
