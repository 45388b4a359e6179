"""Source: raw bytes to text.

Decoding is strict: a file that is not UTF-8 (with or without BOM) or UTF-16
with a BOM is reported, never guessed at, so offsets always refer to what the
author wrote. The BOM is dropped from the text (it would shift every column on
line 1) and remembered so that ``--fix`` can write it back.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

# Larger files are refused: nobody writes a 50 MB article, and linting one
# would stall a pre-commit run.
MAX_BYTES = 50 * 1024 * 1024


class SourceError(Exception):
    """A file that cannot be linted; the message says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    bom: bool = False
    encoding: str = "utf-8"
    newline: str = "\n"


def detect_newline(text: str) -> str:
    """The first newline style used in the text ("\\n" when there is none)."""
    index = text.find("\n")
    if index == -1:
        return "\r" if "\r" in text else "\n"
    return "\r\n" if index > 0 and text[index - 1] == "\r" else "\n"


def decode(data: bytes, path: str = "<string>", max_bytes: int = MAX_BYTES) -> Source:
    """Decode bytes into a Source, or raise SourceError naming the reason."""
    if len(data) > max_bytes:
        raise SourceError(path, f"file is too large ({len(data):,} bytes; the limit is {max_bytes:,}, "
                                "set max-file-size to raise it)")
    encoding = "utf-8"
    bom = False
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        bom = True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        bom = True
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise SourceError(path, "binary file (contains NUL bytes)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        # Offsets and lines in the message count from the file's first byte (BOM included).
        offset = error.start + (len(codecs.BOM_UTF8) if encoding == "utf-8" and bom else 0)
        line = data.count(b"\n", 0, error.start) + 1 if encoding == "utf-8" else None
        where = f"at byte offset {offset}" + (f" (line {line})" if line else "")
        raise SourceError(
            path, f"not valid {encoding.upper()}: cannot decode byte 0x{data[error.start]:02x} {where}"
        ) from None
    if encoding == "utf-16":
        text = text.lstrip("\ufeff")
    # In valid UTF-8 a zero byte is a NUL character and nothing else: the bytes are searched faster.
    if (b"\x00" in data) if encoding == "utf-8" else ("\x00" in text):
        raise SourceError(path, "binary file (contains NUL characters)")
    return Source(path=path, text=text, bom=bom, encoding=encoding, newline=detect_newline(text))


def read_bytes(path: Path, display_path: str | None = None, max_bytes: int = MAX_BYTES) -> bytes:
    """Read one file's bytes, or raise SourceError naming the reason."""
    return read_bytes_and_stat(path, display_path, max_bytes)[0]


def read_bytes_and_stat(path: str | Path, display_path: str | None = None,
                        max_bytes: int = MAX_BYTES) -> tuple[bytes, os.stat_result]:
    """Read one file's bytes, with the stat of the open file taken before reading (a change
    made while it is read shows in the next stat); or raise SourceError naming the reason."""
    name = display_path or str(path)
    try:
        with open(path, "rb", buffering=0) as stream:  # one open, its size from the open file
            stat = os.fstat(stream.fileno())
            if stat.st_size > max_bytes:
                raise SourceError(name, f"file is too large ({stat.st_size:,} bytes; the limit is {max_bytes:,}, "
                                        "set max-file-size to raise it)")
            return stream.readall(), stat
    except FileNotFoundError:
        raise SourceError(name, "no such file") from None
    except IsADirectoryError:
        raise SourceError(name, "is a directory") from None
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except OSError as error:
        raise SourceError(name, f"cannot read: {error.strerror or error}") from None


def read_source(path: Path, display_path: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read and decode one file."""
    name = display_path or str(path)
    return decode(read_bytes(path, name, max_bytes), name, max_bytes)


def source_from_text(text: str, path: str = "<string>") -> Source:
    """A Source for text that is already decoded (the Python API, tests)."""
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    return Source(path=path, text=text, bom=bom, newline=detect_newline(text))


def encode(source: Source, text: str) -> bytes:
    """Encode text the way the source was stored (BOM and encoding kept)."""
    if source.encoding == "utf-16":
        return text.encode("utf-16")  # writes a BOM itself
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if source.bom else data
