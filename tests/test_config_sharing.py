"""ConfigSharing: equal configs (separate objects) are merged, strictly different ones are
not; the compiled comparison (rlve_fast._core.share.same) agrees with its twin, == confirmed
by marshal bytes."""
import copy
import marshal

import pytest
from hypothesis import given, settings, strategies as st

from rlve_fast import _impl
from rlve_fast.batch import ConfigSharing

IMPLS = ["python"] + (["compiled"] if _impl.HAVE_COMPILED else [])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.integers(),
                    st.sampled_from([0.0, -0.0, 1.0, 3.0, float("nan"), 2.5]), st.sampled_from(["a", "b", ""]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=4).map(tuple),
    st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)), max_leaves=12)


def twin_same(a, b):
    try:
        return a == b and marshal.dumps(a, 2) == marshal.dumps(b, 2)
    except ValueError:
        return False


@pytest.mark.skipif(not _impl.HAVE_COMPILED, reason="compiled core not built")
@settings(max_examples=400, deadline=None)
@given(values, values)
def test_compiled_same_matches_twin(a, b):
    from rlve_fast._core.share import same
    a, b = [a], [b]  # configs are containers: == compares their items identity first
    assert same(a, b) == twin_same(a, b)
    assert same(a, copy.deepcopy(a)) == twin_same(a, copy.deepcopy(a))


@pytest.mark.parametrize("impl", IMPLS)
def test_merges_equal_and_keeps_apart_strictly_different(impl):
    with _impl.implementation(impl):
        share = ConfigSharing()
        alive = []  # ConfigSharing memoises by id: the caller keeps its configs alive
        share = (lambda f: (lambda c: (alive.append(c), f(c))[1]))(share)
        base = {"seed": 1, "parameter": {"N": 3, "A": [1, 2, 3]}, "passing_reward_threshold": 1.0}
        twin = copy.deepcopy(base)
        assert share(base) is base
        assert share(twin) is base
        for n in (3.0, True):
            other = copy.deepcopy(base)
            other["parameter"]["N"] = n
            assert share(other) is other
        other = copy.deepcopy(base)
        other["parameter"]["A"] = (1, 2, 3)
        assert share(other) is other
        other = copy.deepcopy(base)
        other["parameter"]["A"] = [1, 2, 4]
        assert share(other) is other
        assert share(copy.deepcopy(other)) is other
        reordered = {"parameter": base["parameter"], "seed": 1, "passing_reward_threshold": 1.0}
        assert share(reordered) in (base, reordered)


@pytest.mark.parametrize("impl", IMPLS)
@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), values), min_size=1, max_size=8))
def test_shared_config_is_strictly_equal(impl, items):
    with _impl.implementation(impl):
        share = ConfigSharing()
        configs = [{"seed": s, "parameter": {"x": v}} for s, v in items]
        configs += [copy.deepcopy(c) for c in configs]
        for c in configs:
            found = share(c)
            assert found is c or twin_same(found, c)
