"""A run's temporary file: what the main process keeps of the run's reports outside its memory,
read back when it is needed.

Two kinds of value go there. A summary's bulk, in `Detail`s: each sentence's text and location
and each cell's place are read only to make a finding, and the copy join reads the sentences' key
hashes, sizes and MinHash once per pass, a report at a time; as each result arrives, the run
hands the summary to `spill` and its details are written first. Then the records of
`linter.run.store`: each result's row and each summary (`put_value`), in which a detail already
in the file is written as its offset, not its data again (`get` gives it back as a `Detail` that
reads it from there). A detail stays in memory where nothing spilled it (a summary made outside
a run, an index being built).

A summary's details are written apart by its having a method `spill(file: SpillFile) -> None`
(a plugin's summary without one is written whole in its record). The file is a
`tempfile.TemporaryFile`: it has no name on POSIX systems, and closing it (when the run is
closed, after its output) removes it. Where no temporary file can be made, or the disk is full,
the values stay in memory: the run is the same, only larger.
"""

from __future__ import annotations

import errno
import io
import pickle
from collections import OrderedDict
from collections.abc import Iterable
from contextvars import ContextVar
from typing import IO, Any, Generic, TypeVar

T = TypeVar("T")

IN_MEMORY = 1 << 20
"""Bytes of details kept in memory before the file is made: a constant, not a share of the run."""
_SIZE = 8
"""Bytes of the size written before each value."""
_RECENT = 16
"""Details read back that are kept (a finding reads the same report's details several times)."""


class SpillFile:
    """One run's temporary file of details: `put` appends one (pickled), `get` reads it back.
    The first IN_MEMORY bytes stay in memory (a run of a few reports makes no file), and all of
    them when no temporary file can be made; `close` (or leaving a `with` block) removes the file.

    The file is unbuffered: a write that fails (a full disk) fails in the `put` of its own value,
    which then stays where it was (`Detail.spill`), and the values written before stay readable."""

    def __init__(self) -> None:
        self._file: IO[bytes] = io.BytesIO()
        self._on_disk = False
        self._in_memory_only = False
        self._end = 0
        self._recent: OrderedDict[int, Any] = OrderedDict()

    def put(self, data: bytes) -> int:
        """Append a pickled value (after its size); its offset in the file. OSError when it
        cannot be written."""
        record = len(data).to_bytes(_SIZE, "little") + data
        if self._end + len(record) > IN_MEMORY and not (self._on_disk or self._in_memory_only):
            self._to_disk()
        self._file.seek(self._end)
        if self._file.write(record) != len(record):
            raise OSError(errno.ENOSPC, "the spill file could not be written")
        offset = self._end
        self._end += len(record)
        return offset

    def _to_disk(self) -> None:
        """Move the values held in memory to a temporary file; keep them in memory if none can
        be made or written."""
        import tempfile

        try:
            disk = tempfile.TemporaryFile(prefix="govlint-spill-", buffering=0)
        except OSError:
            self._in_memory_only = True
            return
        try:
            with self._file.getbuffer() as held:  # type: ignore[attr-defined]  # a BytesIO until now
                if disk.write(held) != self._end:
                    raise OSError(errno.ENOSPC, "the spill file could not be written")
        except OSError:
            disk.close()
            self._in_memory_only = True
            return
        self._file, self._on_disk = disk, True

    def read(self, offset: int) -> bytes:
        """The pickled value stored at `offset` (from `put`)."""
        if self._file.closed:
            raise ValueError("the spill file of this run is closed: the run is over")
        self._file.seek(offset)
        return self._file.read(int.from_bytes(self._file.read(_SIZE), "little"))

    def get(self, offset: int) -> Any:
        """The value stored at `offset`, unpickled (the last few read are kept: the same object
        while it is one of them)."""
        if offset in self._recent:
            self._recent.move_to_end(offset)
            return self._recent[offset]
        token = _LINKING.set(self)
        try:
            value = self._recent[offset] = pickle.loads(self.read(offset))
        finally:
            _LINKING.reset(token)
        if len(self._recent) > _RECENT:
            self._recent.popitem(last=False)
        return value

    def put_value(self, value: object) -> int:
        """Append `value` pickled, the `Detail`s in it that are spilled to this file as their
        offsets (not their data again); its offset, for `get`. OSError when it cannot be written."""
        token = _LINKING.set(self)
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            _LINKING.reset(token)
        return self.put(data)

    def forget_read(self) -> None:
        """Let the values last read back (`get`) go."""
        self._recent.clear()

    def close(self) -> None:
        """Remove the file; details spilled to it can no longer be read."""
        self._recent.clear()
        self._file.close()

    __del__ = close  # a run's results dropped unclosed (a test's) still remove their file

    def __enter__(self) -> SpillFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class Detail(Generic[T]):
    """A part of a summary the main process need not hold (never None): held in memory where it was made,
    pickled as it came from another process (a worker, the results cache), or written to the
    run's file by `spill`; `value` gives it back in each case. It crosses processes pickled once,
    so the main process writes what a worker sent to the file without unpickling it."""

    __slots__ = ("_file", "_offset", "_pickled", "_value")

    def __init__(self, value: T | None = None, pickled: bytes | None = None) -> None:
        self._value = value
        self._pickled = pickled
        self._file: SpillFile | None = None
        self._offset = 0

    @property
    def value(self) -> T:
        if self._value is not None:
            return self._value
        if self._file is not None:
            return self._file.get(self._offset)
        return pickle.loads(self._pickled)  # type: ignore[arg-type]  # one of the three is set

    def _data(self) -> bytes:
        if self._pickled is not None:
            return self._pickled
        if self._file is not None:
            return self._file.read(self._offset)
        return pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)

    def spill(self, file: SpillFile) -> None:
        """Write the value to `file` and let it go (once: a spilled detail stays where it is)."""
        if self._file is None:
            try:
                self._offset = file.put(self._data())
            except OSError:  # no room for it on disk: it stays here
                return
            self._file, self._value, self._pickled = file, None, None

    def __reduce__(self) -> tuple:
        if self._file is not None and _LINKING.get() is self._file:
            return _linked_detail, (self._offset,)
        return _pickled_detail, (self._data(),)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Detail):
            return NotImplemented
        return bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and not immutable


def _pickled_detail(data: bytes) -> Detail:
    return Detail(pickled=data)


_LINKING: ContextVar[SpillFile | None] = ContextVar("_LINKING", default=None)
"""The spill file a value is being written to or read from (`put_value`, `get`): a `Detail`
spilled to it is pickled as its offset there, not its data again."""


def _linked_detail(offset: int) -> Detail:
    detail: Detail = Detail()
    detail._file, detail._offset = _LINKING.get(), offset
    return detail


def spill(summaries: Iterable[object], file: SpillFile) -> None:
    """Spill the details of each summary that has any (a `spill(file)` method) to `file`."""
    for summary in summaries:
        method = getattr(summary, "spill", None)
        if callable(method):
            method(file)
