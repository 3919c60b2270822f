"""Case-insensitive header lookup over the shapes Python web frameworks hand out."""

from typing import Any, Callable, List, Mapping


def header_lookup(headers: Any) -> Callable[[str], List[str]]:
    """All non-blank, stripped values of a header, in order; [] when absent.

    Accepts a mapping (``dict``, Flask/Werkzeug ``request.headers``, Django
    ``request.headers``), an ``email.message.Message`` (``http.server``'s
    ``self.headers``) or a ``name -> value`` function.
    """
    if headers is None:
        raise TypeError("headers must not be None")
    if callable(headers) and not hasattr(headers, "items"):
        def by_function(name: str) -> List[str]:
            values = _collect(headers(name))
            if not values and name != name.lower():
                values = _collect(headers(name.lower()))
            return values

        return by_function
    if hasattr(headers, "get_all"):
        return lambda name: _collect(headers.get_all(name) or [])
    if hasattr(headers, "items"):
        def by_mapping(name: str) -> List[str]:
            wanted = name.lower()
            values: List[str] = []
            for key, value in headers.items():
                if isinstance(key, str) and key.lower() == wanted:
                    values.extend(_collect(value))
            return values

        return by_mapping
    raise TypeError("headers must be a mapping, an email.message.Message or a function")


def headers_from_environ(environ: Mapping[str, Any]) -> dict:
    """The request headers of a WSGI ``environ`` as a dict keyed by lower-case name."""
    headers = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers[key[5:].replace("_", "-").lower()] = value
        elif key == "CONTENT_TYPE":
            headers["content-type"] = value
    return headers


def _collect(value: Any) -> List[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        out: List[str] = []
        for item in value:
            out.extend(_collect(item))
        return out
    text = str(value).strip()
    return [text] if text else []
