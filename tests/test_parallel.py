"""How a parallel run shares out its files (the output itself is compared with a
serial run's in test_gate_cache.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from contentlint.runner import MAX_CHUNK, MIN_CHUNK, chunked


@given(st.integers(0, 5000), st.integers(1, 8))
def test_chunks_cover_the_files_in_order(count: int, jobs: int) -> None:
    files = list(range(count))
    chunks = chunked(files, jobs)  # type: ignore[arg-type]
    assert [item for chunk in chunks for item in chunk] == files
    sizes = [len(chunk) for chunk in chunks]
    assert all(MIN_CHUNK <= size <= MAX_CHUNK for size in sizes[:-1])
    assert all(1 <= size <= MAX_CHUNK for size in sizes[-1:])
    assert sizes == sorted(sizes, reverse=True)  # never a larger chunk after a smaller one


def test_chunks_shrink_toward_the_end() -> None:
    sizes = [len(chunk) for chunk in chunked(list(range(4061)), 2)]  # type: ignore[arg-type]
    assert sizes[0] == MAX_CHUNK and sizes[-9:] == [MIN_CHUNK] * 9
    assert sizes[-12:-9] == [6, 5, 5]  # a quarter of a worker's share of what is left
    assert len(sizes) == 85
